/**
 * Input generation with fast-check (jazzer.js is not installable offline here): a seed from
 * the corpus plus a chain of byte-, ASN.1- and MIME-aware mutations. Sizes are not capped
 * low: chunk duplication can grow an input to MAX_FUZZ_BYTES (the BigSig lesson).
 */
import fc from 'fast-check';

export const MAX_FUZZ_BYTES = 8 * 1024 * 1024;

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; other: number; from: number }
  | { kind: 'asn1-length'; at: number; form: number }
  | { kind: 'asn1-tag'; at: number; tag: number }
  | { kind: 'mime-line'; at: number; line: number }
  | { kind: 'asn1-value'; at: number; value: number };

const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x81, 0x84, 0x30, 0x31, 0x24, 0x04, 0x05, 0x06, 0xa0, 0x2d, 0x0a, 0x0d, 0x3d];
const TAGS = [0x30, 0x31, 0x24, 0x04, 0x02, 0x06, 0x05, 0xa0, 0xa1, 0x80, 0x17, 0x18, 0x0c, 0x03];
const LENGTHS: number[][] = [[0x80], [0x84, 0xff, 0xff, 0xff, 0xff], [0x82, 0xff, 0xff], [0x00], [0x81, 0x00], [0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
/**
 * Hostile values written over the start of an OCTET/BIT STRING's contents, where pkijs parses
 * extension values and keys lazily (a GeneralizedTime "12X" made asn1js throw a plain Error).
 */
const ASN1_VALUES: number[][] = [
  [0x18, 0x03, 0x31, 0x32, 0x58], // GeneralizedTime with a non-digit end
  [0x17, 0x03, 0x39, 0x39, 0x5a], // truncated UTCTime
  [0x18, 0x0f, 0x32, 0x30, 0x32, 0x30, 0x31, 0x33, 0x33, 0x32, 0x32, 0x35, 0x39, 0x35, 0x39, 0x2b, 0x31], // month 13, offset
  [0x02, 0x00], // empty INTEGER
  [0x02, 0x09, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // huge negative INTEGER
  [0x03, 0x01, 0x08], // BIT STRING with 8 unused bits
  [0x01, 0x02, 0xff, 0xff], // BOOLEAN of two octets
  [0x05, 0x01, 0x00], // NULL with contents
  [0x06, 0x01, 0x80], // OID with a dangling continuation
  [0x30, 0x80, 0x00, 0x00], // indefinite SEQUENCE
  [0x1e, 0x01, 0x41], // odd-length BMPString
  [0x0c, 0x02, 0xc3, 0x28], // invalid UTF-8
  [0x04, 0x00], // empty OCTET STRING
];
const MIME_LINES = [
  '--',
  '\r\n\r\n',
  'Content-Type: multipart/mixed; boundary="a"\r\n',
  'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="a"\r\n',
  'Content-Type: application/pkcs7-mime; smime-type=signed-data\r\n',
  'Content-Type: message/rfc822\r\n',
  'Content-Transfer-Encoding: base64\r\n',
  'Content-Transfer-Encoding: quoted-printable\r\n',
  '\r\n--a\r\n',
  '\r\n--a--\r\n',
  'From: a@b.c\r\n',
  '=?utf-8?b?=?=',
  ' \t\r\n',
  '=\r\n',
];

const at = fc.nat();
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at, value: fc.oneof(fc.constantFrom(...INTERESTING), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at,
    length: fc.integer({ min: 1, max: 4096 }),
    times: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 100, max: 5000 })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('splice' as const), at, other: fc.nat(), from: fc.nat() }),
  fc.record({ kind: fc.constant('asn1-length' as const), at, form: fc.nat({ max: LENGTHS.length - 1 }) }),
  fc.record({ kind: fc.constant('asn1-tag' as const), at, tag: fc.constantFrom(...TAGS) }),
  fc.record({ kind: fc.constant('mime-line' as const), at, line: fc.nat({ max: MIME_LINES.length - 1 }) }),
  fc.record({ kind: fc.constant('asn1-value' as const), at, value: fc.nat({ max: ASN1_VALUES.length - 1 }) }),
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Where the contents of OCTET/BIT STRINGs of at least `min` octets start (short or long length form). */
function stringContents(input: Uint8Array, min: number): number[] {
  const found: number[] = [];
  for (let i = 0; i < input.length - 2 && found.length < 4096; i++) {
    if (input[i] !== 0x04 && input[i] !== 0x03) continue;
    let length = input[i + 1];
    let start = i + 2;
    if (length & 0x80) {
      const octets = length & 0x7f;
      if (octets === 0 || octets > 3 || start + octets > input.length) continue;
      length = 0;
      for (let k = 0; k < octets; k++) length = length * 256 + input[start++];
    }
    if (input[i] === 0x03) start++; // the unused-bits octet
    if (length >= min && start + length <= input.length + 1) found.push(start);
  }
  return found;
}

/** Offset of the next byte that looks like a constructed ASN.1 tag, so length edits hit TLVs. */
function nextTlv(input: Uint8Array, from: number): number {
  for (let i = from; i < input.length - 1; i++) if (input[i] === 0x30 || input[i] === 0x31 || input[i] === 0xa0 || input[i] === 0x24) return i;
  return from;
}

export function applyMutation(input: Uint8Array, m: Mutation, seeds: Uint8Array[]): Uint8Array {
  const n = input.length;
  const pos = n === 0 ? 0 : m.at % n;
  switch (m.kind) {
    case 'flip':
      if (n === 0) return input;
      input = input.slice();
      input[pos] ^= 1 << m.bit;
      return input;
    case 'set':
      if (n === 0) return input;
      input = input.slice();
      input[pos] = m.value;
      return input;
    case 'insert':
      return concat(input.subarray(0, pos), m.bytes, input.subarray(pos));
    case 'delete':
      return concat(input.subarray(0, pos), input.subarray(Math.min(n, pos + m.length)));
    case 'duplicate': {
      const chunk = input.subarray(pos, Math.min(n, pos + m.length));
      const times = Math.max(1, Math.min(m.times, Math.floor((MAX_FUZZ_BYTES - n) / Math.max(1, chunk.length))));
      return concat(input.subarray(0, pos), ...Array.from({ length: times }, () => chunk), input.subarray(pos));
    }
    case 'truncate':
      return input.subarray(0, pos);
    case 'splice': {
      const other = seeds[m.other % seeds.length];
      return concat(input.subarray(0, pos), other.subarray(other.length === 0 ? 0 : m.from % other.length));
    }
    case 'asn1-length': {
      const t = nextTlv(input, pos);
      if (t + 1 >= n) return input;
      // Replace the length octets of the TLV at t with a hostile form (indefinite, huge, truncated).
      const lenBytes = input[t + 1] & 0x80 ? 1 + (input[t + 1] & 0x7f) : 1;
      return concat(input.subarray(0, t + 1), Uint8Array.from(LENGTHS[m.form]), input.subarray(Math.min(n, t + 1 + lenBytes)));
    }
    case 'asn1-tag': {
      const t = nextTlv(input, pos);
      if (t >= n) return input;
      input = input.slice();
      input[t] = m.tag;
      return input;
    }
    case 'mime-line':
      return concat(input.subarray(0, pos), new TextEncoder().encode(MIME_LINES[m.line]), input.subarray(pos));
    case 'asn1-value': {
      // Same length, so every enclosing TLV still parses and the value reaches the lazy decoders.
      const value = ASN1_VALUES[m.value];
      const starts = stringContents(input, value.length + 1);
      if (starts.length === 0) return input;
      const start = starts[m.at % starts.length];
      input = input.slice();
      input.set(value, start);
      return input;
    }
  }
}

/** An arbitrary over mutated seeds; shrinking is not used, inputs are replayed from files instead. */
export function mutatedInput(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .record({ seed: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }) })
    .map(({ seed, mutations }) => mutations.reduce((input, m) => applyMutation(input, m, seeds), seeds[seed]));
}

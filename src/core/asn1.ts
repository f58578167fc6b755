/**
 * The single place that parses BER/DER for the core. asn1js 4 defaults refuse any input
 * over 16 MiB or 10,000 nodes (see shared pkijs-notes §2), which rejects real 25 MB mail;
 * we raise both to explicit budgets and turn every parse failure into a typed error.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { MalformedInputError, LimitExceededError } from './errors';
import { bufferSource } from './bytes';

export interface Asn1Limits {
  /** Largest single value (bytes). */
  maxContentLength: number;
  /** Most nodes in one structure. */
  maxNodes: number;
}

export const DEFAULT_ASN1_LIMITS: Asn1Limits = {
  maxContentLength: 64 * 1024 * 1024,
  // asn1js needs ~1.7 KB per node, so this bounds a hostile "node bomb" to ~350 MB. Real mail
  // is far below it: a 5 MB `openssl cms -sign -stream -binary` message has ~1,400 nodes.
  maxNodes: 200_000,
};

const COPY_THRESHOLD = 1024 * 1024;
/** Real OIDs are a few dozen bytes; asn1js allocates objects per sub-identifier, so cap them. */
const MAX_OID_BYTES = 128;

/**
 * One linear pass over every TLV header (constructed contents are walked, primitive ones
 * skipped): true when an OBJECT IDENTIFIER or RELATIVE-OID is longer than MAX_OID_BYTES.
 * A megabyte-long OID made asn1js spend seconds and gigabytes (found by the PKCS#12 fuzz target).
 * Structural errors are left for asn1js to report.
 */
function hasOversizedOid(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let pos = 0;
  while (pos < n) {
    const tag = bytes[pos++];
    let tagNumber = tag & 0x1f;
    if (tagNumber === 0x1f) {
      tagNumber = 0;
      let more = true;
      while (more) {
        if (pos >= n) return false;
        const b = bytes[pos++];
        tagNumber = Math.min(tagNumber * 128 + (b & 0x7f), 0x7fffffff);
        more = (b & 0x80) !== 0;
      }
    }
    if (pos >= n) return false;
    let length = bytes[pos++];
    if (length === 0x80 || (tag & 0x20) !== 0) {
      // Constructed (or indefinite): its children follow; skip a long-form length field.
      if (length > 0x80) pos += length & 0x7f;
      continue;
    }
    if (length > 0x80) {
      const octets = length & 0x7f;
      if (octets > 4 || pos + octets > n) return false;
      length = 0;
      for (let i = 0; i < octets; i++) length = length * 256 + bytes[pos++];
    }
    if ((tag & 0xc0) === 0 && (tagNumber === 6 || tagNumber === 13) && length > MAX_OID_BYTES) return true;
    pos += length;
  }
  return false;
}

export function parseBer(bytes: Uint8Array, what: string, limits: Asn1Limits = DEFAULT_ASN1_LIMITS): asn1js.AsnType {
  if (bytes.length > limits.maxContentLength) {
    throw new LimitExceededError(`${what} is larger than the ${limits.maxContentLength}-byte limit`);
  }
  if (hasOversizedOid(bytes)) throw new MalformedInputError(`${what} contains an OBJECT IDENTIFIER longer than ${MAX_OID_BYTES} bytes`);
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    // asn1js copies its input by default. For large inputs (encrypted or signed mail) the parsed
    // values may view the caller's bytes instead, saving a copy of up to 25 MB; small inputs
    // (keys, certificates) are still copied, so zeroing a caller's key buffer cannot change them.
    parsed = asn1js.fromBER(bufferSource(bytes), {
      maxContentLength: limits.maxContentLength,
      maxNodes: limits.maxNodes,
      copyInput: bytes.length < COPY_THRESHOLD,
      // asn1js otherwise tries to decode every OCTET/BIT STRING's contents as nested ASN.1, each
      // attempt with a fresh node budget: 8 MB of crafted input then took 6 s and 1.8 GB (found
      // by the PKCS#12 fuzz target). We parse encapsulated structures explicitly where expected.
      parseEmbedded: false,
    });
  } catch (err) {
    throw new MalformedInputError(`${what} is not valid BER: ${(err as Error).message}`, { cause: err });
  }
  if (parsed.offset === -1) {
    const message = parsed.result.error || 'unknown error';
    // The input itself is within maxContentLength (checked above), so a length field over it
    // claims bytes that are not there: malformed, not a resource limit.
    if (/content length exceeded/i.test(message)) throw new MalformedInputError(`${what} is not valid BER: a length exceeds the input`);
    if (/maximum|exceed/i.test(message)) throw new LimitExceededError(`${what} exceeds parser limits: ${message}`);
    throw new MalformedInputError(`${what} is not valid BER: ${message}`);
  }
  return parsed.result;
}

/** Parses a pkijs class from BER, mapping schema failures to MalformedInputError. */
export function parsePkiObject<T>(
  ctor: new (params: { schema: asn1js.AsnType }) => T,
  bytes: Uint8Array,
  what: string,
  limits?: Asn1Limits,
): T {
  const schema = parseBer(bytes, what, limits);
  try {
    return new ctor({ schema });
  } catch (err) {
    throw new MalformedInputError(`${what} has an invalid structure: ${(err as Error).message}`, { cause: err });
  }
}

export function parseContentInfo(bytes: Uint8Array, limits?: Asn1Limits): pkijs.ContentInfo {
  return parsePkiObject(pkijs.ContentInfo, bytes, 'CMS ContentInfo', limits);
}

/**
 * DER of a pkijs object. For a decoded object pkijs re-parses its saved bytes with asn1js
 * defaults (10 000 nodes, nested OCTET STRING parsing), which can throw plain Errors on
 * input our limits accepted; those become MalformedInputError here.
 */
export function toDer(obj: { toSchema(): asn1js.AsnType }): Uint8Array {
  try {
    return new Uint8Array(obj.toSchema().toBER(false));
  } catch (err) {
    throw new MalformedInputError(`cannot re-encode a decoded object: ${(err as Error).message}`, { cause: err });
  }
}

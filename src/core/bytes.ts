/**
 * Byte helpers that work in every runtime the core runs in (Node, browsers, Outlook's
 * JavaScript-only event runtime, which lacks atob/btoa and Buffer).
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_LOOKUP = (() => {
  const table = new Int16Array(256).fill(-1);
  for (let i = 0; i < B64.length; i++) table[B64.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62; // base64url tolerated on input
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** A fresh ArrayBuffer holding exactly these bytes (pkijs and WebCrypto want ArrayBuffer). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * The same bytes as a view WebCrypto accepts, without copying (a 25 MB subarray of a message
 * stays in place). Only memory shared between threads is copied.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

export function utf8Encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** Latin-1 view of bytes: one char per byte, lossless; used for header and boundary scanning. */
export function latin1Decode(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

export function latin1Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));

/** Length of encodeBase64's output for `inputLength` bytes. */
export function base64Length(inputLength: number, lineLength = 0): number {
  const encoded = Math.ceil(inputLength / 3) * 4;
  return lineLength > 0 ? encoded + Math.ceil(encoded / lineLength) * 2 : encoded;
}

/**
 * Base64 as ASCII bytes, optionally wrapped at `lineLength` columns with CRLF (as MIME
 * requires). Writes straight into one preallocated buffer: 25 MB attachments are common.
 */
export function encodeBase64(bytes: Uint8Array, lineLength = 0): Uint8Array {
  const out = new Uint8Array(base64Length(bytes.length, lineLength));
  writeBase64([bytes], out, 0, lineLength);
  return out;
}

/**
 * Writes the base64 of the concatenation of `parts` into `out` at `offset` and returns the
 * end offset, so a message can be assembled without first joining a 25 MB DER value.
 */
export function writeBase64(parts: Uint8Array[], out: Uint8Array, offset: number, lineLength = 0): number {
  let n = offset;
  let column = 0;
  const group = (v: number, chars: number) => {
    for (let k = 0; k < 4; k++) {
      out[n++] = k < chars ? B64_CODES[(v >>> (18 - 6 * k)) & 63] : 0x3d;
      if (lineLength > 0 && ++column === lineLength) {
        out[n++] = 0x0d;
        out[n++] = 0x0a;
        column = 0;
      }
    }
  };
  // Groups of 4 characters never straddle a line break when lineLength is a multiple of 4.
  const fast = lineLength === 0 || lineLength % 4 === 0;
  let carry = 0;
  let carried = 0;
  for (const bytes of parts) {
    let i = 0;
    while (carried > 0 && carried < 3 && i < bytes.length) {
      carry = (carry << 8) | bytes[i++];
      if (++carried === 3) {
        group(carry, 4);
        carry = 0;
        carried = 0;
      }
    }
    const full = i + Math.floor((bytes.length - i) / 3) * 3;
    if (fast) {
      for (; i < full; i += 3) {
        const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        out[n] = B64_CODES[v >>> 18];
        out[n + 1] = B64_CODES[(v >>> 12) & 63];
        out[n + 2] = B64_CODES[(v >>> 6) & 63];
        out[n + 3] = B64_CODES[v & 63];
        n += 4;
        column += 4;
        if (column === lineLength) {
          out[n++] = 0x0d;
          out[n++] = 0x0a;
          column = 0;
        }
      }
    } else {
      for (; i < full; i += 3) group((bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2], 4);
    }
    for (; i < bytes.length; i++) {
      carry = (carry << 8) | bytes[i];
      carried++;
    }
  }
  if (carried > 0) group(carry << (8 * (3 - carried)), carried + 1);
  if (lineLength > 0 && column > 0) {
    out[n++] = 0x0d;
    out[n++] = 0x0a;
  }
  return n;
}

/** Base64 text with optional line wrapping (76 columns, CRLF, as MIME requires). */
export function toBase64(bytes: Uint8Array, lineLength = 0): string {
  return latin1Decode(encodeBase64(bytes, lineLength));
}

/** Tolerant base64 decoding: skips whitespace and anything outside the alphabet, stops at '='. */
export function fromBase64(text: string | Uint8Array): Uint8Array {
  const src = typeof text === 'string' ? latin1Encode(text) : text;
  const out = new Uint8Array(Math.floor((src.length * 3) / 4) + 3);
  let n = 0;
  let quad = 0;
  let count = 0;
  for (let i = 0; i < src.length; i++) {
    const v = B64_LOOKUP[src[i]];
    if (v < 0) {
      if (src[i] === 0x3d) break; // '='
      continue;
    }
    quad = (quad << 6) | v;
    if (++count === 4) {
      out[n] = quad >>> 16;
      out[n + 1] = (quad >>> 8) & 0xff;
      out[n + 2] = quad & 0xff;
      n += 3;
      quad = 0;
      count = 0;
    }
  }
  if (count === 2) out[n++] = (quad >>> 4) & 0xff;
  else if (count === 3) {
    out[n++] = (quad >>> 10) & 0xff;
    out[n++] = (quad >>> 2) & 0xff;
  }
  return out.subarray(0, n);
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues is limited to 65536 bytes per call.
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}

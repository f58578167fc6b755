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
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
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

/** Base64 with optional line wrapping (76 columns, CRLF, as MIME requires). */
export function toBase64(bytes: Uint8Array, lineLength = 0): string {
  const chunks: string[] = [];
  let line = '';
  const emit = (s: string) => {
    if (lineLength <= 0) {
      chunks.push(s);
      return;
    }
    line += s;
    while (line.length >= lineLength) {
      chunks.push(line.slice(0, lineLength), '\r\n');
      line = line.slice(lineLength);
    }
  };
  const BLOCK = 3 * 1024;
  for (let i = 0; i < bytes.length; i += BLOCK) {
    const end = Math.min(i + BLOCK, bytes.length);
    let s = '';
    for (let j = i; j < end; j += 3) {
      const n = (bytes[j] << 16) | ((j + 1 < end ? bytes[j + 1] : 0) << 8) | (j + 2 < end ? bytes[j + 2] : 0);
      s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      s += j + 1 < end ? B64[(n >> 6) & 63] : '=';
      s += j + 2 < end ? B64[n & 63] : '=';
    }
    emit(s);
  }
  if (lineLength > 0 && line.length > 0) chunks.push(line, '\r\n');
  return chunks.join('');
}

/** Tolerant base64 decoding: skips whitespace and anything outside the alphabet, stops at '='. */
export function fromBase64(text: string | Uint8Array): Uint8Array {
  const src = typeof text === 'string' ? latin1Encode(text) : text;
  const out = new Uint8Array(Math.floor((src.length * 3) / 4) + 3);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x3d) break; // '='
    const v = B64_LOOKUP[c];
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.slice(0, n);
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues is limited to 65536 bytes per call.
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}

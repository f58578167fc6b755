/** Line-ending canonicalisation (RFC 8551 §3.1.1: CRLF everywhere in signed data). */
const CR = 0x0d;
const LF = 0x0a;

/** Bare LF and bare CR become CRLF; existing CRLF pairs are untouched (no copy when already canonical). */
export function canonicalizeLineEndings(bytes: Uint8Array): Uint8Array {
  // Native indexOf scans keep this fast on 25 MB bodies, where most bytes are not line breaks.
  let extra = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) if (i === 0 || bytes[i - 1] !== CR) extra++;
  for (let i = bytes.indexOf(CR); i !== -1; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) extra++;
  if (extra === 0) return bytes;
  const out = new Uint8Array(bytes.length + extra);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b === LF && (i === 0 || bytes[i - 1] !== CR)) || (b === CR && bytes[i + 1] !== LF)) {
      out[n++] = CR;
      out[n++] = LF;
    } else {
      out[n++] = b;
    }
  }
  return out;
}

/** True when every line fits 998 octets, there is no NUL and no 8-bit byte, and CR/LF only pair up. */
export function is7bitClean(bytes: Uint8Array, maxLine = 998): boolean {
  let lineStart = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b > CR && b < 0x80) continue; // the common case first: one range test per byte
    if (b === LF) {
      if (i === 0 || bytes[i - 1] !== CR || i - 1 - lineStart > maxLine) return false;
      lineStart = i + 1;
    } else if (b === CR) {
      if (bytes[i + 1] !== LF) return false;
    } else if (b === 0 || b >= 0x80) {
      return false;
    }
  }
  return n - lineStart <= maxLine;
}

/** True when some line ends in a space or tab (transports may strip it). */
export function hasTrailingWhitespace(bytes: Uint8Array): boolean {
  for (let i = 1; i < bytes.length; i++) {
    if ((bytes[i] === LF || bytes[i] === CR) && (bytes[i - 1] === 0x20 || bytes[i - 1] === 0x09)) return true;
  }
  const last = bytes[bytes.length - 1];
  return last === 0x20 || last === 0x09;
}

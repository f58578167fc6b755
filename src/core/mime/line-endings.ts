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
  const n = bytes.length;
  let lineStart = 0;
  const checkBytes = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) {
      const b = bytes[i];
      if (b > CR && b < 0x80) continue;
      if (b === LF) {
        if (i === 0 || bytes[i - 1] !== CR || i - 1 - lineStart > maxLine) return false;
        lineStart = i + 1;
      } else if (b === CR) {
        if (bytes[i + 1] !== LF) return false;
      } else if (b === 0 || b >= 0x80) {
        return false;
      }
    }
    return true;
  };
  // Four bytes at a time: a word with no byte >= 0x80 and none below 0x0E needs no
  // per-byte look (line lengths are measured at each LF). 25 MB bodies are common.
  const head = (4 - (bytes.byteOffset & 3)) & 3;
  if (n < head + 4) return checkBytes(0, n) && n - lineStart <= maxLine;
  if (!checkBytes(0, head)) return false;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (n - head) >>> 2);
  for (let w = 0; w < words.length; w++) {
    const v = words[w];
    if (((v | ((v - 0x0e0e0e0e) & ~v)) & 0x80808080) === 0) continue;
    const at = head + w * 4;
    if (!checkBytes(at, at + 4)) return false;
  }
  if (!checkBytes(head + words.length * 4, n)) return false;
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

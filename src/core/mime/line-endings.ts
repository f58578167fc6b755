/** Line-ending canonicalisation (RFC 8551 §3.1.1: CRLF everywhere in signed data). */
const CR = 0x0d;
const LF = 0x0a;

/** Bare LF and bare CR become CRLF; existing CRLF pairs are untouched. */
export function canonicalizeLineEndings(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === LF && (i === 0 || bytes[i - 1] !== CR)) extra++;
    else if (bytes[i] === CR && bytes[i + 1] !== LF) extra++;
  }
  if (extra === 0) return bytes;
  const out = new Uint8Array(bytes.length + extra);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF && (i === 0 || bytes[i - 1] !== CR)) {
      out[n++] = CR;
      out[n++] = LF;
    } else if (b === CR && bytes[i + 1] !== LF) {
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
  let lineLength = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0 || b >= 0x80) return false;
    if (b === CR) {
      if (bytes[i + 1] !== LF) return false;
      continue;
    }
    if (b === LF) {
      if (i === 0 || bytes[i - 1] !== CR) return false;
      lineLength = 0;
      continue;
    }
    if (++lineLength > maxLine) return false;
  }
  return true;
}

/** True when some line ends in a space or tab (transports may strip it). */
export function hasTrailingWhitespace(bytes: Uint8Array): boolean {
  for (let i = 1; i < bytes.length; i++) {
    if ((bytes[i] === LF || bytes[i] === CR) && (bytes[i - 1] === 0x20 || bytes[i - 1] === 0x09)) return true;
  }
  const last = bytes[bytes.length - 1];
  return last === 0x20 || last === 0x09;
}

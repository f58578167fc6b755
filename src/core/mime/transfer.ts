/** Content-Transfer-Encoding: quoted-printable (RFC 2045 §6.7) and body decoding. */
import { fromBase64, latin1Encode } from '../bytes';

const HEX = '0123456789ABCDEF';
const MAX_QP_LINE = 76;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Quoted-printable encoding. CRLF pairs are hard line breaks; lone CR or LF are encoded
 * so binary data round-trips. Output lines are at most 76 characters. Trailing white
 * space, a leading "From " and a "." at the start of a line are encoded so mail
 * transports (mbox, SMTP) cannot alter them.
 */
export function encodeQuotedPrintable(bytes: Uint8Array): string {
  const out: string[] = [];
  let line = '';
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 0x0d && i + 1 < n && bytes[i + 1] === 0x0a) {
      out.push(line, '\r\n');
      line = '';
      i++;
      continue;
    }
    const atLineEnd = i + 1 === n || (bytes[i + 1] === 0x0d && i + 2 < n && bytes[i + 2] === 0x0a);
    let token: string;
    if (c === 0x20 || c === 0x09) {
      token = atLineEnd ? '=' + HEX[c >> 4] + HEX[c & 15] : String.fromCharCode(c);
    } else if (c < 0x21 || c > 0x7e || c === 0x3d) {
      token = '=' + HEX[c >> 4] + HEX[c & 15];
    } else {
      token = String.fromCharCode(c);
    }
    // Keep room for the soft-break '='; the last token before a hard break may use column 76.
    const limit = atLineEnd ? MAX_QP_LINE : MAX_QP_LINE - 1;
    if (line.length + token.length > limit) {
      out.push(line, '=\r\n');
      line = '';
    }
    if (line.length === 0 && token.length === 1) {
      const startsFrom = c === 0x46 && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x6f && bytes[i + 3] === 0x6d && bytes[i + 4] === 0x20;
      if (c === 0x2e || startsFrom) token = '=' + HEX[c >> 4] + HEX[c & 15];
    }
    line += token;
  }
  out.push(line);
  return out.join('');
}

/**
 * Tolerant quoted-printable decoding: soft breaks removed, trailing white space before a
 * line break dropped (transports add it), invalid escapes kept literally.
 */
export function decodeQuotedPrintable(input: string | Uint8Array): Uint8Array {
  const src = typeof input === 'string' ? latin1Encode(input) : input;
  const out = new Uint8Array(src.length);
  let n = 0;
  let pendingWs = 0; // output length before a run of trailing white space candidates
  let inWs = false;
  const n0 = src.length;
  for (let i = 0; i < n0; i++) {
    const c = src[i];
    if (c === 0x20 || c === 0x09) {
      if (!inWs) {
        pendingWs = n;
        inWs = true;
      }
      out[n++] = c;
      continue;
    }
    if (c === 0x0d || c === 0x0a) {
      if (inWs) n = pendingWs; // white space at the end of an encoded line is padding
      inWs = false;
      out[n++] = c;
      continue;
    }
    inWs = false;
    if (c === 0x3d) {
      const h = i + 1 < n0 ? hexValue(src[i + 1]) : -1;
      const l = i + 2 < n0 ? hexValue(src[i + 2]) : -1;
      if (h >= 0 && l >= 0) {
        out[n++] = (h << 4) | l;
        i += 2;
        continue;
      }
      // Soft line break: '=' then optional white space then CRLF, LF or end of input.
      let j = i + 1;
      while (j < n0 && (src[j] === 0x20 || src[j] === 0x09)) j++;
      if (j === n0) {
        i = j;
        continue;
      }
      if (src[j] === 0x0a) {
        i = j;
        continue;
      }
      if (src[j] === 0x0d && j + 1 < n0 && src[j + 1] === 0x0a) {
        i = j + 1;
        continue;
      }
    }
    out[n++] = c;
  }
  if (inWs) n = pendingWs;
  return out.slice(0, n);
}

/** Undoes a Content-Transfer-Encoding; unknown encodings are returned as they are. */
export function decodeTransfer(body: Uint8Array, encoding: string): Uint8Array {
  switch (encoding) {
    case 'base64':
      return fromBase64(body);
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

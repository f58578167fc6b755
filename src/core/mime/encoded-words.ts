/** RFC 2047 encoded words in header values: decoding (B and Q) and UTF-8 encoding. */
import { concatBytes, fromBase64, latin1Encode, toBase64, utf8Encode } from '../bytes';
import { decodeCharset } from './charset';

// Character classes exclude '?' and white space, so each match attempt stops at the next
// '?': no catastrophic backtracking on hostile headers.
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeQ(text: string): Uint8Array {
  const src = latin1Encode(text.replace(/_/g, ' '));
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x3d && i + 2 < src.length) {
      const hex = String.fromCharCode(src[i + 1], src[i + 2]);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    out.push(src[i]);
  }
  return Uint8Array.from(out);
}

interface Segment {
  kind: 'text' | 'word';
  text: string;
  charset?: string;
  bytes?: Uint8Array;
}

/**
 * Decodes every encoded word. White space between two adjacent encoded words is dropped
 * (RFC 2047 §6.2), and adjacent words in the same charset are joined as bytes first, so a
 * multi-byte character split across two words still decodes.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  const segments: Segment[] = [];
  let last = 0;
  for (const m of value.matchAll(ENCODED_WORD)) {
    const index = m.index ?? 0;
    const between = value.slice(last, index);
    const prev = segments[segments.length - 1];
    if (between && !(prev?.kind === 'word' && /^\s+$/.test(between))) segments.push({ kind: 'text', text: between });
    const bytes = m[2].toLowerCase() === 'b' ? fromBase64(m[3]) : decodeQ(m[3]);
    const charset = m[1].toLowerCase();
    const top = segments[segments.length - 1];
    if (top?.kind === 'word' && top.charset === charset && top.bytes) top.bytes = concatBytes(top.bytes, bytes);
    else segments.push({ kind: 'word', text: '', charset, bytes });
    last = index + m[0].length;
  }
  if (last < value.length) segments.push({ kind: 'text', text: value.slice(last) });
  return segments.map((s) => (s.kind === 'word' && s.bytes ? decodeCharset(s.bytes, s.charset) : s.text)).join('');
}

const NEEDS_ENCODING = /[^\x20-\x7e]|=\?/;
const MAX_WORD = 75;
const Q_SAFE = /[A-Za-z0-9!*+\-/]/;

/** Splits text into chunks whose UTF-8 encoding fits `budget` bytes, never inside a code point. */
function chunkUtf8(text: string, budget: (bytes: Uint8Array) => number, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const ch of text) {
    const next = current + ch;
    if (current && budget(utf8Encode(next)) > max) {
      chunks.push(current);
      current = ch;
    } else {
      current = next;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

function qEncode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (b === 0x20) out += '_';
    else if (b < 0x80 && Q_SAFE.test(ch)) out += ch;
    else out += '=' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function qLength(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) n += b === 0x20 || (b < 0x80 && Q_SAFE.test(String.fromCharCode(b))) ? 1 : 3;
  return n;
}

/** Encodes a run of text as one or more UTF-8 encoded words (each ≤ 75 characters). */
function encodeRun(text: string): string {
  const bytes = utf8Encode(text);
  let nonAscii = 0;
  for (const b of bytes) if (b >= 0x80) nonAscii++;
  const useQ = nonAscii * 3 < bytes.length; // mostly ASCII reads better as Q
  const prefix = useQ ? '=?UTF-8?Q?' : '=?UTF-8?B?';
  const room = MAX_WORD - prefix.length - 2;
  const size = useQ ? qLength : (b: Uint8Array) => Math.ceil(b.length / 3) * 4;
  return chunkUtf8(text, size, room)
    .map((chunk) => prefix + (useQ ? qEncode(utf8Encode(chunk)) : toBase64(utf8Encode(chunk))) + '?=')
    .join(' ');
}

/**
 * RFC 2047 encoding of an unstructured header value: words that are not printable ASCII
 * (or that look like encoded words) are encoded in UTF-8; consecutive such words become
 * one run so the space between them survives decoding.
 */
export function encodeHeaderValue(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, ' '); // a line break in a value would inject headers
  if (!NEEDS_ENCODING.test(flat)) return flat;
  const tokens = flat.split(/(\s+)/); // words at even indexes, white space at odd ones
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (i % 2 === 1 || !NEEDS_ENCODING.test(tokens[i])) {
      out.push(tokens[i]);
      i++;
      continue;
    }
    let j = i;
    // Extend the run over following words that also need encoding.
    while (j + 2 < tokens.length && NEEDS_ENCODING.test(tokens[j + 2])) j += 2;
    out.push(encodeRun(tokens.slice(i, j + 1).join('')));
    i = j + 1;
  }
  return out.join('');
}

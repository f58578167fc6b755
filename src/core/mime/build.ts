/** Building canonical (CRLF, 7-bit) MIME entities for messages we sign or encrypt. */
import { bytesEqual, concatBytes, encodeBase64, latin1Encode, randomBytes, toHex, utf8Encode } from '../bytes';
import { BadInputError } from '../errors';
import { encodeHeaderValue } from './encoded-words';
import { foldHeader } from './fold';
import { canonicalizeLineEndings, is7bitClean } from './line-endings';
import { formatParams, parseParams } from './params';
import { encodeQuotedPrintable } from './transfer';

export interface HeaderInput {
  name: string;
  value: string;
}

export type LeafEncoding = 'base64' | 'quoted-printable' | '7bit' | 'auto';

export interface LeafInput {
  /** Full Content-Type value including parameters. */
  contentType: string;
  /** Strings are encoded as UTF-8. */
  body: Uint8Array | string;
  encoding?: LeafEncoding;
  headers?: HeaderInput[];
}

const ASCII = /^[\x20-\x7e\t]*$/;

/** A folded, 7-bit header line; non-ASCII values are RFC 2047 encoded. */
export function headerLine(name: string, value: string): string {
  return foldHeader(name, ASCII.test(value) ? value : encodeHeaderValue(value));
}

function mostlyAscii(bytes: Uint8Array): boolean {
  let high = 0;
  for (const b of bytes) if (b >= 0x80 || (b < 0x20 && b !== 0x0d && b !== 0x0a && b !== 0x09)) high++;
  return high * 4 <= bytes.length;
}

/** 7-bit clean and free of control characters other than TAB and CRLF. */
function isPlain7bit(bytes: Uint8Array): boolean {
  if (!is7bitClean(bytes)) return false;
  for (const b of bytes) if ((b < 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a) || b === 0x7f) return false;
  return true;
}

function chooseEncoding(isText: boolean, content: Uint8Array): Exclude<LeafEncoding, 'auto'> {
  if (isPlain7bit(content)) return '7bit';
  return isText && mostlyAscii(content) ? 'quoted-printable' : 'base64';
}

/** A complete leaf entity: header lines, blank line, encoded body. */
export function buildLeaf(input: LeafInput): Uint8Array {
  return concatBytes(...buildLeafParts(input));
}

/** buildLeaf as [header block, body], so a caller wrapping it further copies a 25 MB body only once. */
export function buildLeafParts(input: LeafInput): [Uint8Array, Uint8Array] {
  const raw = typeof input.body === 'string' ? utf8Encode(input.body) : input.body;
  const mediaType = parseParams(input.contentType).value.toLowerCase();
  const isText = mediaType.startsWith('text/');
  // Text line breaks are semantic, so text is canonicalised to CRLF; other data stays byte-exact.
  const content = isText ? canonicalizeLineEndings(raw) : raw;
  let encoding = input.encoding ?? 'auto';
  if (encoding === 'auto') encoding = chooseEncoding(isText, content);
  let body: Uint8Array;
  switch (encoding) {
    case '7bit':
      if (!is7bitClean(content)) throw new BadInputError('The body is not 7-bit clean with CRLF line breaks; use quoted-printable or base64');
      body = content;
      break;
    case 'quoted-printable':
      body = latin1Encode(encodeQuotedPrintable(content));
      break;
    case 'base64':
      body = encodeBase64(content, 76);
      break;
    default:
      throw new BadInputError(`Unknown transfer encoding "${String(encoding)}"`);
  }
  return [leafHeader(input.contentType, encoding, input.headers), body];
}

/** A leaf's header block and the blank line after it; the body follows. */
export function leafHeader(contentType: string, encoding: Exclude<LeafEncoding, 'auto'>, headers: HeaderInput[] = []): Uint8Array {
  let head = headerLine('Content-Type', contentType);
  head += headerLine('Content-Transfer-Encoding', encoding);
  for (const h of headers) head += headerLine(h.name, h.value);
  return latin1Encode(head + '\r\n');
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  for (let i = haystack.indexOf(first); i >= 0 && i + needle.length <= haystack.length; i = haystack.indexOf(first, i + 1)) {
    if (bytesEqual(haystack.subarray(i, i + needle.length), needle)) return true;
  }
  return false;
}

/** A random boundary that occurs in none of the parts. */
export function makeBoundary(parts: readonly Uint8Array[]): string {
  for (;;) {
    const boundary = `=_smime_${toHex(randomBytes(16))}`;
    const needle = latin1Encode(boundary);
    if (!parts.some((p) => contains(p, needle))) return boundary;
  }
}

/** Multipart body from a boundary and complete part entities (each part is kept byte-exact). */
export function joinParts(boundary: string, parts: readonly Uint8Array[], preamble?: Uint8Array, epilogue?: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  if (preamble && preamble.length > 0) chunks.push(preamble, latin1Encode('\r\n'));
  for (const part of parts) chunks.push(latin1Encode(`--${boundary}\r\n`), part, latin1Encode('\r\n'));
  chunks.push(latin1Encode(`--${boundary}--\r\n`));
  if (epilogue && epilogue.length > 0) chunks.push(epilogue);
  return concatBytes(...chunks);
}

/** A complete multipart entity with a fresh boundary around already-built parts. */
export function buildMultipart(subtype: string, parts: Uint8Array[], params?: Record<string, string>, headers?: HeaderInput[]): Uint8Array {
  if (parts.length === 0) throw new BadInputError('A multipart needs at least one part');
  const boundary = makeBoundary(parts);
  let head = headerLine('Content-Type', formatParams(`multipart/${subtype.toLowerCase()}`, { ...(params ?? {}), boundary }));
  for (const h of headers ?? []) head += headerLine(h.name, h.value);
  return concatBytes(latin1Encode(head + '\r\n'), joinParts(boundary, parts));
}

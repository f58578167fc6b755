/** Canonical, 7-bit form of parsed entities for signing (RFC 8551 §3.1.1). */
import { concatBytes, encodeBase64, latin1Encode } from '../bytes';
import { encodeHeaderValue } from './encoded-words';
import type { MimeEntity } from './entity';
import { foldHeader } from './fold';
import type { HeaderField } from './headers';
import { canonicalizeLineEndings, hasTrailingWhitespace, is7bitClean } from './line-endings';
import { formatParams, parseParams } from './params';
import { joinParts } from './build';
import { encodeQuotedPrintable } from './transfer';

const CRLF = latin1Encode('\r\n');

function has8bit(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 || b === 0) return true;
  return false;
}

function leafNeedsReencoding(entity: MimeEntity): boolean {
  const cte = entity.transferEncoding;
  if (cte !== '7bit' && cte !== 'quoted-printable' && cte !== 'base64') return true; // 8bit, binary, unknown
  // is7bitClean also demands CRLF pairs, so a clean body needs no canonicalising pass first.
  const body = is7bitClean(entity.body) ? entity.body : canonicalizeLineEndings(entity.body);
  if (body !== entity.body && !is7bitClean(body)) return true;
  return cte === '7bit' && hasTrailingWhitespace(body);
}

function needsRebuild(entity: MimeEntity): boolean {
  if (has8bit(entity.headerBytes)) return true;
  if (!entity.isMultipart) return leafNeedsReencoding(entity);
  if (entity.truncated || has8bit(entity.preamble) || has8bit(entity.epilogue)) return true;
  return entity.children.some(needsRebuild);
}

/** A header field as 7-bit CRLF bytes: kept as is when clean, re-encoded otherwise. */
function fieldBytes(field: HeaderField): Uint8Array {
  if (!has8bit(field.raw)) {
    const raw = canonicalizeLineEndings(field.raw);
    const endsWithBreak = raw.length >= 2 && raw[raw.length - 2] === 0x0d && raw[raw.length - 1] === 0x0a;
    return endsWithBreak ? raw : concatBytes(raw, CRLF);
  }
  const lower = field.name.toLowerCase();
  if (lower === 'content-type' || lower === 'content-disposition') {
    const { value, params } = parseParams(field.value);
    return latin1Encode(foldHeader(field.name, formatParams(value, params))); // RFC 2231 for non-ASCII
  }
  return latin1Encode(foldHeader(field.name, encodeHeaderValue(field.value)));
}

function headerBlock(fields: readonly HeaderField[]): Uint8Array {
  return concatBytes(...fields.map(fieldBytes));
}

function reencodeLeaf(entity: MimeEntity, fields: readonly HeaderField[]): Uint8Array {
  const decoded = entity.decodeBody();
  const isText = entity.contentType.type === 'text';
  const encoding = isText ? 'quoted-printable' : 'base64';
  const body = isText ? latin1Encode(encodeQuotedPrintable(canonicalizeLineEndings(decoded))) : encodeBase64(decoded, 76);
  const kept = fields.filter((f) => f.name.toLowerCase() !== 'content-transfer-encoding');
  return concatBytes(headerBlock(kept), latin1Encode(`Content-Transfer-Encoding: ${encoding}\r\n\r\n`), body);
}

function canonicalEntity(entity: MimeEntity, fields: readonly HeaderField[]): Uint8Array {
  if (!needsRebuild(entity)) {
    // Clean: the received bytes, only line endings normalised.
    if (fields.length === entity.headers.length) return canonicalizeLineEndings(entity.raw);
    return concatBytes(headerBlock(fields), CRLF, canonicalizeLineEndings(entity.body));
  }
  if (!entity.isMultipart) {
    if (leafNeedsReencoding(entity)) return reencodeLeaf(entity, fields);
    return concatBytes(headerBlock(fields), CRLF, canonicalizeLineEndings(entity.body));
  }
  const boundary = entity.contentType.params.boundary;
  const clean = (b: Uint8Array) => (has8bit(b) ? new Uint8Array(0) : canonicalizeLineEndings(b));
  const parts = entity.children.map((c) => canonicalEntity(c, c.headers));
  return concatBytes(headerBlock(fields), CRLF, joinParts(boundary, parts, clean(entity.preamble), clean(entity.epilogue)));
}

/** Splits the top-level fields into RFC 5322 message fields and Content-* fields. */
export function splitMessageHeaders(entity: MimeEntity): { outer: HeaderField[]; content: HeaderField[] } {
  const outer: HeaderField[] = [];
  const content: HeaderField[] = [];
  for (const f of entity.headers) (f.name.toLowerCase().startsWith('content-') ? content : outer).push(f);
  return { outer, content };
}

/**
 * The entity in canonical form for signing: CRLF everywhere, 7-bit only. Clean parts keep
 * their bytes (line endings normalised); 8bit/binary leaves, long lines and trailing white
 * space are re-encoded (text → quoted-printable, others → base64). On the top entity only
 * Content-* fields are kept; the others belong to the outer message (splitMessageHeaders).
 */
export function toSignable(entity: MimeEntity): Uint8Array {
  return canonicalEntity(entity, splitMessageHeaders(entity).content);
}

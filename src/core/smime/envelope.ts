/**
 * Wrapping a message's content in an S/MIME layer while keeping its RFC 5322 header
 * (From, To, Subject, Date, Message-ID…), and putting such a header back around a
 * decrypted or unwrapped inner entity.
 */
import { concatBytes, latin1Encode } from '../bytes';
import { canonicalizeLineEndings, foldHeader, formatDate, parseMime, splitMessageHeaders, type HeaderField, type MimeEntity } from '../mime';

export interface SplitMessage {
  entity: MimeEntity;
  outerHeaders: HeaderField[];
}

export function splitMessage(message: Uint8Array): SplitMessage {
  const entity = parseMime(message);
  return { entity, outerHeaders: splitMessageHeaders(entity).outer };
}

/**
 * Outer header fields followed by a complete inner entity (its own Content-* header,
 * blank line and body). Adds MIME-Version and, when asked, a Date.
 */
export function assembleMessage(
  outerHeaders: HeaderField[],
  innerEntity: Uint8Array | Uint8Array[],
  options: { date?: Date } = {},
): Uint8Array {
  const lines: Uint8Array[] = [];
  const has = (name: string) => outerHeaders.some((h) => h.name.toLowerCase() === name);
  for (const h of outerHeaders) lines.push(canonicalHeader(h.raw));
  if (options.date && !has('date')) lines.push(latin1Encode(foldHeader('Date', formatDate(options.date))));
  if (!has('mime-version')) lines.push(latin1Encode('MIME-Version: 1.0\r\n'));
  return concatBytes(...lines, ...(Array.isArray(innerEntity) ? innerEntity : [innerEntity]));
}

/** A header field's raw bytes with CRLF line endings and exactly one trailing CRLF. */
function canonicalHeader(raw: Uint8Array): Uint8Array {
  let bytes = canonicalizeLineEndings(raw);
  while (bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a) {
    bytes = bytes.subarray(0, bytes.length - 2);
  }
  return concatBytes(bytes, latin1Encode('\r\n'));
}

/** MIME layer: raw-span parsing for verification, canonical building for signing. */
export { DEFAULT_MIME_LIMITS, type MimeLimits } from './limits';
export { parseMime } from './parser';
export { MimeEntity } from './entity';
export type { HeaderField } from './headers';
export { parseContentType, parseParams, formatParams, formatParam, type ContentType, type ParsedParams } from './params';
export { decodeEncodedWords, encodeHeaderValue } from './encoded-words';
export { decodeCharset } from './charset';
export { parseAddressList, extractAddrSpec, type MailAddress } from './address';
export { foldHeader } from './fold';
export { encodeQuotedPrintable, decodeQuotedPrintable, decodeTransfer } from './transfer';
export { buildLeaf, buildLeafParts, leafHeader, buildMultipart, makeBoundary, type LeafInput, type LeafEncoding, type HeaderInput } from './build';
export { buildMessage, formatDate, type MessageInput, type AttachmentInput } from './message';
export { toSignable, splitMessageHeaders } from './canonical';
export { canonicalizeLineEndings } from './line-endings';

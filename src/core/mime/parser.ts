/**
 * Raw-span MIME parser (RFC 2045/2046). No npm MIME library keeps byte offsets, and
 * multipart/signed verification must hash exactly the bytes received, so this parser is
 * written here: every entity is a subarray of the input. It works on bytes, finds
 * delimiters line by line in linear time and walks nested multiparts with an explicit
 * stack, bounded by MimeLimits.
 */
import { latin1Encode } from '../bytes';
import { LimitExceededError, MalformedInputError } from '../errors';
import { MimeEntity } from './entity';
import { parseHeaderBlock } from './headers';
import { resolveLimits, type MimeLimits } from './limits';
import { parseContentType } from './params';

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

interface Span {
  start: number;
  end: number;
}

interface Pending {
  entity: MimeEntity;
  depth: number;
  parts: Span[];
}

class ParseState {
  parts = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly limits: MimeLimits,
  ) {}

  countPart(): void {
    if (++this.parts > this.limits.maxParts) {
      throw new LimitExceededError(`MIME message has more than ${this.limits.maxParts} parts`);
    }
  }
}

/** Finds the blank line ending the header block: [headerEnd, bodyStart). */
function findHeaderEnd(state: ParseState, start: number, end: number): { headerEnd: number; bodyStart: number } {
  const { buf, limits } = state;
  const scanEnd = Math.min(end, start + limits.maxHeaderBytes + 2);
  let pos = start;
  while (pos < end) {
    if (pos - start > limits.maxHeaderBytes) {
      throw new LimitExceededError(`MIME header block is larger than ${limits.maxHeaderBytes} bytes`);
    }
    if (buf[pos] === LF) return { headerEnd: pos, bodyStart: pos + 1 };
    if (buf[pos] === CR && pos + 1 < end && buf[pos + 1] === LF) return { headerEnd: pos, bodyStart: pos + 2 };
    const nl = buf.subarray(pos, scanEnd).indexOf(LF);
    if (nl < 0) {
      if (scanEnd < end) throw new LimitExceededError(`MIME header block is larger than ${limits.maxHeaderBytes} bytes`);
      break;
    }
    pos += nl + 1;
  }
  return { headerEnd: end, bodyStart: end }; // headers only, no body
}

/** If a delimiter line for `delim` starts at pos: whether it closes, and where its line ends. */
function matchDelimiter(buf: Uint8Array, pos: number, end: number, delim: Uint8Array): { close: boolean; lineEnd: number } | undefined {
  if (end - pos < delim.length) return undefined;
  for (let k = 0; k < delim.length; k++) if (buf[pos + k] !== delim[k]) return undefined;
  let q = pos + delim.length;
  let close = false;
  if (q + 1 < end && buf[q] === DASH && buf[q + 1] === DASH) {
    close = true;
    q += 2;
  }
  while (q < end && (buf[q] === 0x20 || buf[q] === 0x09)) q++; // transport padding
  if (q === end) return { close, lineEnd: end };
  if (buf[q] === LF) return { close, lineEnd: q + 1 };
  if (buf[q] === CR && (q + 1 === end || buf[q + 1] === LF)) return { close, lineEnd: Math.min(q + 2, end) };
  return undefined; // boundary is only a prefix of a longer line
}

/** Splits a multipart body into part spans, preamble and epilogue (RFC 2046 §5.1.1). */
function splitMultipart(state: ParseState, entity: MimeEntity, bodyStart: number, end: number, boundary: string): Span[] {
  const { buf } = state;
  const delim = latin1Encode('--' + boundary);
  const parts: Span[] = [];
  let partStart = -1;
  let seenDelimiter = false;
  let pos = bodyStart;
  while (pos < end) {
    // Jump from '-' to '-' with the native scan: base64 bodies contain none, so a 25 MB
    // attachment is crossed in one call. A delimiter only counts at the start of a line.
    const dash = buf.indexOf(DASH, pos);
    if (dash < 0 || dash >= end) break;
    const atLineStart = dash === bodyStart || buf[dash - 1] === LF;
    const hit = atLineStart ? matchDelimiter(buf, dash, end, delim) : undefined;
    if (hit) {
      // The line break before a delimiter belongs to the delimiter.
      let lineBreak = dash;
      if (lineBreak > bodyStart && buf[lineBreak - 1] === LF) lineBreak--;
      if (lineBreak > bodyStart && buf[lineBreak - 1] === CR) lineBreak--;
      if (partStart >= 0) parts.push({ start: partStart, end: Math.max(partStart, lineBreak) });
      else if (!seenDelimiter) entity.preamble = buf.subarray(bodyStart, lineBreak);
      seenDelimiter = true;
      if (hit.close) {
        entity.epilogue = buf.subarray(hit.lineEnd, end);
        return parts;
      }
      state.countPart();
      partStart = hit.lineEnd;
      pos = hit.lineEnd;
      continue;
    }
    pos = dash + 1;
  }
  entity.truncated = true;
  if (partStart >= 0) parts.push({ start: partStart, end });
  else entity.preamble = buf.subarray(bodyStart, end);
  return parts;
}

function parseSpan(state: ParseState, span: Span, depth: number, defaultType: string): Pending {
  if (depth > state.limits.maxDepth) {
    throw new LimitExceededError(`MIME nesting is deeper than ${state.limits.maxDepth} levels`);
  }
  const { buf } = state;
  const { headerEnd, bodyStart } = findHeaderEnd(state, span.start, span.end);
  const headerBytes = buf.subarray(span.start, headerEnd);
  const headers = parseHeaderBlock(headerBytes);
  const ctHeader = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const contentType = parseContentType(ctHeader, defaultType);
  const entity = new MimeEntity({
    raw: buf.subarray(span.start, span.end),
    headerBytes,
    body: buf.subarray(bodyStart, span.end),
    headers,
    contentType,
  });
  let parts: Span[] = [];
  if (contentType.type === 'multipart') {
    const boundary = contentType.params.boundary;
    if (!boundary) throw new MalformedInputError(`${contentType.mediaType} entity has no boundary parameter`);
    parts = splitMultipart(state, entity, bodyStart, span.end, boundary);
  }
  return { entity, depth, parts };
}

/**
 * Parses a MIME message or entity. Accepts CRLF, bare LF or mixed line endings. Bodies of
 * message/rfc822 parts are not parsed (call parseMime(part.decodeBody()) to descend),
 * which keeps depth accounting per call.
 */
export function parseMime(bytes: Uint8Array, limits?: Partial<MimeLimits>): MimeEntity {
  const resolved = resolveLimits(limits);
  if (bytes.length === 0) throw new MalformedInputError('MIME message is empty');
  if (bytes.length > resolved.maxTotalBytes) {
    throw new LimitExceededError(`MIME message is larger than ${resolved.maxTotalBytes} bytes`);
  }
  const state = new ParseState(bytes, resolved);
  const root = parseSpan(state, { start: 0, end: bytes.length }, 0, 'text/plain');
  const stack: Pending[] = [root];
  while (stack.length > 0) {
    const { entity, depth, parts } = stack.pop() as Pending;
    const childDefault = entity.contentType.mediaType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const span of parts) {
      const child = parseSpan(state, span, depth + 1, childDefault);
      entity.children.push(child.entity);
      if (child.parts.length > 0) stack.push(child);
    }
  }
  return root.entity;
}

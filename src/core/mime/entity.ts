/** A parsed MIME entity that keeps the exact bytes it was parsed from. */
import { decodeCharset } from './charset';
import { decodeEncodedWords } from './encoded-words';
import { findHeader, findHeaders, type HeaderField } from './headers';
import { parseParams, type ContentType } from './params';
import { decodeTransfer } from './transfer';

export interface MimeEntityInit {
  raw: Uint8Array;
  headerBytes: Uint8Array;
  body: Uint8Array;
  headers: HeaderField[];
  contentType: ContentType;
}

export class MimeEntity {
  /** Exact bytes of this entity (headers, blank line, body) as received. */
  readonly raw: Uint8Array;
  /** Header block without the blank separator line. */
  readonly headerBytes: Uint8Array;
  /** Body bytes, still transfer-encoded. */
  readonly body: Uint8Array;
  readonly headers: HeaderField[];
  readonly contentType: ContentType;
  /** Lowercased Content-Transfer-Encoding, '7bit' when absent. */
  readonly transferEncoding: string;
  /** Parts of a multipart, in order (empty for leaves). message/rfc822 bodies are not parsed. */
  readonly children: MimeEntity[] = [];
  /** Bytes before the first delimiter line of a multipart (without the delimiter's line break). */
  preamble: Uint8Array = new Uint8Array(0);
  /** Bytes after the close delimiter line of a multipart. */
  epilogue: Uint8Array = new Uint8Array(0);
  /** A multipart whose close delimiter is missing; the last part ran to the end of input. */
  truncated = false;

  constructor(init: MimeEntityInit) {
    this.raw = init.raw;
    this.headerBytes = init.headerBytes;
    this.body = init.body;
    this.headers = init.headers;
    this.contentType = init.contentType;
    this.transferEncoding = (findHeader(init.headers, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase() || '7bit';
  }

  get isMultipart(): boolean {
    return this.contentType.type === 'multipart';
  }

  /** First field with this name (case-insensitive), unfolded and undecoded. */
  header(name: string): string | undefined {
    return findHeader(this.headers, name);
  }

  headerAll(name: string): string[] {
    return findHeaders(this.headers, name);
  }

  /** First field with this name with RFC 2047 encoded words decoded. */
  decodedHeader(name: string): string | undefined {
    const value = this.header(name);
    return value === undefined ? undefined : decodeEncodedWords(value);
  }

  /** Lowercased disposition type ("inline", "attachment"), if the header is present. */
  get disposition(): string | undefined {
    const value = this.header('content-disposition');
    return value === undefined ? undefined : parseParams(value).value.toLowerCase() || undefined;
  }

  /** Content-Disposition filename, else Content-Type name; RFC 2231 and RFC 2047 decoded. */
  get filename(): string | undefined {
    const disposition = this.header('content-disposition');
    const name = (disposition !== undefined ? parseParams(disposition).params.filename : undefined) ?? this.contentType.params.name;
    return name === undefined ? undefined : decodeEncodedWords(name);
  }

  /** Content-ID without its angle brackets (as cid: URLs reference it). */
  get contentId(): string | undefined {
    const value = this.header('content-id');
    return value === undefined ? undefined : value.replace(/^\s*<|>\s*$/g, '');
  }

  /** The body with its Content-Transfer-Encoding undone (base64 and QP decoded tolerantly). */
  decodeBody(): Uint8Array {
    return decodeTransfer(this.body, this.transferEncoding);
  }

  /** The decoded body as text in its declared charset; never throws. */
  text(): string {
    return decodeCharset(this.decodeBody(), this.contentType.params.charset);
  }
}

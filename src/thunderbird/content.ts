/**
 * Turns the content the core unwrapped (decrypted or opaque-signed) into what the read view
 * shows: one body (HTML sanitised, text as is) and a list of attachments kept aside for
 * download. Remote references are removed here; the UI adds the sandboxed iframe.
 */
import type { MimeEntity } from '../core/mime';
import type { AttachmentInfo } from '../ui/host-api';

/** Sanitises untrusted HTML; in pages this is DOMPurify (see purify.ts). */
export type HtmlSanitizer = (html: string) => string;

export interface ExtractedContent {
  html?: string;
  text?: string;
  attachments: AttachmentInfo[];
  /** Bytes by attachment id, for saveAttachment; never sent to storage. */
  files: Map<string, { name: string; contentType: string; bytes: Uint8Array }>;
}

const mediaType = (e: MimeEntity) => `${e.contentType.type}/${e.contentType.subtype}`.toLowerCase();

function isAttachment(e: MimeEntity): boolean {
  return e.disposition === 'attachment' || (!!e.filename && e.contentType.type !== 'multipart');
}

/** Picks the best body of a multipart/alternative (HTML over text), else the first text leaf. */
function collect(entity: MimeEntity, out: { body?: MimeEntity; parts: MimeEntity[] }): void {
  if (entity.isMultipart) {
    if (entity.contentType.subtype.toLowerCase() === 'alternative' && !out.body) {
      const choice = [...entity.children].reverse().find((c) => ['text/html', 'text/plain'].includes(mediaType(c)));
      if (choice) {
        out.body = choice;
        return;
      }
    }
    for (const child of entity.children) collect(child, out);
    return;
  }
  const type = mediaType(entity);
  if (!out.body && !isAttachment(entity) && (type === 'text/html' || type === 'text/plain')) out.body = entity;
  else out.parts.push(entity);
}

export function extractContent(content: MimeEntity, sanitize: HtmlSanitizer): ExtractedContent {
  const found: { body?: MimeEntity; parts: MimeEntity[] } = { parts: [] };
  collect(content, found);
  const result: ExtractedContent = { attachments: [], files: new Map() };
  if (found.body && mediaType(found.body) === 'text/html') result.html = sanitize(found.body.text());
  else if (found.body) result.text = found.body.text();
  found.parts.forEach((part, index) => {
    const id = `att-${index}`;
    const bytes = part.decodeBody();
    const name = part.filename ?? `attachment-${index + 1}`;
    result.attachments.push({ id, name, contentType: mediaType(part), size: bytes.length });
    result.files.set(id, { name, contentType: mediaType(part), bytes });
  });
  return result;
}

/**
 * Picks what to display from the unwrapped MIME tree: best body and the attachments. Shared by
 * the Outlook and Thunderbird hosts; the HTML still goes through message-html before display.
 */
import { toBase64 } from '../core/bytes';
import type { MimeEntity, ReadResult } from '../core/index';
import type { AttachmentInfo, ReadPaneContent } from '../ui/host-api';
import type { HtmlSanitizer } from './message-html';

export interface DisplayContent {
  html?: string;
  text?: string;
  attachments: (AttachmentInfo & { data: Uint8Array })[];
  /** Content-ID (no <>) → data: URL, for inline images referenced from the HTML. */
  inline: Map<string, string>;
}

function walk(entity: MimeEntity, out: DisplayContent, counter: { n: number }): void {
  const type = entity.contentType.mediaType;
  if (entity.isMultipart) {
    if (entity.contentType.subtype.toLowerCase() === 'alternative') {
      // The last alternative we understand is the richest (RFC 2046 §5.1.4).
      const html = entity.children.find((c) => c.contentType.mediaType === 'text/html');
      const text = entity.children.find((c) => c.contentType.mediaType === 'text/plain');
      if (html && out.html === undefined) out.html = html.text();
      if (text && out.text === undefined) out.text = text.text();
      for (const child of entity.children) if (child.isMultipart) walk(child, out, counter);
      return;
    }
    for (const child of entity.children) walk(child, out, counter);
    return;
  }
  const isAttachment = entity.disposition?.toLowerCase() === 'attachment' || !!entity.filename;
  if (!isAttachment && type === 'text/html' && out.html === undefined) {
    out.html = entity.text();
    return;
  }
  if (!isAttachment && type === 'text/plain' && out.text === undefined) {
    out.text = entity.text();
    return;
  }
  const data = entity.decodeBody();
  const cid = entity.contentId?.replace(/^<|>$/g, '');
  if (cid && type.startsWith('image/')) out.inline.set(cid, `data:${type};base64,${toBase64(data)}`);
  out.attachments.push({ id: `part-${counter.n++}`, name: entity.filename ?? (cid ? `${cid}` : 'attachment'), contentType: type, size: data.length, data });
}

export function displayContent(root: MimeEntity): DisplayContent {
  const out: DisplayContent = { attachments: [], inline: new Map() };
  walk(root, out, { n: 0 });
  return out;
}

/** What the read pane shows, and the attachments with their bytes, which the host keeps for saving. */
export interface PaneContent {
  view: ReadPaneContent;
  attachments: DisplayContent['attachments'];
}

/**
 * The content the read pane shows: only where the mail program cannot show it itself (encrypted
 * or opaque signed mail, or a message whose real headers are protected inside), else undefined.
 */
export function paneContent(result: ReadResult, sanitize: HtmlSanitizer): PaneContent | undefined {
  if (!result.content || !(result.contentHidden || result.protectedHeaders)) return undefined;
  const display = displayContent(result.content);
  const view: ReadPaneContent = { attachments: display.attachments.map(({ id, name, contentType, size }) => ({ id, name, contentType, size })) };
  if (display.html !== undefined) view.html = sanitize(display.html, (cid) => display.inline.get(cid));
  if (display.text !== undefined) view.text = display.text;
  return { view, attachments: display.attachments };
}

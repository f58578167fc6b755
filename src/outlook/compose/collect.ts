/**
 * Reads everything a protected message needs from the open draft (see platform notes §5):
 * From, To/Cc/Bcc, subject, HTML and text body, attachments (inline cid: images included)
 * and In-Reply-To, each through its own *Async call.
 */
import { fromBase64, utf8Encode } from '../../core/bytes';
import type { AttachmentInput, MessageInput } from '../../core/index';
import { ComposeInputError, RequirementNotMetError } from '../errors';
import { officeCall } from '../office-async';
import type { OfficeApi, OfficeAttachmentContent, OfficeAttachmentDetails, OfficeComposeItem, OfficeEmailAddress } from '../office-port';

export interface ComposeSnapshot {
  from: OfficeEmailAddress;
  to: OfficeEmailAddress[];
  cc: OfficeEmailAddress[];
  bcc: OfficeEmailAddress[];
  subject: string;
  html: string;
  text: string;
  attachments: AttachmentInput[];
  inReplyTo?: string;
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  html: 'text/html',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  eml: 'message/rfc822',
};

/** Compose attachments carry no content type, so it is inferred from the name. */
export function contentTypeFor(name: string, given?: string): string {
  if (given) return given;
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}

export function mailbox(address: OfficeEmailAddress): string {
  const name = address.displayName && address.displayName !== address.emailAddress ? address.displayName.replace(/[\r\n]/g, ' ') : '';
  return name ? `${name} <${address.emailAddress}>` : address.emailAddress;
}

async function attachment(item: OfficeComposeItem, details: OfficeAttachmentDetails): Promise<AttachmentInput> {
  const get = item.getAttachmentContentAsync;
  if (!get) throw new RequirementNotMetError('Mailbox 1.8', 'reading attachments');
  const content = await officeCall<OfficeAttachmentContent>(`read the attachment "${details.name}"`, (cb) => get.call(item, details.id, cb));
  let data: Uint8Array;
  let contentType = contentTypeFor(details.name, details.contentType);
  if (content.format === 'base64') data = fromBase64(content.content);
  else if (content.format === 'eml') {
    data = utf8Encode(content.content);
    contentType = 'message/rfc822';
  } else {
    throw new ComposeInputError(`"${details.name}" is a cloud or linked attachment; only attached copies can be protected. Attach it as a copy, or share the link in the text.`);
  }
  // DLP or OME can hand out empty content (office-js#4725): fail rather than send a blank file.
  if (data.length === 0 && details.size > 0) throw new ComposeInputError(`Outlook returned no content for "${details.name}"; try again.`);
  const input: AttachmentInput = { filename: details.name, contentType, data };
  if (details.isInline && details.contentId) {
    input.contentId = details.contentId;
    input.inline = true;
  }
  return input;
}

export async function collectDraft(office: OfficeApi, item: OfficeComposeItem): Promise<ComposeSnapshot> {
  const fromField = item.from;
  const from = fromField
    ? await officeCall<OfficeEmailAddress>('read From', (cb) => fromField.getAsync(cb))
    : { emailAddress: office.context.mailbox.userProfile.emailAddress, displayName: office.context.mailbox.userProfile.displayName };
  if (!from?.emailAddress) throw new ComposeInputError('The message has no From address.');
  const recipients = (field: OfficeComposeItem['to'], name: string) => officeCall<OfficeEmailAddress[]>(`read ${name}`, (cb) => field.getAsync(cb));
  const [to, cc, bcc, subject, html, text] = await Promise.all([
    recipients(item.to, 'To'),
    recipients(item.cc, 'Cc'),
    recipients(item.bcc, 'Bcc'),
    officeCall<string>('read the subject', (cb) => item.subject.getAsync(cb)),
    officeCall<string>('read the HTML body', (cb) => item.body.getAsync('html', cb)),
    officeCall<string>('read the text body', (cb) => item.body.getAsync('text', cb)),
  ]);
  const list = item.getAttachmentsAsync;
  const details = list ? await officeCall<OfficeAttachmentDetails[]>('list attachments', (cb) => list.call(item, cb)) : [];
  const attachments: AttachmentInput[] = [];
  for (const d of details) attachments.push(await attachment(item, d));
  const snapshot: ComposeSnapshot = { from, to, cc, bcc, subject, html, text, attachments };
  if (item.inReplyTo) snapshot.inReplyTo = item.inReplyTo;
  return snapshot;
}

export function allRecipients(snapshot: ComposeSnapshot): string[] {
  const seen = new Set<string>();
  return [...snapshot.to, ...snapshot.cc, ...snapshot.bcc]
    .map((r) => r.emailAddress)
    .filter((a) => a && !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

export function toMessageInput(snapshot: ComposeSnapshot): MessageInput {
  const input: MessageInput = {
    from: mailbox(snapshot.from),
    to: snapshot.to.map(mailbox),
    cc: snapshot.cc.map(mailbox),
    bcc: snapshot.bcc.map(mailbox),
    subject: snapshot.subject,
    text: snapshot.text,
    attachments: snapshot.attachments,
  };
  if (snapshot.html.trim()) input.html = snapshot.html;
  if (snapshot.inReplyTo) {
    input.inReplyTo = snapshot.inReplyTo;
    input.references = snapshot.inReplyTo;
  }
  return input;
}

/** Whole RFC 5322 messages (with MIME-Version 1.0) from simple inputs. */
import { concatBytes, latin1Encode, randomBytes, toHex } from '../bytes';
import { BadInputError } from '../errors';
import { parseAddressList, type MailAddress } from './address';
import { buildLeaf, buildMultipart, headerLine, type HeaderInput } from './build';
import { encodeHeaderValue } from './encoded-words';
import { foldHeader } from './fold';
import { formatParams } from './params';

export interface AttachmentInput {
  filename: string;
  contentType: string;
  data: Uint8Array;
  contentId?: string;
  /** With a contentId, an inline part of the HTML (multipart/related). */
  inline?: boolean;
}

export interface MessageInput {
  from: string;
  to?: string[];
  cc?: string[];
  /** Used by callers for recipients only: never written to the headers (it would disclose them). */
  bcc?: string[];
  subject?: string;
  date?: Date;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  extraHeaders?: HeaderInput[];
  text?: string;
  html?: string;
  attachments?: AttachmentInput[];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 §3.3 date-time, in UTC. */
export function formatDate(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

// RFC 5322 atext plus '.' and white space: a phrase that needs no quoting.
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~. ]+$/;
const ASCII = /^[\x20-\x7e]*$/;

function formatMailbox(m: MailAddress): string {
  if (!m.name) return m.address;
  let name: string;
  if (!ASCII.test(m.name)) name = encodeHeaderValue(m.name);
  else if (PLAIN_PHRASE.test(m.name) && !m.name.includes('=?')) name = m.name;
  else name = `"${m.name.replace(/["\\]/g, '\\$&')}"`;
  return `${name} <${m.address}>`;
}

function formatAddresses(values: readonly string[], field: string): string {
  const list = values.flatMap((v) => parseAddressList(v));
  if (list.length === 0) throw new BadInputError(`No valid address in ${field}`);
  return list.map(formatMailbox).join(', ');
}

function domainOf(from: string): string {
  const address = parseAddressList(from)[0]?.address ?? '';
  const domain = address.slice(address.lastIndexOf('@') + 1).replace(/[^A-Za-z0-9.-]/g, '');
  return domain || 'localhost';
}

function attachmentPart(a: AttachmentInput, inline: boolean): Uint8Array {
  const headers: HeaderInput[] = [{ name: 'Content-Disposition', value: formatParams(inline ? 'inline' : 'attachment', { filename: a.filename }) }];
  if (a.contentId) headers.push({ name: 'Content-ID', value: `<${a.contentId.replace(/^<|>$/g, '')}>` });
  // Always base64, so attachment bytes (even text files) arrive unchanged.
  return buildLeaf({ contentType: formatParams(a.contentType, { name: a.filename }), body: a.data, encoding: 'base64', headers });
}

function buildBody(input: MessageInput): Uint8Array {
  const attachments = input.attachments ?? [];
  const hasHtml = input.html !== undefined;
  const related = hasHtml ? attachments.filter((a) => a.inline && a.contentId) : [];
  const mixed = attachments.filter((a) => !related.includes(a));

  const textPart = input.text !== undefined || !hasHtml ? buildLeaf({ contentType: 'text/plain; charset=utf-8', body: input.text ?? '' }) : undefined;
  let htmlPart = hasHtml ? buildLeaf({ contentType: 'text/html; charset=utf-8', body: input.html ?? '' }) : undefined;
  if (htmlPart && related.length > 0) {
    htmlPart = buildMultipart('related', [htmlPart, ...related.map((a) => attachmentPart(a, true))], { type: 'text/html' });
  }
  let body: Uint8Array;
  if (textPart && htmlPart) body = buildMultipart('alternative', [textPart, htmlPart]);
  else body = (htmlPart ?? textPart) as Uint8Array;
  if (mixed.length > 0) body = buildMultipart('mixed', [body, ...mixed.map((a) => attachmentPart(a, a.inline === true))]);
  return body;
}

/**
 * A complete 7-bit message: text → text/plain, text+html → multipart/alternative, inline
 * cid: parts → multipart/related around the HTML, attachments → multipart/mixed.
 */
export function buildMessage(input: MessageInput): Uint8Array {
  let head = foldHeader('From', formatAddresses([input.from], 'From'));
  if (input.to?.length) head += foldHeader('To', formatAddresses(input.to, 'To'));
  if (input.cc?.length) head += foldHeader('Cc', formatAddresses(input.cc, 'Cc'));
  if (input.subject !== undefined) head += headerLine('Subject', input.subject);
  head += foldHeader('Date', formatDate(input.date ?? new Date()));
  const messageId = input.messageId ?? `${toHex(randomBytes(16))}@${domainOf(input.from)}`;
  head += foldHeader('Message-ID', messageId.startsWith('<') ? messageId : `<${messageId}>`);
  if (input.inReplyTo) head += foldHeader('In-Reply-To', input.inReplyTo);
  if (input.references) head += foldHeader('References', input.references);
  for (const h of input.extraHeaders ?? []) head += headerLine(h.name, h.value);
  head += 'MIME-Version: 1.0\r\n';
  return concatBytes(latin1Encode(head), buildBody(input));
}

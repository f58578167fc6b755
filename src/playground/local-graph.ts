/** The shell's calls to the dev server's Graph-compatible endpoint (any bearer token works). */
import { toBase64 } from '../core/bytes';
import { PlaygroundError } from './demo-setup';

export interface ListedMessage {
  id: string;
  subject: string;
  from: string;
  to: string;
  date: string;
  contentType: string;
}

const AUTH = { authorization: 'Bearer playground' };

async function ok(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new PlaygroundError(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

export async function listFolder(folder: 'inbox' | 'sentitems'): Promise<ListedMessage[]> {
  const response = await ok(await fetch(`/v1.0/me/mailFolders/${folder}/messages`, { headers: AUTH }), 'list messages');
  return ((await response.json()) as { value: ListedMessage[] }).value;
}

export async function messageBytes(id: string): Promise<Uint8Array> {
  const response = await ok(await fetch(`/v1.0/me/messages/${encodeURIComponent(id)}/$value`, { headers: AUTH }), 'read message');
  return new Uint8Array(await response.arrayBuffer());
}

export async function createDraft(subject: string): Promise<string> {
  const response = await ok(
    await fetch('/v1.0/me/messages', { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ subject }) }),
    'save draft',
  );
  return ((await response.json()) as { id: string }).id;
}

/** What Outlook itself does on a plain Send: the message leaves unprotected. */
export async function sendPlain(mime: Uint8Array): Promise<void> {
  await ok(await fetch('/v1.0/me/sendMail', { method: 'POST', headers: { ...AUTH, 'content-type': 'text/plain' }, body: toBase64(mime) }), 'send');
}

/**
 * Send securely over office-addin-mock: the draft is collected, signed with the identity
 * matching From, encrypted to every recipient and the sender, submitted to Graph as base64
 * text/plain; then the draft is deleted and closed. OpenSSL must accept the result.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressBook, KeyStore, loadCertificates, loadPrivateKeyPkcs8, MemoryBackend, TrustStore } from '../../src/core/index';
import { toBase64 } from '../../src/core/bytes';
import { createComposeApi } from '../../src/outlook/compose/compose-api';
import { collectDraft, contentTypeFor } from '../../src/outlook/compose/collect';
import { detectFeatures } from '../../src/outlook/features';
import { GraphClient, GRAPH_SENDMAIL_LIMIT } from '../../src/outlook/graph';
import { isComposeItem, type OfficeComposeItem } from '../../src/outlook/office-port';
import { POLICY_HEADER } from '../../src/outlook/policy';
import type { Stores } from '../../src/outlook/storage';
import { mustRun, pkiPath, readPki, tempDir } from '../support/fixtures';
import { composeOffice } from './office-mock';

const FAMILY = 'rsa2048';

async function stores(withBob = true): Promise<Stores> {
  const backend = new MemoryBackend();
  const keys = new KeyStore({ backend });
  const [certificate, ...chain] = loadCertificates(readPki(FAMILY, 'alice-chain.pem'));
  await keys.importIdentity({ pkcs8: loadPrivateKeyPkcs8(readPki(FAMILY, 'alice.key')), certificate, chain });
  const addressBook = new AddressBook(backend);
  if (withBob) await addressBook.importCertificates(readPki(FAMILY, 'bob.crt'));
  return { keys, addressBook, trust: await TrustStore.open(backend) };
}

interface Recorded {
  method: string;
  url: string;
  contentType?: string;
  body?: string;
}

function fakeGraph(status = 202) {
  const requests: Recorded[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    requests.push({ method: init?.method ?? 'GET', url: String(input), contentType: headers['content-type'], body: init?.body as string | undefined });
    return new Response(null, { status: init?.method === 'DELETE' ? 204 : status });
  };
  return { requests, client: new GraphClient('https://graph.test/v1.0', { getToken: async () => 'token' }, fetchFn) };
}

function api(office: ReturnType<typeof composeOffice>['office'], s: Stores, graph: GraphClient) {
  const item = office.context.mailbox.item as OfficeComposeItem;
  return createComposeApi({ office, item, stores: async () => s, features: detectFeatures(office), graph, download: () => undefined });
}

test('collects From, recipients, bodies, inline cid: attachments and In-Reply-To', async () => {
  const { office } = composeOffice({ attachments: [{ id: 'a1', name: 'logo.png', base64: toBase64(new Uint8Array([1, 2, 3])), isInline: true, contentId: 'logo' }] });
  const item = office.context.mailbox.item;
  expect(item && isComposeItem(item)).toBe(true);
  const snapshot = await collectDraft(office, item as OfficeComposeItem);
  expect(snapshot.from.emailAddress).toBe('alice@example.com');
  expect(snapshot.to.map((t) => t.emailAddress)).toEqual(['bob@example.com']);
  expect(snapshot.html).toContain('cid:logo');
  expect(snapshot.attachments).toEqual([{ filename: 'logo.png', contentType: 'image/png', data: new Uint8Array([1, 2, 3]), contentId: 'logo', inline: true }]);
  expect(snapshot.inReplyTo).toBe('<parent@example.com>');
  expect(contentTypeFor('report.PDF')).toBe('application/pdf');
});

test('sign + encrypt: Graph receives base64 MIME that openssl verifies and bob decrypts; the draft is deleted', async () => {
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'sign,encrypt' } });
  const graph = fakeGraph();
  const result = await api(office, await stores(), graph.client).sendSecurely({});
  expect(result).toEqual({ kind: 'sent', via: 'graph' });
  const [send, del] = graph.requests;
  expect(send).toMatchObject({ method: 'POST', url: 'https://graph.test/v1.0/me/sendMail', contentType: 'text/plain' });
  expect(del).toMatchObject({ method: 'DELETE', url: `https://graph.test/v1.0/me/messages/${encodeURIComponent('rest-draft/1+x')}` });
  const dir = tempDir('outlook-send-');
  const eml = join(dir, 'sent.eml');
  writeFileSync(eml, Buffer.from(send.body ?? '', 'base64'));
  expect(Buffer.from(send.body ?? '', 'base64').toString('latin1')).toMatch(/smime-type=enveloped-data/);
  const decrypted = mustRun('openssl', ['cms', '-decrypt', '-in', eml, '-inkey', pkiPath(FAMILY, 'bob.key'), '-recip', pkiPath(FAMILY, 'bob.crt')]);
  const verified = mustRun('openssl', ['cms', '-verify', '-CAfile', pkiPath(FAMILY, 'root.crt')], decrypted).toString('latin1');
  expect(verified).toContain('Hello');
  expect(Buffer.from(send.body ?? '', 'base64').toString('latin1')).toMatch(/In-Reply-To: <parent@example.com>/);
});

test('a recipient without a certificate blocks with the list; "sign only" then sends signed', async () => {
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'sign,encrypt' }, to: ['bob@example.com', 'carol@example.com'] });
  const graph = fakeGraph();
  const compose = api(office, await stores(), graph.client);
  const blocked = await compose.sendSecurely({});
  expect(blocked).toMatchObject({ kind: 'blocked', missingCertificates: ['carol@example.com'] });
  expect(graph.requests).toHaveLength(0);
  await expect(compose.sendSecurely({ signOnlyIfMissingCertificates: true })).resolves.toEqual({ kind: 'sent', via: 'graph' });
  const mime = Buffer.from(graph.requests[0].body ?? '', 'base64').toString('latin1');
  expect(mime).toMatch(/multipart\/signed/);
  mustRun('openssl', ['cms', '-verify', '-CAfile', pkiPath(FAMILY, 'root.crt'), '-out', '/dev/null'], Buffer.from(mime, 'latin1'));
});

test('without a signing identity for From the send is blocked, nothing is submitted', async () => {
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'sign' }, from: 'nobody@example.com' });
  const graph = fakeGraph();
  const result = await api(office, await stores(), graph.client).sendSecurely({});
  expect(result).toMatchObject({ kind: 'blocked' });
  expect((result as { reason: string }).reason).toMatch(/no valid signing certificate for nobody@example.com/);
  expect(graph.requests).toHaveLength(0);
});

test('a message above the Graph limit is refused before sending, with the options explained', async () => {
  const big = toBase64(new Uint8Array(Math.ceil((GRAPH_SENDMAIL_LIMIT * 3) / 4) + 10));
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'sign' }, attachments: [{ id: 'big', name: 'video.bin', base64: big }] });
  const graph = fakeGraph();
  const result = await api(office, await stores(), graph.client).sendSecurely({});
  expect(result).toMatchObject({ kind: 'blocked' });
  expect((result as { reason: string }).reason).toMatch(/MB once encoded.*save it as \.eml/);
  expect(graph.requests).toHaveLength(0);
});

test('saved-eml fallback hands the protected message to the download function', async () => {
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'sign' } });
  const files: { name: string; data: Uint8Array }[] = [];
  const item = office.context.mailbox.item as OfficeComposeItem;
  const compose = createComposeApi({ office, item, stores: stores, features: detectFeatures(office), graph: fakeGraph().client, download: (name, data) => void files.push({ name, data }) });
  await expect(compose.saveAsEml()).resolves.toEqual({ kind: 'saved-eml', fileName: 'Quarterly report.eml' });
  expect(Buffer.from(files[0].data).toString('latin1')).toMatch(/multipart\/signed/);
});

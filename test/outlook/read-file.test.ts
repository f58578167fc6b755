/** The drag-and-drop fallback: a saved .eml is verified and decrypted like the current item. */
import { MemoryBackend } from '../../src/core/keystore/memory-backend';
import { readPkcs12 } from '../../src/core/keystore/pkcs12';
import { encryptMessage, signMessage } from '../../src/core/smime';
import { toBase64 } from '../../src/core/bytes';
import type { OfficeApi, OfficeReadItem } from '../../src/outlook/office-port';
import { createReadApi } from '../../src/outlook/read/read-api';
import { openStores } from '../../src/outlook/storage';
import { certOf, plainMessage, signerFor, wrappedSignedMessage } from '../smime/helpers';
import { readPki } from '../support/fixtures';
import { notificationStore, ok } from './office-mock';

test('loadMessageBytes verifies and decrypts a message file with the stored identity and anchors', async () => {
  const stores = await openStores(new MemoryBackend(), readPki('rsa2048', 'root.crt'));
  const [bob] = (await readPkcs12(readPki('rsa2048', 'bob.p12'), 'test')).entries;
  await stores.keys.importIdentity(bob);
  const office = { context: { mailbox: { item: undefined } } } as unknown as OfficeApi;
  const api = createReadApi({ office, stores: async () => stores, fetchFn: fetch, download: () => undefined });

  const signed = await signMessage(plainMessage(), await signerFor('rsa2048'));
  const encrypted = await encryptMessage(signed, [certOf('rsa2048', 'bob')]);
  const state = await api.loadMessageBytes?.(encrypted);
  expect(state?.kind).toBe('verdict');
  if (state?.kind !== 'verdict') return;
  expect(state.verdict.status).toBe('valid');
  expect(state.verdict.encryption[0].contentAlgorithm).toBe('AES-256-CBC');
  expect(state.content?.text).toContain('see you at 10.');

  const garbage = await api.loadMessageBytes?.(new Uint8Array([1, 2, 3]));
  expect(garbage?.kind === 'verdict' && garbage.verdict.status).toBe('malformed');
});

test('a signed message/rfc822 wrapper: the pane shows the signed headers and the inner message', async () => {
  const stores = await openStores(new MemoryBackend(), readPki('rsa2048', 'root.crt'));
  const office = { context: { mailbox: { item: undefined } } } as unknown as OfficeApi;
  const api = createReadApi({ office, stores: async () => stores, fetchFn: fetch, download: () => undefined });
  const message = await wrappedSignedMessage('rsa2048');
  const state = await api.loadMessageBytes?.(message);
  expect(state?.kind).toBe('verdict');
  if (state?.kind !== 'verdict') return;
  expect(state.verdict.status).toBe('valid');
  expect(state.protectedHeaders?.map((h) => h.name)).toEqual(['From', 'To', 'Subject', 'Date']);
  expect(state.protectedHeaders?.find((h) => h.name === 'Subject')?.value).toBe('Schön');
  expect(state.content?.text).toBe('Wrapped body.\r\n');
});

test('the current item: when Outlook shows another sender than the raw From, the verdict is sender-mismatch (C27)', async () => {
  const stores = await openStores(new MemoryBackend(), readPki('rsa2048', 'root.crt'));
  const raw = toBase64(await signMessage(plainMessage(), await signerFor('rsa2048')));
  const itemShowing = (emailAddress: string): OfficeReadItem => ({
    itemType: 'message',
    itemClass: 'IPM.Note.SMIME.MultipartSigned',
    itemId: 'AAMk-1',
    subject: 'Meeting',
    from: { emailAddress, displayName: 'Shown' },
    attachments: [],
    notificationMessages: notificationStore(),
    getAsFileAsync: (cb) => cb(ok(raw)),
  });
  const statusFor = async (shown: string) => {
    const office = { context: { mailbox: { item: itemShowing(shown) } } } as unknown as OfficeApi;
    const state = await createReadApi({ office, stores: async () => stores, fetchFn: fetch, download: () => undefined }).loadCurrentItem();
    return state.kind === 'verdict' ? state.verdict.status : state.kind;
  };
  await expect(statusFor('alice@example.com')).resolves.toBe('valid');
  await expect(statusFor('ceo@example.com')).resolves.toBe('sender-mismatch');
});

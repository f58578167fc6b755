/** Compose action (recipient check, .eml export) and the KeysApi over the extension's stores. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { readMessage } from '../../src/core/smime/read-message';
import { certificateId } from '../../src/core/keystore/fingerprint';
import { createComposeApi, THUNDERBIRD_SENDS } from '../../src/thunderbird/compose-api';
import { createKeysApi } from '../../src/thunderbird/keys-api';
import { flattenRecipients } from '../../src/thunderbird/recipients';
import { openExtensionStores } from '../../src/thunderbird/stores';
import { readPki } from '../support/fixtures';
import { certOf, rootOf } from '../smime/helpers';
import { createFakeMessenger } from './fake-messenger';
import { FAMILY, newStores } from './helpers';

test('recipients: strings parsed, duplicates merged, contact ids reported', () => {
  expect(
    flattenRecipients({ to: ['Bob <bob@example.com>', 'carol@example.com'], cc: 'BOB@example.com', bcc: [{ id: 'c1', type: 'contact' }] }),
  ).toEqual({ addresses: ['bob@example.com', 'carol@example.com'], unresolved: ['contact c1'] });
});

test('the compose popup names recipients without a certificate and leaves sending to Thunderbird', async () => {
  const stores = await newStores();
  await stores.book.importCertificates(readPki(FAMILY, 'bob.crt'));
  const fake = createFakeMessenger();
  fake.composeDetails.set(1, { from: 'Alice <alice@example.com>', to: ['Bob <bob@example.com>', 'carol@example.com'] });
  const compose = createComposeApi(fake, stores);
  const statuses = await compose.checkRecipients();
  expect(statuses.map((s) => [s.address, s.certificate?.emails, s.problem])).toEqual([
    ['bob@example.com', ['bob@example.com'], undefined],
    ['carol@example.com', undefined, 'no certificate for carol@example.com'],
  ]);
  expect(await compose.sendSecurely({})).toEqual({ kind: 'blocked', reason: THUNDERBIRD_SENDS, missingCertificates: ['carol@example.com'] });
});

test('"Export signed .eml" signs and encrypts the draft with the sender identity; the result verifies', async () => {
  const stores = await newStores();
  const keys = createKeysApi(stores);
  await keys.importPkcs12(readPki(FAMILY, 'alice.p12'), 'test');
  await stores.book.importCertificates(readPki(FAMILY, 'bob.crt'));
  const fake = createFakeMessenger();
  fake.composeDetails.set(1, { from: 'Alice <alice@example.com>', to: ['bob@example.com'], subject: 'Plan B', isPlainText: true, plainTextBody: 'Go.' });
  const saved: { bytes: Uint8Array; name: string }[] = [];
  const compose = createComposeApi(fake, stores, { save: (bytes, name) => saved.push({ bytes, name }) });
  expect((await compose.signingIdentity())?.emails).toEqual(['alice@example.com']);
  await compose.setPolicy({ sign: true, encrypt: true });
  expect(await compose.saveAsEml()).toEqual({ kind: 'saved-eml', fileName: 'Plan_B.eml' });
  const pkcs8 = readPki(FAMILY, 'bob.key');
  const read = await readMessage(saved[0].bytes, {
    anchors: [rootOf(FAMILY)],
    decryptionKeys: [{ certificate: certOf(FAMILY, 'bob'), key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(pkcs8)) }],
    revocation: 'soft',
  });
  expect(read.verdict.status).toBe('valid');
  expect(read.content?.text().trim()).toBe('Go.');
});

test('KeysApi over IndexedDB: PKCS#12 import, anchors need the confirmed fingerprint, changes are announced', async () => {
  const stores = openExtensionStores(new IDBFactory());
  let changes = 0;
  const keys = createKeysApi(stores, () => changes++);
  await expect(keys.importPkcs12(readPki(FAMILY, 'bob.p12'), 'wrong')).rejects.toMatchObject({ code: 'wrong-password' });
  const [bob] = await keys.importPkcs12(readPki(FAMILY, 'bob.p12'), 'test');
  expect(bob).toMatchObject({ emails: ['bob@example.com'], isTestIdentity: false });
  expect((await keys.listIdentities()).map((i) => i.id)).toEqual([bob.id]);
  const root = readPki(FAMILY, 'root.crt');
  await expect(keys.addAnchor(root, '00'.repeat(32))).rejects.toMatchObject({ code: 'bad-input' });
  await keys.addAnchor(root, certificateId(rootOf(FAMILY)));
  expect((await keys.listAnchors()).map((a) => a.source)).toEqual(['user']);
  const test = await keys.createTestIdentity('me@example.com', 'Me');
  expect(test.isTestIdentity).toBe(true);
  await keys.deleteIdentity(test.id);
  expect(changes).toBe(4);
});

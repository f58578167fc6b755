/** Harvesting signer certificates from the read flow into the address book. */
import * as asn1js from 'asn1js';
import { toHex } from '../../src/core/bytes';
import { nameToString } from '../../src/core/cms/attributes';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { AddressBook } from '../../src/core/keystore/address-book';
import { certificateId } from '../../src/core/keystore/fingerprint';
import { harvestFromRead, resolveKeyPreference } from '../../src/core/keystore/harvest';
import { MemoryBackend } from '../../src/core/keystore/memory-backend';
import { TrustStore } from '../../src/core/keystore/trust-store';
import { buildMessage } from '../../src/core/mime';
import { loadCertificate, loadCertificates, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { encryptMessage, readMessage, signMessage } from '../../src/core/smime';
import { readPki } from '../support/fixtures';

async function signedBy(family: string, from = 'alice@example.com', opts: { encryptAfter?: boolean } = {}) {
  const [certificate, ...chain] = loadCertificates(readPki(family, 'alice-chain.pem'));
  const key = await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(family, 'alice.key')));
  const message = buildMessage({ from, to: ['bob@example.com'], subject: 'hi', text: 'Hello Bob' });
  const signed = await signMessage(message, { certificate, chain, key });
  return opts.encryptAfter ? encryptMessage(signed, [loadCertificate(readPki(family, 'bob.crt'))]) : signed;
}

const read = (message: Uint8Array, family: string) =>
  readMessage(message, { anchors: [loadCertificate(readPki(family, 'root.crt'))], revocation: 'off' });

test('a valid read stores the signer certificate, its capabilities and key preference; intermediates are cached', async () => {
  const backend = new MemoryBackend();
  const book = new AddressBook(backend);
  const trust = await TrustStore.open(backend);
  const result = await read(await signedBy('p256'), 'p256');
  expect(result.verdict.status).toBe('valid');
  expect(result.signerDetails).toHaveLength(1);
  expect(await harvestFromRead(book, result, trust)).toEqual({ alerts: [] });
  const [entry] = await book.list();
  expect(entry.fingerprint).toBe(certificateId(loadCertificate(readPki('p256', 'alice.crt'))));
  expect(entry.addresses).toEqual(['alice@example.com']);
  expect(entry.capabilities?.length).toBeGreaterThan(0);
  expect(entry.preferredForEncryption).toBe(true);
  expect(trust.intermediates().map((c) => certificateId(c))).toEqual([certificateId(loadCertificate(readPki('p256', 'inter.crt')))]);
});

test('nothing is stored when the verdict is not valid (untrusted root, or sender mismatch)', async () => {
  const book = new AddressBook(new MemoryBackend());
  const untrusted = await read(await signedBy('p256'), 'rsa2048');
  expect(untrusted.verdict.status).not.toBe('valid');
  await harvestFromRead(book, untrusted);
  const mismatch = await read(await signedBy('p256', 'mallory@example.com'), 'p256');
  expect(mismatch.verdict.status).toBe('sender-mismatch');
  await harvestFromRead(book, mismatch);
  expect(await book.list()).toHaveLength(0);
});

test('a changed certificate keeps both and raises one alert in the verdict warnings', async () => {
  const book = new AddressBook(new MemoryBackend());
  await harvestFromRead(book, await read(await signedBy('p256'), 'p256'));
  const second = await read(await signedBy('rsa2048'), 'rsa2048');
  const newId = certificateId(loadCertificate(readPki('rsa2048', 'alice.crt')));
  const { alerts } = await harvestFromRead(book, second);
  expect(alerts).toEqual([expect.stringMatching(new RegExp(`^alice@example.com's certificate changed: new fingerprint ${newId}`))]);
  expect(second.verdict.warnings).toContain(alerts[0]);
  expect(await book.list()).toHaveLength(2);
  // The next message with the now-known certificate is not news.
  expect((await harvestFromRead(book, await read(await signedBy('rsa2048'), 'rsa2048'))).alerts).toEqual([]);
});

test('signerDetails only lists signatures that cover the displayed content', async () => {
  // Sign-then-encrypt: the signature is inside, it covers the content.
  const key = await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki('p256', 'bob.key')));
  const bob = loadCertificate(readPki('p256', 'bob.crt'));
  const inner = await readMessage(await signedBy('p256', 'alice@example.com', { encryptAfter: true }), {
    anchors: [loadCertificate(readPki('p256', 'root.crt'))],
    decryptionKeys: [{ certificate: bob, key }],
    revocation: 'off',
  });
  expect(inner.verdict.status).toBe('valid');
  expect(inner.signerDetails).toHaveLength(1);
  // Encrypt-then-sign: the signature covers ciphertext only.
  const [certificate, ...chain] = loadCertificates(readPki('p256', 'alice-chain.pem'));
  const aliceKey = await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki('p256', 'alice.key')));
  const encrypted = await encryptMessage(buildMessage({ from: 'alice@example.com', to: ['bob@example.com'], text: 'x' }), [bob]);
  const outer = await readMessage(await signMessage(encrypted, { certificate, chain, key: aliceKey }), {
    anchors: [loadCertificate(readPki('p256', 'root.crt'))],
    decryptionKeys: [{ certificate: bob, key }],
    revocation: 'off',
  });
  expect(outer.signerDetails).toEqual([]);
});

test('resolveKeyPreference finds the named certificate by issuer/serial or by SKI', () => {
  const certs = [loadCertificate(readPki('p256', 'inter.crt')), loadCertificate(readPki('p256', 'alice.crt'))];
  const alice = certs[1];
  const serial = toHex(alice.serialNumber.valueBlock.valueHexView);
  const issuer = nameToString(alice.issuer);
  expect(resolveKeyPreference({ issuer, serialNumber: serial }, certs)).toBe(alice);
  expect(resolveKeyPreference({ issuer, serialNumber: '00' }, certs)).toBeUndefined();
  expect(resolveKeyPreference({ subjectKeyIdentifier: 'ff' }, certs)).toBeUndefined();
  const ski = alice.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString;
  expect(resolveKeyPreference({ subjectKeyIdentifier: toHex(ski.valueBlock.valueHexView) }, certs)).toBe(alice);
});

describe('AEAD → CBC downgrade (checklist E35)', () => {
  const FAMILY = 'p256';
  const bob = async () => ({
    certificate: loadCertificate(readPki(FAMILY, 'bob.crt')),
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(FAMILY, 'bob.key'))),
  });
  async function encryptedFromAlice(cipher: 'aes-256-cbc' | 'aes-256-gcm') {
    const message = await encryptMessage(await signedBy(FAMILY), [loadCertificate(readPki(FAMILY, 'bob.crt'))], { cipher });
    return readMessage(message, { anchors: [loadCertificate(readPki(FAMILY, 'root.crt'))], revocation: 'off', decryptionKeys: [await bob()] });
  }
  const DOWNGRADE = /alice@example\.com normally uses authenticated encryption \(AES-GCM\), but this message uses legacy CBC/;

  test('CBC mail from a correspondent whose stored capabilities list AES-GCM is flagged', async () => {
    const book = new AddressBook(new MemoryBackend());
    await harvestFromRead(book, await read(await signedBy(FAMILY), FAMILY)); // alice advertises AES-GCM
    const cbc = await encryptedFromAlice('aes-256-cbc');
    await harvestFromRead(book, cbc);
    expect(cbc.verdict.warnings.join('\n')).toMatch(DOWNGRADE);
  });

  test('no warning for GCM mail, or for CBC mail from someone whose capabilities are not known', async () => {
    const book = new AddressBook(new MemoryBackend());
    const unknownSender = await encryptedFromAlice('aes-256-cbc');
    await harvestFromRead(book, unknownSender);
    expect(unknownSender.verdict.warnings.join('\n')).not.toMatch(DOWNGRADE);
    await harvestFromRead(book, await read(await signedBy(FAMILY), FAMILY));
    const gcm = await encryptedFromAlice('aes-256-gcm');
    await harvestFromRead(book, gcm);
    expect(gcm.verdict.encryption[0].authenticated).toBe(true);
    expect(gcm.verdict.warnings.join('\n')).not.toMatch(DOWNGRADE);
  });
});

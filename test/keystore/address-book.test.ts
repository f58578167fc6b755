import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { toDer } from '../../src/core/asn1';
import { BadInputError, MalformedInputError } from '../../src/core/errors';
import { AddressBook } from '../../src/core/keystore/address-book';
import { certificateId } from '../../src/core/keystore/fingerprint';
import { createSelfSignedTestIdentity } from '../../src/core/keystore/generate';
import { MemoryBackend } from '../../src/core/keystore/memory-backend';
import { TrustStore } from '../../src/core/keystore/trust-store';
import { loadCertificate } from '../../src/core/pem';
import { mustRun, pkiPath, readPki, tempDir } from '../support/fixtures';
import { fixtureCert, sameCert } from './p12-helpers';

// A minute ahead: openssl stamps notBefore with the current second.
const soon = () => new Date(Date.now() + 60_000);

/** A self-signed cert made by openssl with the given key usage. */
function opensslCert(email: string, keyUsage: string, keyAlg: string[] = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']): pkijs.Certificate {
  const dir = tempDir('ab-');
  const out = join(dir, 'c.pem');
  mustRun('openssl', [
    'req', '-x509', ...keyAlg, '-nodes', '-keyout', join(dir, 'k.pem'), '-out', out, '-days', '30', '-subj', `/CN=${email}`,
    '-addext', `keyUsage=critical,${keyUsage}`, '-addext', `subjectAltName=email:${email}`, '-addext', 'basicConstraints=critical,CA:FALSE',
  ]);
  return loadCertificate(new Uint8Array(readFileSync(out)));
}

describe('AddressBook.harvest', () => {
  test('stores only valid signatures whose certificate names the From address', async () => {
    const book = new AddressBook(new MemoryBackend());
    const alice = fixtureCert('p256', 'alice.crt');
    expect(await book.harvest({ signerCertificate: alice, verdictValid: false, fromAddress: 'alice@example.com' })).toMatchObject({ stored: false });
    expect(await book.harvest({ signerCertificate: alice, verdictValid: true, fromAddress: 'mallory@example.com' })).toMatchObject({ stored: false });
    expect(await book.list()).toHaveLength(0);
    const caps = [{ oid: '2.16.840.1.101.3.4.1.42' }];
    const r = await book.harvest({ signerCertificate: alice, capabilities: caps, verdictValid: true, fromAddress: 'alice@EXAMPLE.com' });
    expect(r).toEqual({ stored: true, changed: false, previous: [] });
    const [found] = await book.lookupRecipients(['alice@example.com'], soon());
    expect(sameCert(found.certificate!, alice)).toBe(true);
    expect(found.capabilities).toEqual(caps);
    // Same certificate again: not a change.
    expect((await book.harvest({ signerCertificate: alice, verdictValid: true, fromAddress: 'alice@example.com' })).changed).toBe(false);
  });

  test('a different certificate for a known address keeps both and reports the change', async () => {
    const book = new AddressBook(new MemoryBackend());
    const first = fixtureCert('p256', 'alice.crt');
    const second = fixtureCert('rsa2048', 'alice.crt');
    await book.harvest({ signerCertificate: first, verdictValid: true, fromAddress: 'alice@example.com' });
    const r = await book.harvest({ signerCertificate: second, verdictValid: true, fromAddress: 'alice@example.com' });
    expect(r.changed).toBe(true);
    expect(r.previous.map((c) => certificateId(c))).toEqual([certificateId(first)]);
    expect((await book.list()).map((e) => e.fingerprint).sort()).toEqual([certificateId(first), certificateId(second)].sort());
  });

  test('the encryption-key-preference certificate wins the lookup', async () => {
    const book = new AddressBook(new MemoryBackend());
    const signing = fixtureCert('rsa2048', 'alice.crt');
    const preferred = fixtureCert('p256', 'alice.crt');
    await book.harvest({ signerCertificate: signing, encryptionKeyPreference: preferred, verdictValid: true, fromAddress: 'alice@example.com' });
    const [found] = await book.lookupRecipients(['alice@example.com'], soon());
    expect(sameCert(found.certificate!, preferred)).toBe(true);
  });
});

describe('AddressBook.lookupRecipients', () => {
  test('problems: unknown, invalid address, KU without encryption, expired', async () => {
    const book = new AddressBook(new MemoryBackend());
    await book.importCertificates(new TextEncoder().encode(toPemString(opensslCert('sig@example.com', 'digitalSignature'))));
    await book.importCertificates(readPki('p256', 'bob.crt'));
    const results = await book.lookupRecipients(['carol@example.com', 'not-an-address', 'sig@example.com', 'bob@example.com'], soon());
    expect(results[0].problem).toBe('no certificate for carol@example.com');
    expect(results[1].problem).toMatch(/not a valid e-mail address/);
    expect(results[2].problem).toMatch(/does not allow encryption/);
    expect(results[3].problem).toBeUndefined();
    expect(results[3].certificate).toBeDefined();
    const later = await book.lookupRecipients(['bob@example.com'], new Date(Date.now() + 50 * 365 * 86_400_000));
    expect(later[0].problem).toMatch(/expired/);
  });

  test('RSA needs keyEncipherment, EC needs keyAgreement; newest valid one wins', async () => {
    const book = new AddressBook(new MemoryBackend());
    const rsaNoKe = opensslCert('r@example.com', 'digitalSignature,keyAgreement', ['-newkey', 'rsa:2048']);
    const ecNoKa = opensslCert('e@example.com', 'digitalSignature,keyEncipherment');
    for (const c of [rsaNoKe, ecNoKa]) await book.importCertificates(toDer(c));
    const [r, e] = await book.lookupRecipients(['r@example.com', 'e@example.com'], soon());
    expect(r.problem).toMatch(/does not allow encryption/);
    expect(e.problem).toMatch(/does not allow encryption/);

    const older = await createSelfSignedTestIdentity({ email: 'n@example.com', commonName: 'N', algorithm: 'P-256', now: new Date(Date.now() - 86_400_000) });
    const newer = await createSelfSignedTestIdentity({ email: 'n@example.com', commonName: 'N', algorithm: 'P-256', now: new Date() });
    await book.importCertificates(toDer(older.certificate));
    await book.importCertificates(toDer(newer.certificate));
    const [n] = await book.lookupRecipients(['n@example.com'], new Date(Date.now() + 3_600_000));
    expect(sameCert(n.certificate!, newer.certificate)).toBe(true);
  });
});

describe('AddressBook.importCertificates / remove', () => {
  test('PEM bundle, DER and a certs-only .p7b; CA certificates skipped', async () => {
    const book = new AddressBook(new MemoryBackend());
    // alice-chain.pem holds alice + intermediate; only alice is an end entity.
    expect(await book.importCertificates(readPki('rsa2048', 'alice-chain.pem'))).toHaveLength(1);
    const dir = tempDir('p7b-');
    const p7b = join(dir, 'b.p7b');
    mustRun('openssl', ['crl2pkcs7', '-nocrl', '-certfile', pkiPath('rsa2048', 'bob-chain.pem'), '-outform', 'DER', '-out', p7b]);
    const imported = await book.importCertificates(new Uint8Array(readFileSync(p7b)));
    expect(imported).toHaveLength(1);
    expect(sameCert(imported[0], fixtureCert('rsa2048', 'bob.crt'))).toBe(true);
    mustRun('openssl', ['crl2pkcs7', '-nocrl', '-certfile', pkiPath('p256', 'bob.crt'), '-out', join(dir, 'b.pem')]);
    expect(await book.importCertificates(new Uint8Array(readFileSync(join(dir, 'b.pem'))))).toHaveLength(1);
    expect((await book.list()).length).toBe(3);

    const colonFp = certificateId(imported[0]).toUpperCase().match(/../g)!.join(':');
    expect(await book.remove(colonFp)).toBe(true);
    expect(await book.remove(colonFp)).toBe(false);
    expect((await book.list()).length).toBe(2);
    await expect(book.importCertificates(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(MalformedInputError);
  });
});

describe('TrustStore', () => {
  test('deployment anchors, user anchors with fingerprint confirmation, intermediates cache, persistence', async () => {
    const backend = new MemoryBackend();
    const store = await TrustStore.open(backend, readPki('p256', 'root.crt'));
    expect(store.anchors()).toHaveLength(1);
    const otherRoot = fixtureCert('rsa2048', 'root.crt');
    await expect(store.addUserAnchor(otherRoot, 'AB:CD')).rejects.toBeInstanceOf(BadInputError);
    expect(store.anchors()).toHaveLength(1);
    const fp = mustRun('openssl', ['x509', '-in', pkiPath('rsa2048', 'root.crt'), '-noout', '-fingerprint', '-sha256']).toString().split('=')[1].trim();
    await store.addUserAnchor(otherRoot, fp);
    expect(store.anchors()).toHaveLength(2);
    await expect(store.removeUserAnchor(certificateId(fixtureCert('p256', 'root.crt')))).rejects.toBeInstanceOf(BadInputError);

    await store.addIntermediates([fixtureCert('p256', 'inter.crt'), fixtureCert('p256', 'alice.crt')]);
    expect(store.intermediates()).toHaveLength(1);

    const reopened = await TrustStore.open(backend, readPki('p256', 'root.crt'));
    expect(reopened.userAnchors().map((c) => certificateId(c))).toEqual([certificateId(otherRoot)]);
    expect(reopened.intermediates()).toHaveLength(1);
    expect(await reopened.removeUserAnchor(fp)).toBe(true);
    expect(reopened.anchors()).toHaveLength(1);
    expect((await TrustStore.open(backend)).anchors()).toHaveLength(0);
  });
});

function toPemString(cert: pkijs.Certificate): string {
  const b64 = Buffer.from(toDer(cert)).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

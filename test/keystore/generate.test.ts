import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDer } from '../../src/core/asn1';
import { bytesEqual } from '../../src/core/bytes';
import { BadInputError, KeyMismatchError } from '../../src/core/errors';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import {
  bindIssuedCertificate,
  createCsr,
  createSelfSignedTestIdentity,
  generateKeyPair,
  TEST_IDENTITY_ORGANIZATION,
  type KeyAlgorithm,
} from '../../src/core/keystore/generate';
import { pkcs8MatchesCertificate } from '../../src/core/keystore/key-match';
import { spkiFromPkcs8 } from '../../src/core/keystore/public-key';
import { loadPrivateKeyPkcs8, toPem } from '../../src/core/pem';
import { mustRun, pkiPath, readPki, runTool, tempDir } from '../support/fixtures';

function opensslText(args: string[], der: Uint8Array): { out: string; status: number } {
  const file = join(tempDir('gen-'), 'in.der');
  writeFileSync(file, der);
  const r = runTool('openssl', [...args, '-in', file, '-inform', 'DER']);
  return { out: r.stdout.toString() + r.stderr, status: r.status };
}

describe('generateKeyPair', () => {
  test.each(['RSA-2048', 'P-256', 'P-384'] as KeyAlgorithm[])('%s: pkcs8 and spki belong together', async (algorithm) => {
    const pair = await generateKeyPair({ algorithm });
    expect(bytesEqual(toDer(spkiFromPkcs8(pair.pkcs8)), pair.spki)).toBe(true);
    const handle = await privateKeyFromPkcs8(pair.pkcs8);
    expect(handle.keyType).toBe(algorithm.startsWith('RSA') ? 'RSA' : 'EC');
    if (algorithm === 'RSA-2048') expect(handle.bits).toBe(2048);
  });
  test('unknown algorithm → BadInputError', async () => {
    await expect(generateKeyPair({ algorithm: 'DSA' as KeyAlgorithm })).rejects.toBeInstanceOf(BadInputError);
  });
});

describe('createCsr', () => {
  test.each(['RSA-3072', 'P-256', 'P-384'] as KeyAlgorithm[])('%s CSR verifies in openssl req -verify', async (algorithm) => {
    const { pkcs8 } = await generateKeyPair({ algorithm });
    const csr = await createCsr({ pkcs8, email: 'carol@example.com', commonName: 'Carol Example' });
    const r = opensslText(['req', '-verify', '-noout', '-text'], csr);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/verify OK|Certificate request self-signature verify OK/);
    expect(r.out).toContain('email:carol@example.com');
    expect(r.out).toContain('CN = Carol Example');
    expect(r.out).toContain('E-mail Protection');
    expect(r.out).toMatch(algorithm === 'P-384' ? /ecdsa-with-SHA384/ : /sha256WithRSAEncryption|ecdsa-with-SHA256/);
  });

  test('a CSR from a key handle + spki (no PKCS#8) also verifies', async () => {
    const pair = await generateKeyPair({ algorithm: 'P-256' });
    const key = await privateKeyFromPkcs8(pair.pkcs8);
    const csr = await createCsr({ key, spki: pair.spki, email: 'dan@example.com', commonName: 'Dan' });
    expect(opensslText(['req', '-verify', '-noout'], csr).out).toMatch(/verify OK/);
  });

  test('a tampered CSR fails openssl verification (the check can fail)', async () => {
    const { pkcs8 } = await generateKeyPair({ algorithm: 'P-256' });
    const csr = await createCsr({ pkcs8, email: 'carol@example.com', commonName: 'Carol' });
    const i = Buffer.from(csr).indexOf('Carol');
    csr[i] ^= 0x20;
    // openssl 3.0 exits 0 either way; the message tells.
    const r = opensslText(['req', '-verify', '-noout'], csr);
    expect(r.out).not.toMatch(/verify OK/);
    expect(r.out).toMatch(/verify failure|did not verify/i);
  });

  test('rejects an unusable e-mail address', async () => {
    const { pkcs8 } = await generateKeyPair({ algorithm: 'P-256' });
    await expect(createCsr({ pkcs8, email: 'not an address', commonName: 'x' })).rejects.toBeInstanceOf(BadInputError);
  });

  test('openssl x509 -req can issue from it and bindIssuedCertificate accepts the result', async () => {
    const { pkcs8 } = await generateKeyPair({ algorithm: 'RSA-2048' });
    const csr = await createCsr({ pkcs8, email: 'erin@example.com', commonName: 'Erin' });
    const dir = tempDir('ca-');
    writeFileSync(join(dir, 'req.der'), csr);
    mustRun('openssl', ['req', '-in', join(dir, 'req.der'), '-inform', 'DER', '-out', join(dir, 'req.pem')]);
    const der = mustRun('openssl', [
      'x509', '-req', '-in', join(dir, 'req.pem'), '-CA', pkiPath('rsa2048', 'inter.crt'), '-CAkey', pkiPath('rsa2048', 'inter.key'),
      '-CAcreateserial', '-CAserial', join(dir, 'serial'), '-days', '30', '-copy_extensions', 'copy', '-outform', 'DER',
    ]);
    const cert = await bindIssuedCertificate(pkcs8, new Uint8Array(der));
    expect(cert.subject.typesAndValues[0].value.valueBlock.value).toBe('Erin');
    // The same certificate against another key is refused.
    const other = await generateKeyPair({ algorithm: 'RSA-2048' });
    await expect(bindIssuedCertificate(other.pkcs8, new Uint8Array(der))).rejects.toBeInstanceOf(KeyMismatchError);
  });

  test('bindIssuedCertificate refuses a fixture certificate for another EC key', async () => {
    const bobKey = loadPrivateKeyPkcs8(readPki('p256', 'bob.key'));
    const aliceDer = mustRun('openssl', ['x509', '-in', pkiPath('p256', 'alice.crt'), '-outform', 'DER']);
    await expect(bindIssuedCertificate(bobKey, new Uint8Array(aliceDer))).rejects.toBeInstanceOf(KeyMismatchError);
    const aliceKey = loadPrivateKeyPkcs8(readPki('p256', 'alice.key'));
    await expect(bindIssuedCertificate(aliceKey, new Uint8Array(aliceDer))).resolves.toBeDefined();
  });
});

describe('createSelfSignedTestIdentity', () => {
  test.each(['RSA-2048', 'P-256'] as KeyAlgorithm[])('%s: labelled, KU/EKU/SAN, 1 year, self-signature valid', async (algorithm) => {
    const now = new Date('2026-01-01T00:00:00Z');
    const id = await createSelfSignedTestIdentity({ email: 'test@example.com', commonName: 'Tess', algorithm, now });
    expect(await pkcs8MatchesCertificate(id.pkcs8, id.certificate)).toBe(true);
    expect(await id.certificate.verify()).toBe(true);
    const pem = toPem('CERTIFICATE', toDer(id.certificate));
    const file = join(tempDir('self-'), 'c.pem');
    writeFileSync(file, pem);
    const text = mustRun('openssl', ['x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8']).toString();
    expect(text).toContain(TEST_IDENTITY_ORGANIZATION);
    expect(text).toContain('email:test@example.com');
    expect(text).toContain('E-mail Protection');
    expect(text).toContain(algorithm === 'RSA-2048' ? 'Digital Signature, Key Encipherment' : 'Digital Signature, Key Agreement');
    expect(text).toContain('CA:FALSE');
    expect(text).toContain('Not After : Jan  1 00:00:00 2027 GMT');
    // openssl verifies the self-signature when the cert is its own anchor (partial chain).
    const v = runTool('openssl', ['verify', '-partial_chain', '-purpose', 'smimesign', '-attime', '1767312000', '-CAfile', file, file]);
    expect(v.stdout.toString()).toContain('OK');
  });
});

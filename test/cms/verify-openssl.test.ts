/** Our verifier on signatures made by `openssl cms -sign` in its various modes. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifySignedData } from '../../src/core/cms/verify';
import { loadCertificate } from '../../src/core/pem';
import { bytesEqual, randomBytes } from '../../src/core/bytes';
import { mustRun, pkiPath, readPki, tempDir } from '../support/fixtures';

let dir: string;
let contentFile: string;
const CONTENT = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nSigned by OpenSSL.\r\n');

beforeAll(() => {
  dir = tempDir('smime-verify-openssl-');
  contentFile = join(dir, 'content.txt');
  writeFileSync(contentFile, CONTENT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** openssl cms -sign as alice of `family` with extra args; returns the DER output. */
function opensslSign(family: string, extra: string[], input = contentFile): Uint8Array {
  const out = join(dir, `sig-${counter++}.der`);
  mustRun('openssl', [
    'cms', '-sign', '-binary', '-outform', 'DER', '-in', input, '-out', out,
    '-signer', pkiPath(family, 'alice.crt'), '-inkey', pkiPath(family, 'alice.key'),
    '-certfile', pkiPath(family, 'inter.crt'), ...extra,
  ]);
  return new Uint8Array(readFileSync(out));
}

test.each([
  ['rsa2048', 'sha256', true, 'RSASSA-PKCS1-v1_5 with SHA-256'],
  ['rsa3072', 'sha512', false, 'RSASSA-PKCS1-v1_5 with SHA-512'],
  ['p256', 'sha512', true, 'ECDSA with SHA-512'],
  ['p256', 'sha256', false, 'ECDSA with SHA-256'],
  ['p384', 'sha384', true, 'ECDSA with SHA-384'],
  ['p384', 'sha384', false, 'ECDSA with SHA-384'],
])('%s -md %s detached=%s verifies', async (family, md, detached, sigAlg) => {
  const der = opensslSign(family, ['-md', md, ...(detached ? [] : ['-nodetach'])]);
  const check = await verifySignedData(der, detached ? { detachedContent: CONTENT } : {});
  expect(check.structureErrors).toEqual([]);
  expect(check.detached).toBe(detached);
  expect(bytesEqual(check.content, CONTENT)).toBe(true);
  expect(check.signers).toHaveLength(1);
  expect(check.signers[0].errors).toEqual([]);
  expect(check.signers[0].signatureValid).toBe(true);
  expect(check.signers[0].signatureAlgorithm).toBe(sigAlg);
  expect(check.signers[0].digestAlgorithm).toBe(md.replace('sha', 'SHA-'));
  expect(check.signers[0].signingTime).toBeInstanceOf(Date);
  expect(check.signers[0].capabilities?.length).toBeGreaterThan(0);
});

test('-stream (BER, indefinite lengths, eContent in chunks) verifies', async () => {
  const big = randomBytes(300_000);
  const bigFile = join(dir, 'big.bin');
  writeFileSync(bigFile, big);
  const der = opensslSign('rsa2048', ['-nodetach', '-stream'], bigFile);
  // indefinite-length outer SEQUENCE proves this really is streamed BER
  expect(der[1]).toBe(0x80);
  const check = await verifySignedData(der);
  expect(check.structureErrors).toEqual([]);
  expect(bytesEqual(check.content, big)).toBe(true);
  expect(check.signers[0].signatureValid).toBe(true);
});

test('-noattr is reported invalid: signed attributes are required', async () => {
  const der = opensslSign('rsa2048', ['-noattr', '-nodetach']);
  const check = await verifySignedData(der);
  expect(check.signers[0].signatureValid).toBe(false);
  expect(check.signers[0].errors.join(' ')).toMatch(/no signed attributes/);
  expect(check.signers[0].certificate).toBeDefined();
});

test('-keyid (subjectKeyIdentifier signer id) verifies', async () => {
  const der = opensslSign('p256', ['-keyid']);
  const check = await verifySignedData(der, { detachedContent: CONTENT });
  expect(check.signers[0].errors).toEqual([]);
  expect(check.signers[0].signatureValid).toBe(true);
  const alice = loadCertificate(readPki('p256', 'alice.crt'));
  expect(check.signers[0].certificate?.serialNumber.isEqual(alice.serialNumber)).toBe(true);
});

test('-nocerts: certificates supplied out of band are used; without them the signer is unknown', async () => {
  const out = join(dir, 'nocerts.der');
  mustRun('openssl', [
    'cms', '-sign', '-binary', '-outform', 'DER', '-nocerts', '-in', contentFile, '-out', out,
    '-signer', pkiPath('rsa3072', 'alice.crt'), '-inkey', pkiPath('rsa3072', 'alice.key'),
  ]);
  const der = new Uint8Array(readFileSync(out));
  const without = await verifySignedData(der, { detachedContent: CONTENT });
  expect(without.certificates).toHaveLength(0);
  expect(without.signers[0].signatureValid).toBe(false);
  expect(without.signers[0].errors.join(' ')).toMatch(/not in the message/);

  const alice = loadCertificate(readPki('rsa3072', 'alice.crt'));
  const bob = loadCertificate(readPki('rsa3072', 'bob.crt'));
  const withCerts = await verifySignedData(der, { detachedContent: CONTENT, extraCertificates: [bob, alice] });
  expect(withCerts.signers[0].errors).toEqual([]);
  expect(withCerts.signers[0].signatureValid).toBe(true);
  expect(withCerts.signers[0].certificate).toBe(alice);
});

test.each([
  ['rsa2048', ['-keyopt', 'rsa_padding_mode:pss']],
  ['rsa3072', ['-md', 'sha384', '-keyopt', 'rsa_padding_mode:pss', '-keyopt', 'rsa_pss_saltlen:max']],
])('%s RSA-PSS %j verifies', async (family, extra) => {
  const der = opensslSign(family, extra as string[]);
  const check = await verifySignedData(der, { detachedContent: CONTENT });
  expect(check.signers[0].errors).toEqual([]);
  expect(check.signers[0].signatureValid).toBe(true);
  expect(check.signers[0].signatureAlgorithm).toMatch(/^RSASSA-PSS with SHA-(256|384)$/);
});

test('a certificate whose SKI is not SHA-1 of its key is matched by the SKI extension', async () => {
  const ext = join(dir, 'ski.cnf');
  writeFileSync(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment',
      'extendedKeyUsage=emailProtection',
      'subjectAltName=email:carol@example.com',
      'subjectKeyIdentifier=0102030405',
      '',
    ].join('\n'),
  );
  const key = join(dir, 'carol.key');
  const csr = join(dir, 'carol.csr');
  const crt = join(dir, 'carol.crt');
  mustRun('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
  mustRun('openssl', ['req', '-new', '-key', key, '-subj', '/CN=Carol', '-out', csr]);
  mustRun('openssl', [
    'x509', '-req', '-in', csr, '-CA', pkiPath('rsa2048', 'inter.crt'), '-CAkey', pkiPath('rsa2048', 'inter.key'),
    '-set_serial', '0x3001', '-days', '30', '-sha256', '-extfile', ext, '-out', crt,
  ]);
  const out = join(dir, 'carol.der');
  mustRun('openssl', [
    'cms', '-sign', '-binary', '-outform', 'DER', '-keyid', '-in', contentFile, '-out', out,
    '-signer', crt, '-inkey', key, '-certfile', pkiPath('rsa2048', 'inter.crt'),
  ]);
  // openssl agrees the message is good
  mustRun('openssl', [
    'cms', '-verify', '-inform', 'DER', '-binary', '-in', out, '-content', contentFile,
    '-CAfile', pkiPath('rsa2048', 'root.crt'), '-out', join(dir, 'carol.out'),
  ]);
  const check = await verifySignedData(new Uint8Array(readFileSync(out)), { detachedContent: CONTENT });
  expect(check.signers[0].errors).toEqual([]);
  expect(check.signers[0].signatureValid).toBe(true);
  expect(check.signers[0].certificate?.subject.typesAndValues[0].value.valueBlock.value).toBe('Carol');
});

test('-md sha1 verifies but is flagged weak', async () => {
  const der = opensslSign('rsa2048', ['-md', 'sha1']);
  const check = await verifySignedData(der, { detachedContent: CONTENT });
  expect(check.signers[0].signatureValid).toBe(true);
  expect(check.signers[0].digestAlgorithm).toBe('SHA-1');
  expect(check.signers[0].weakAlgorithms).toEqual(['SHA-1']);
});

test('two signers (RSA and ECDSA) are reported separately', async () => {
  const out = join(dir, 'two.der');
  mustRun('openssl', [
    'cms', '-sign', '-binary', '-outform', 'DER', '-in', contentFile, '-out', out,
    '-signer', pkiPath('rsa2048', 'alice.crt'), '-inkey', pkiPath('rsa2048', 'alice.key'),
    '-signer', pkiPath('p256', 'bob.crt'), '-inkey', pkiPath('p256', 'bob.key'),
  ]);
  const der = new Uint8Array(readFileSync(out));
  const check = await verifySignedData(der, { detachedContent: CONTENT });
  expect(check.signers.map((s) => s.index)).toEqual([0, 1]);
  expect(check.signers.every((s) => s.signatureValid)).toBe(true);
  // DER SET OF order is up to openssl, so look each signer up by algorithm
  const rsa = check.signers.find((s) => s.signatureAlgorithm === 'RSASSA-PKCS1-v1_5 with SHA-256');
  const ec = check.signers.find((s) => s.signatureAlgorithm === 'ECDSA with SHA-256');
  const bob = loadCertificate(readPki('p256', 'bob.crt'));
  const alice = loadCertificate(readPki('rsa2048', 'alice.crt'));
  expect(ec?.certificate?.serialNumber.isEqual(bob.serialNumber)).toBe(true);
  expect(ec?.certificate?.issuer.isEqual(bob.issuer)).toBe(true);
  expect(rsa?.certificate?.issuer.isEqual(alice.issuer)).toBe(true);
});

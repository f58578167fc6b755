/**
 * Every verdict status, each produced by a message that the real openssl builds at test time
 * (signers from test/support/pki/20-pki-cases.sh), read through the whole pipeline.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, latin1Encode, toBase64 } from '../../src/core/bytes';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { parseCrl } from '../../src/core/pki/revocation-fetch';
import { readMessage, type ReadOptions } from '../../src/core/smime';
import type { VerdictStatus } from '../../src/core/verdict';
import { mustRun, PKI_DIR, pkiPath, tempDir } from '../support/fixtures';

const cases = (f: string) => join(PKI_DIR, 'cases', f);
const CONTENT = 'Content-Type: text/plain; charset=utf-8\r\n\r\nQuarterly numbers attached.\r\n';
let dir: string;

beforeAll(() => {
  dir = tempDir('smime-statuses-');
  writeFileSync(join(dir, 'content.txt'), CONTENT);
});

/** openssl cms -sign of CONTENT as a complete S/MIME message with the given headers. */
function opensslSigned(signer: string, from: string, extra: string[] = []): string {
  return mustRun('openssl', [
    'cms', '-sign', '-in', join(dir, 'content.txt'), '-signer', cases(`${signer}.crt`), '-inkey', cases(`${signer}.key`),
    '-certfile', cases('inter.crt'), '-from', from, '-to', 'bob@example.com', '-subject', 'Numbers', ...extra,
  ]).toString('latin1');
}

function opensslEncrypted(extra: string[]): string {
  return mustRun('openssl', [
    'cms', '-encrypt', '-in', join(dir, 'content.txt'), '-from', 'alice@example.com', '-to', 'bob@example.com',
    '-subject', 'Secret', ...extra, pkiPath('rsa2048', 'bob.crt'),
  ]).toString('latin1');
}

async function statusOf(message: string, options: ReadOptions = {}): Promise<VerdictStatus> {
  const anchors = [loadCertificate(new Uint8Array(readFileSync(cases('root.crt'))))];
  const { verdict } = await readMessage(latin1Encode(message), { anchors, revocation: 'soft', ...options });
  expect(verdict.banner.length).toBeLessThanOrEqual(150);
  return verdict.status;
}

const bobKey = async () => ({
  certificate: loadCertificate(new Uint8Array(readFileSync(pkiPath('rsa2048', 'bob.crt')))),
  key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(new Uint8Array(readFileSync(pkiPath('rsa2048', 'bob.key'))))),
});

const crl = (f: string) => parseCrl(new Uint8Array(readFileSync(cases(f))), f);

test('valid', async () => {
  expect(await statusOf(opensslSigned('good', 'good@example.com'))).toBe('valid');
});

test('invalid: content changed after signing', async () => {
  const tampered = opensslSigned('good', 'good@example.com').replace('Quarterly numbers', 'Quarterly NUMBERS');
  expect(await statusOf(tampered)).toBe('invalid');
});

test('untrusted: self-signed signer', async () => {
  expect(await statusOf(opensslSigned('selfsigned', 'self@example.com', ['-nocerts', '-certfile', cases('selfsigned.crt')]))).toBe('untrusted');
});

test('untrusted: certificate not for e-mail (EKU serverAuth)', async () => {
  expect(await statusOf(opensslSigned('eku-server', 'server@example.com'))).toBe('untrusted');
});

test('expired', async () => {
  expect(await statusOf(opensslSigned('expired', 'expired@example.com'))).toBe('expired');
});

test('revoked: the intermediate CRL lists the signer', async () => {
  const msg = opensslSigned('revoked', 'revoked@example.com');
  expect(await statusOf(msg, { crls: [crl('inter.crl'), crl('root.crl')] })).toBe('revoked');
});

test('revocation-unknown: the signer publishes a CRL that cannot be had (soft-fail)', async () => {
  expect(await statusOf(opensslSigned('crldp', 'crldp@example.com'))).toBe('revocation-unknown');
  expect(await statusOf(opensslSigned('crldp', 'crldp@example.com'), { revocation: 'off' })).toBe('valid');
});

test('sender-mismatch: From is not the certificate address', async () => {
  expect(await statusOf(opensslSigned('good', 'ceo@example.com'))).toBe('sender-mismatch');
});

test('weak-algorithm: SHA-1 signature (accepted only by explicit admin setting)', async () => {
  const msg = opensslSigned('good', 'good@example.com', ['-md', 'sha1']);
  expect(await statusOf(msg)).toBe('weak-algorithm');
  expect(await statusOf(msg, { allowSha1: true })).toBe('valid');
});

test('weak-algorithm: RSA-1024 signer', async () => {
  expect(await statusOf(opensslSigned('rsa1024', 'weak@example.com'))).toBe('weak-algorithm');
});

test('partially-signed: a signed part inside unsigned content', async () => {
  const signed = opensslSigned('good', 'good@example.com');
  const body = signed.slice(signed.indexOf('MIME-Version:'));
  const wrapper =
    'From: good@example.com\r\nTo: bob@example.com\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n' +
    'Content-Type: multipart/mixed; boundary="w"\r\n\r\n--w\r\nContent-Type: text/plain\r\n\r\nPay the invoice below.\r\n' +
    `--w\r\n${body}\r\n--w--\r\n`;
  expect(await statusOf(wrapper)).toBe('partially-signed');
});

test('not-signed', async () => {
  expect(await statusOf(`From: good@example.com\r\nSubject: hi\r\nMIME-Version: 1.0\r\n${CONTENT}`)).toBe('not-signed');
});

test('malformed: two From headers', async () => {
  const msg = opensslSigned('good', 'good@example.com');
  expect(await statusOf(`From: ceo@example.com\r\n${msg}`)).toBe('malformed');
});

test('encrypted-no-key', async () => {
  expect(await statusOf(opensslEncrypted(['-aes256']))).toBe('encrypted-no-key');
});

test('decrypt-failed: tampered AES-GCM, and a 3DES message', async () => {
  const gcm = opensslEncrypted(['-aes-256-gcm']);
  const blank = /\r?\n\r?\n/.exec(gcm);
  if (!blank) throw new Error('no body in the openssl output');
  const split = blank.index + blank[0].length;
  const der = fromBase64(gcm.slice(split));
  der[der.length - 24] ^= 0x80; // inside the ciphertext or tag
  const tampered = gcm.slice(0, split) + toBase64(der, 64);
  expect(await statusOf(tampered, { decryptionKeys: [await bobKey()] })).toBe('decrypt-failed');
  expect(await statusOf(opensslEncrypted(['-des3']), { decryptionKeys: [await bobKey()] })).toBe('decrypt-failed');
});

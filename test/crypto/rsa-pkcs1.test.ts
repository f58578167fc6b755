import { join } from 'node:path';
import { rsaPkcs1v15Decrypt, rsaPkcs1v15Encrypt } from '../../src/core/crypto/rsa-pkcs1';
import { rsaOaepDecrypt } from '../../src/core/crypto/rsa-oaep';
import { rsaPrivateKeyFromPkcs8, rsaPublicKeyFrom } from '../../src/core/crypto/rsa-key';
import { bigIntToBytes, bytesToBigInt, modPow } from '../../src/core/crypto/bigint';
import { bytesEqual, randomBytes } from '../../src/core/bytes';
import { DecryptionError } from '../../src/core/errors';
import { mustRun } from '../support/fixtures';
import { loadParty, readBytes, removeDir, snapshotPki, writeBytes, type Party } from './cms-helpers';

let pki: string;
let alice: Party;
let bob: Party;
let alice3072: Party;

beforeAll(async () => {
  pki = snapshotPki();
  alice = await loadParty(pki, 'rsa2048');
  bob = await loadParty(pki, 'rsa2048', 'bob');
  alice3072 = await loadParty(pki, 'rsa3072');
});
afterAll(() => removeDir(pki));

async function failureOf(p: Promise<unknown>): Promise<DecryptionError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DecryptionError);
  return err as DecryptionError;
}

/** A raw RSA "encryption" of an arbitrary encoded block, to forge malformed paddings. */
function rawEncrypt(party: Party, em: Uint8Array): Uint8Array {
  const pub = rsaPublicKeyFrom(party.cert);
  return bigIntToBytes(modPow(bytesToBigInt(em), pub.e, pub.n), pub.k);
}

test('round trip with our own encryption (2048 and 3072 bits, 0..245-byte messages)', async () => {
  for (const party of [alice, alice3072]) {
    for (const len of [0, 1, 16, 32, 100, party.key.bits / 8 - 11]) {
      const msg = randomBytes(len);
      const ct = rsaPkcs1v15Encrypt(party.cert, msg);
      expect(ct.length).toBe(party.key.bits / 8);
      expect(bytesEqual(await rsaPkcs1v15Decrypt(party.pkcs8, ct), msg)).toBe(true);
    }
  }
});

test('encryption is randomised and refuses messages that leave < 8 padding bytes', () => {
  const msg = randomBytes(32);
  expect(bytesEqual(rsaPkcs1v15Encrypt(alice.cert, msg), rsaPkcs1v15Encrypt(alice.cert, msg))).toBe(false);
  expect(() => rsaPkcs1v15Encrypt(alice.cert, randomBytes(256 - 10))).toThrow(/too long/);
});

test('decrypts what `openssl pkeyutl -encrypt` produced (PKCS#1 v1.5 default)', async () => {
  for (const party of [alice, alice3072]) {
    const msg = randomBytes(32);
    const dir = join(pki, party.family);
    const inFile = writeBytes(join(dir, 'pt.bin'), msg);
    mustRun('openssl', ['pkeyutl', '-encrypt', '-certin', '-inkey', party.certPath, '-in', inFile, '-out', join(dir, 'ct.bin')]);
    const out = await rsaPkcs1v15Decrypt(party.pkcs8, readBytes(join(dir, 'ct.bin')));
    expect(bytesEqual(out, msg)).toBe(true);
  }
});

test('openssl `pkeyutl -decrypt` reads our encryption', () => {
  const msg = randomBytes(32);
  const dir = join(pki, 'rsa2048');
  writeBytes(join(dir, 'ours.bin'), rsaPkcs1v15Encrypt(alice.cert, msg));
  const out = mustRun('openssl', ['pkeyutl', '-decrypt', '-inkey', alice.keyPath, '-in', join(dir, 'ours.bin')]);
  expect(bytesEqual(new Uint8Array(out), msg)).toBe(true);
});

test('bad padding, wrong key, truncated, oversize and out-of-range inputs give the same DecryptionError', async () => {
  const good = rsaPkcs1v15Encrypt(alice.cert, randomBytes(32));
  const k = 256;
  const badFirstByte = new Uint8Array(k).fill(0x11);
  badFirstByte[0] = 0x01;
  const noSeparator = new Uint8Array(k).fill(0x22);
  noSeparator[0] = 0;
  noSeparator[1] = 2;
  const shortPs = new Uint8Array(k).fill(0x33);
  shortPs[0] = 0;
  shortPs[1] = 2;
  shortPs[5] = 0; // separator after only 3 padding bytes
  const blockType1 = new Uint8Array(k).fill(0xff);
  blockType1[0] = 0;
  blockType1[1] = 1;
  blockType1[200] = 0;
  const n = rsaPrivateKeyFromPkcs8(alice.pkcs8).n;

  const errors = await Promise.all([
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, rawEncrypt(alice, badFirstByte))),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, rawEncrypt(alice, noSeparator))),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, rawEncrypt(alice, shortPs))),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, rawEncrypt(alice, blockType1))),
    failureOf(rsaPkcs1v15Decrypt(bob.pkcs8, good)),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, good.subarray(0, 200))),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, new Uint8Array(0))),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, Uint8Array.of(0, ...good))),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, bigIntToBytes(n, k))),
    failureOf(rsaPkcs1v15Decrypt(alice.pkcs8, new Uint8Array(k).fill(0xff))),
  ]);
  const messages = new Set(errors.map((e) => `${e.code}|${e.message}`));
  expect(messages.size).toBe(1);
  expect([...messages][0]).toMatch(/^decrypt-failed\|/);
});

test('implicit rejection: a bad block yields a stable pseudo-random key of the requested length', async () => {
  const good = rsaPkcs1v15Encrypt(alice.cert, Uint8Array.from({ length: 32 }, (_, i) => i));
  expect(Array.from(await rsaPkcs1v15Decrypt(alice.pkcs8, good, 32))).toEqual(Array.from({ length: 32 }, (_, i) => i));

  // Valid padding but the wrong length, and invalid padding: both give synthetic keys.
  const wrongLength = rsaPkcs1v15Encrypt(alice.cert, randomBytes(16));
  const a1 = await rsaPkcs1v15Decrypt(alice.pkcs8, wrongLength, 32);
  const a2 = await rsaPkcs1v15Decrypt(alice.pkcs8, wrongLength, 32);
  expect(a1.length).toBe(32);
  expect(bytesEqual(a1, a2)).toBe(true);
  const garbage = rsaPkcs1v15Encrypt(bob.cert, randomBytes(32));
  const b1 = await rsaPkcs1v15Decrypt(alice.pkcs8, garbage, 16);
  expect(b1.length).toBe(16);
  expect(bytesEqual(b1, await rsaPkcs1v15Decrypt(alice.pkcs8, garbage, 16))).toBe(true);
  expect(bytesEqual(b1, a1.subarray(0, 16))).toBe(false);
});

test('blinding does not change results across repeated decryptions', async () => {
  const msg = randomBytes(24);
  const ct = rsaPkcs1v15Encrypt(alice.cert, msg);
  for (let i = 0; i < 5; i++) expect(bytesEqual(await rsaPkcs1v15Decrypt(alice.pkcs8, ct), msg)).toBe(true);
});

test('BigInt RSA-OAEP decrypts openssl OAEP with mixed hashes and a label, and fails uniformly', async () => {
  const cases: { md: string; mgf: string; label?: string; hash: 'SHA-1' | 'SHA-256' | 'SHA-512'; mgfHash: 'SHA-1' | 'SHA-256' }[] = [
    { md: 'sha1', mgf: 'sha1', hash: 'SHA-1', mgfHash: 'SHA-1' },
    { md: 'sha256', mgf: 'sha1', hash: 'SHA-256', mgfHash: 'SHA-1' },
    { md: 'sha512', mgf: 'sha256', label: '6c6162656c', hash: 'SHA-512', mgfHash: 'SHA-256' },
  ];
  const dir = join(pki, 'rsa2048');
  for (const c of cases) {
    const msg = randomBytes(32);
    writeBytes(join(dir, 'oaep-pt.bin'), msg);
    const args = ['pkeyutl', '-encrypt', '-certin', '-inkey', alice.certPath, '-in', join(dir, 'oaep-pt.bin'), '-out', join(dir, 'oaep-ct.bin')];
    args.push('-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${c.md}`, '-pkeyopt', `rsa_mgf1_md:${c.mgf}`);
    if (c.label) args.push('-pkeyopt', `rsa_oaep_label:${c.label}`);
    mustRun('openssl', args);
    const ct = readBytes(join(dir, 'oaep-ct.bin'));
    const label = c.label ? new TextEncoder().encode('label') : undefined;
    const out = await rsaOaepDecrypt(alice.pkcs8, ct, { hash: c.hash, mgfHash: c.mgfHash, label });
    expect(bytesEqual(out, msg)).toBe(true);
    await failureOf(rsaOaepDecrypt(bob.pkcs8, ct, { hash: c.hash, mgfHash: c.mgfHash, label }));
    await failureOf(rsaOaepDecrypt(alice.pkcs8, ct, { hash: c.hash, mgfHash: c.mgfHash, label: new Uint8Array([1]) }));
  }
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { bytesEqual, toArrayBuffer } from '../../src/core/bytes';
import { KeyMismatchError, LimitExceededError, MalformedInputError, WrongPasswordError } from '../../src/core/errors';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { pkcs8MatchesCertificate } from '../../src/core/keystore/key-match';
import { readPkcs12, sanitizeFriendlyName, type Pkcs12Contents } from '../../src/core/keystore/pkcs12';
import { mustRun, pkiPath, readPki, tempDir } from '../support/fixtures';
import { fixtureCert, nssExport, opensslExport, sameCert } from './p12-helpers';

/** The decoded alice identity is the real one: right cert, key pairs with it and signs. */
async function expectAlice(contents: Pkcs12Contents, family: string, withInter = true) {
  expect(contents.entries).toHaveLength(1);
  const [entry] = contents.entries;
  expect(sameCert(entry.certificate, fixtureCert(family, 'alice.crt'))).toBe(true);
  expect(await pkcs8MatchesCertificate(entry.pkcs8, entry.certificate)).toBe(true);
  if (withInter) {
    expect(entry.chain).toHaveLength(1);
    expect(sameCert(entry.chain[0], fixtureCert(family, 'inter.crt'))).toBe(true);
  }
  const handle = await privateKeyFromPkcs8(entry.pkcs8);
  const sig = await handle.sign(new Uint8Array([1, 2, 3]), handle.keyType === 'RSA' ? { scheme: 'rsa-pkcs1', hash: 'SHA-256' } : { scheme: 'ecdsa', hash: 'SHA-256' });
  expect(sig.length).toBeGreaterThan(0);
}

describe('readPkcs12: openssl 3 default (PBES2 AES-256, SHA-256 MAC)', () => {
  test.each(['rsa2048', 'rsa3072', 'p256', 'p384'])('%s fixture', async (family) => {
    const contents = await readPkcs12(readPki(family, 'alice.p12'), 'test');
    expect(contents.macVerified).toBe(true);
    expect(contents.certificates).toHaveLength(2);
    expect(contents.entries[0].friendlyName).toBe(`alice (${family})`);
    await expectAlice(contents, family);
  });

  test('wrong password → WrongPasswordError, nothing returned', async () => {
    await expect(readPkcs12(readPki('rsa2048', 'alice.p12'), 'nope')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  test('SHA-512 MAC, AES-128 key, certificates not encrypted', async () => {
    const p12 = opensslExport('p256', 'alice', ['-macalg', 'sha512', '-keypbe', 'AES-128-CBC', '-certpbe', 'NONE']);
    await expectAlice(await readPkcs12(p12, 'test'), 'p256');
  });

  test('PBKDF2 with HMAC-SHA-1 PRF and SHA-1 MAC', async () => {
    const p12 = opensslExport('rsa2048', 'alice', ['-macalg', 'sha1', '-keypbe', 'AES-192-CBC', '-certpbe', 'AES-256-CBC']);
    await expectAlice(await readPkcs12(p12, 'test'), 'rsa2048');
  });

  test('non-ASCII password is encoded as OpenSSL 3 does (BMP for MAC, UTF-8 for PBES2)', async () => {
    const p12 = opensslExport('p256', 'alice', [], 'pässwörd€');
    await expectAlice(await readPkcs12(p12, 'pässwörd€'), 'p256');
    await expect(readPkcs12(p12, 'passwörd€')).rejects.toBeInstanceOf(WrongPasswordError);
  });
});

describe('readPkcs12: legacy PBES1 (PKCS#12 KDF + 3DES/RC2)', () => {
  test.each(['rsa2048', 'p256'])('openssl -legacy (%s)', async (family) => {
    const p12 = opensslExport(family, 'alice', ['-legacy']);
    const contents = await readPkcs12(p12, 'test');
    expect(contents.macVerified).toBe(true);
    await expectAlice(contents, family);
  });

  test.each([
    ['PBE-SHA1-RC2-40', 'PBE-SHA1-3DES'],
    ['PBE-SHA1-RC2-128', 'PBE-SHA1-2DES'],
    ['PBE-SHA1-3DES', 'PBE-SHA1-RC2-128'],
  ])('-certpbe %s -keypbe %s -legacy', async (certpbe, keypbe) => {
    const p12 = opensslExport('rsa3072', 'alice', ['-legacy', '-certpbe', certpbe, '-keypbe', keypbe]);
    await expectAlice(await readPkcs12(p12, 'test'), 'rsa3072');
  });

  test('legacy with the wrong password → WrongPasswordError', async () => {
    const p12 = opensslExport('rsa2048', 'alice', ['-legacy']);
    await expect(readPkcs12(p12, 'wrong')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  test('gpgsm --export-secret-key-p12 (3DES key, RC2-40 certs, SHA-1 MAC)', async () => {
    const home = tempDir('gpgsm-');
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
    const legacy = join(home, 'in.p12');
    writeFileSync(legacy, opensslExport('rsa2048', 'alice', ['-legacy']));
    const base = ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase-fd', '0'];
    try {
      mustRun('gpgsm', [...base, '--import', legacy], 'test\n');
      const out = join(home, 'out.p12');
      mustRun('gpgsm', [...base, '--export-secret-key-p12', '-o', out, 'alice@example.com'], 'test\n');
      const contents = await readPkcs12(new Uint8Array(readFileSync(out)), 'test');
      await expectAlice(contents, 'rsa2048', false);
    } finally {
      mustRun('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    }
  });
});

describe('readPkcs12: NSS pk12util export (AES-256 key, AES-128 certs, 600,000 iterations)', () => {
  test.each(['rsa2048', 'p384'])('%s', async (family) => {
    const contents = await readPkcs12(nssExport(family, 'alice'), 'test');
    expect(contents.macVerified).toBe(true);
    await expectAlice(contents, family);
  });
});

describe('readPkcs12: refusals', () => {
  test('no MAC is refused unless allowNoMac', async () => {
    const p12 = opensslExport('p256', 'alice', ['-nomac']);
    await expect(readPkcs12(p12, 'test')).rejects.toThrow(/has no integrity MAC/);
    await expect(readPkcs12(p12, 'test')).rejects.toBeInstanceOf(MalformedInputError);
    const contents = await readPkcs12(p12, 'test', { allowNoMac: true });
    expect(contents.macVerified).toBe(false);
    await expectAlice(contents, 'p256');
    await expect(readPkcs12(p12, 'wrong', { allowNoMac: true })).rejects.toBeInstanceOf(WrongPasswordError);
  });

  test('legacy without MAC and wrong password → WrongPasswordError', async () => {
    const p12 = opensslExport('rsa2048', 'alice', ['-legacy', '-nomac']);
    await expect(readPkcs12(p12, 'wrong', { allowNoMac: true })).rejects.toBeInstanceOf(WrongPasswordError);
    await expectAlice(await readPkcs12(p12, 'test', { allowNoMac: true }), 'rsa2048');
  });

  test('a flipped byte inside the protected content fails the MAC', async () => {
    const p12 = readPki('rsa2048', 'alice.p12').slice();
    p12[Math.floor(p12.length / 2)] ^= 0x01;
    await expect(readPkcs12(p12, 'test')).rejects.toThrow();
    await expect(readPkcs12(p12, 'test')).rejects.toHaveProperty('code', expect.stringMatching(/wrong-password|malformed/));
  });

  test.each([10, 100, 1000])('truncated to %i bytes → MalformedInputError', async (n) => {
    await expect(readPkcs12(readPki('rsa2048', 'alice.p12').subarray(0, n), 'test')).rejects.toBeInstanceOf(MalformedInputError);
  });

  test('garbage and empty input → MalformedInputError', async () => {
    await expect(readPkcs12(new Uint8Array(0), 'test')).rejects.toBeInstanceOf(MalformedInputError);
    await expect(readPkcs12(readPki('rsa2048', 'alice.crt'), 'test')).rejects.toBeInstanceOf(MalformedInputError);
  });

  test('a MAC iteration count above 10,000,000 → LimitExceededError, quickly', async () => {
    const root = asn1js.fromBER(toArrayBuffer(readPki('p256', 'alice.p12'))).result as asn1js.Sequence;
    const macData = root.valueBlock.value[2] as asn1js.Sequence;
    macData.valueBlock.value[2] = new asn1js.Integer({ value: 20_000_000 });
    const patched = new Uint8Array(root.toBER(false));
    const t = Date.now();
    await expect(readPkcs12(patched, 'test')).rejects.toBeInstanceOf(LimitExceededError);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  test('a private key without its certificate → KeyMismatchError', async () => {
    const out = join(tempDir('p12-'), 'k.p12');
    mustRun('openssl', ['pkcs12', '-export', '-nocerts', '-inkey', pkiPath('p256', 'alice.key'), '-passout', 'pass:test', '-out', out]);
    await expect(readPkcs12(new Uint8Array(readFileSync(out)), 'test')).rejects.toBeInstanceOf(KeyMismatchError);
  });

  test('certificates only (no key) → no entries, certificates listed', async () => {
    const out = join(tempDir('p12-'), 'c.p12');
    mustRun('openssl', ['pkcs12', '-export', '-nokeys', '-in', pkiPath('p256', 'alice-chain.pem'), '-passout', 'pass:test', '-out', out]);
    const contents = await readPkcs12(new Uint8Array(readFileSync(out)), 'test');
    expect(contents.entries).toHaveLength(0);
    expect(contents.certificates.length).toBeGreaterThanOrEqual(2);
  });
});

describe('friendlyName', () => {
  test('bidi overrides and control characters are removed', async () => {
    const name = 'alice\u202egnp.exe\u0007<img src=x onerror=alert(1)>';
    const p12 = opensslExport('p256', 'alice', ['-name', name]);
    const [entry] = (await readPkcs12(p12, 'test')).entries;
    // Markup is kept as text (the UI escapes it); invisible spoofing characters are gone.
    expect(entry.friendlyName).toBe('alicegnp.exe<img src=x onerror=alert(1)>');
  });
  test('sanitizeFriendlyName drops empty results', () => {
    expect(sanitizeFriendlyName('\u200f\u0000 ')).toBeUndefined();
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1]))).toBe(true);
  });
});

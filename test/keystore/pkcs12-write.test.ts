import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDer } from '../../src/core/asn1';
import { bytesEqual } from '../../src/core/bytes';
import { KeyMismatchError, LimitExceededError, WrongPasswordError } from '../../src/core/errors';
import { loadPrivateKeyPkcs8, parsePem } from '../../src/core/pem';
import { readPkcs12, writePkcs12 } from '../../src/core/keystore/pkcs12';
import { pkcs8MatchesCertificate } from '../../src/core/keystore/key-match';
import { readPki, runTool, tempDir } from '../support/fixtures';
import { fixtureCert, nssImport, opensslRead, sameCert } from './p12-helpers';

const ITER = 100_000;

function aliceInput(family: string, friendlyName?: string) {
  return {
    pkcs8: loadPrivateKeyPkcs8(readPki(family, 'alice.key')),
    certificate: fixtureCert(family, 'alice.crt'),
    chain: [fixtureCert(family, 'inter.crt')],
    friendlyName,
  };
}

describe('writePkcs12', () => {
  test.each(['rsa2048', 'p256', 'p384'])('round trip write → read (%s)', async (family) => {
    const input = aliceInput(family, 'Alice ✓');
    const p12 = await writePkcs12(input, 'pw ü', { iterations: ITER });
    const contents = await readPkcs12(p12, 'pw ü');
    expect(contents.macVerified).toBe(true);
    expect(contents.entries).toHaveLength(1);
    const [entry] = contents.entries;
    expect(bytesEqual(entry.pkcs8, input.pkcs8)).toBe(true);
    expect(sameCert(entry.certificate, input.certificate)).toBe(true);
    expect(entry.chain.map((c) => toDer(c).length)).toEqual([toDer(input.chain[0]).length]);
    expect(entry.friendlyName).toBe('Alice ✓');
    await expect(readPkcs12(p12, 'pw u')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  test.each(['rsa3072', 'p256'])('openssl pkcs12 -nodes reads it (%s)', async (family) => {
    const p12 = await writePkcs12(aliceInput(family, 'alice'), 'secret', { iterations: ITER });
    const pem = opensslRead(p12, 'secret');
    const blocks = parsePem(pem);
    const key = blocks.find((b) => b.label === 'PRIVATE KEY');
    const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
    expect(key).toBeDefined();
    expect(certs).toHaveLength(2);
    expect(bytesEqual(certs[0].der, readPkiDer(family, 'alice.crt'))).toBe(true);
    expect(await pkcs8MatchesCertificate(key!.der, fixtureCert(family, 'alice.crt'))).toBe(true);
    expect(pem).toContain('friendlyName: alice');
  });

  test.each(['rsa2048', 'p384'])('NSS pk12util -i imports it (%s)', async (family) => {
    const p12 = await writePkcs12(aliceInput(family, 'alice-nss'), 'secret', { iterations: ITER });
    const listing = nssImport(p12, 'secret');
    expect(listing).toContain('alice-nss');
    expect(listing).toMatch(family.startsWith('rsa') ? /<\s*\d+>\s+rsa/ : /<\s*\d+>\s+ec/);
  });

  test('NSS refuses it with the wrong password (the check above can fail)', async () => {
    const p12 = await writePkcs12(aliceInput('p256'), 'secret', { iterations: ITER });
    expect(() => nssImport(p12, 'other')).toThrow(/pk12util/);
  });

  test('default iteration count is 600,000 and the file carries it', async () => {
    const p12 = await writePkcs12(aliceInput('p256'), 'secret');
    expect(opensslInfo(p12)).toMatch(/MAC: sha256, Iteration 600000/);
    expect(opensslInfo(p12)).toMatch(/PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256/);
  });

  test('a key that does not belong to the certificate is refused', async () => {
    const input = { ...aliceInput('p256'), pkcs8: loadPrivateKeyPkcs8(readPki('p256', 'bob.key')) };
    await expect(writePkcs12(input, 'secret', { iterations: ITER })).rejects.toBeInstanceOf(KeyMismatchError);
    const rsa = { ...aliceInput('rsa2048'), pkcs8: loadPrivateKeyPkcs8(readPki('rsa2048', 'bob.key')) };
    await expect(writePkcs12(rsa, 'secret', { iterations: ITER })).rejects.toBeInstanceOf(KeyMismatchError);
  });

  test('too few iterations are refused', async () => {
    await expect(writePkcs12(aliceInput('p256'), 'secret', { iterations: 2048 })).rejects.toBeInstanceOf(LimitExceededError);
  });
});

function readPkiDer(family: string, file: string): Uint8Array {
  return parsePem(new TextDecoder().decode(readPki(family, file)))[0].der;
}

/** openssl prints -info details on stderr. */
function opensslInfo(p12: Uint8Array): string {
  const file = join(tempDir('p12-'), 'i.p12');
  writeFileSync(file, p12);
  const r = runTool('openssl', ['pkcs12', '-in', file, '-info', '-noout', '-passin', 'pass:secret']);
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return r.stdout.toString() + r.stderr;
}

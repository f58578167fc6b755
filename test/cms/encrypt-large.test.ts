/** 25 MB messages: round trip in both modes, fast enough, and readable by openssl. */
import { join } from 'node:path';
import { decryptData } from '../../src/core/cms/decrypt';
import { encryptData } from '../../src/core/cms/encrypt';
import { randomBytes } from '../../src/core/bytes';
import { mustRun } from '../support/fixtures';
import { loadParty, readBytes, removeDir, snapshotPki, writeBytes } from '../crypto/cms-helpers';

const SIZE = 25 * 1024 * 1024;
let pki: string;
let content: Uint8Array;
beforeAll(() => {
  pki = snapshotPki();
  content = randomBytes(SIZE);
});
afterAll(() => removeDir(pki));

test.each([
  ['aes-256-gcm', 'rsa2048'],
  ['aes-256-cbc', 'p256'],
] as const)('25 MB %s round trip (%s recipient) and openssl decrypts it', async (cipher, family) => {
  const alice = await loadParty(pki, family);
  const started = Date.now();
  const der = await encryptData(content, [alice.cert], { cipher });
  const result = await decryptData(der, [alice.decryptionKey]);
  const elapsed = Date.now() - started;
  expect(result.content.length).toBe(SIZE);
  expect(Buffer.compare(Buffer.from(result.content), Buffer.from(content))).toBe(0);
  // Generous bound for a shared 2-core machine; pkijs' default chunking alone took ~0.8 s.
  expect(elapsed).toBeLessThan(20000);

  const file = writeBytes(join(pki, `large-${cipher}.der`), der);
  const outFile = join(pki, `large-${cipher}.out`);
  mustRun('openssl', ['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', file, '-out', outFile, '-recip', alice.certPath, '-inkey', alice.keyPath]);
  const out = readBytes(outFile);
  expect(out.length).toBe(SIZE);
  expect(Buffer.compare(Buffer.from(out), Buffer.from(content))).toBe(0);
});

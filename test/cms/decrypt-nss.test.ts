/** NSS cmsutil (Thunderbird's stack) ⇄ us, RSA PKCS#1 v1.5 (NSS 3.87 has no OAEP/ECDH in CMS). */
import { join } from 'node:path';
import { decryptData } from '../../src/core/cms/decrypt';
import { encryptData } from '../../src/core/cms/encrypt';
import { mustRun, tempDir } from '../support/fixtures';
import { loadParty, readBytes, removeDir, sampleContent, snapshotPki, writeBytes } from '../crypto/cms-helpers';

let pki: string;
let work: string;
beforeAll(() => {
  pki = snapshotPki();
  work = tempDir('smime-nss-');
});
afterAll(() => {
  removeDir(pki);
  removeDir(work);
});

function nssDb(family: string): string {
  const db = join(work, `db-${family}`);
  mustRun('mkdir', ['-p', db]);
  mustRun('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  mustRun('pk12util', ['-i', join(pki, family, 'alice.p12'), '-W', 'test', '-K', '', '-d', `sql:${db}`]);
  mustRun('certutil', ['-A', '-n', 'root', '-t', 'C,C,C', '-i', join(pki, family, 'root.crt'), '-d', `sql:${db}`]);
  return `sql:${db}`;
}

describe.each(['rsa2048', 'rsa3072'])('%s', (family) => {
  test('cmsutil -E → our decryptData, byte-exact', async () => {
    const db = nssDb(family);
    const alice = await loadParty(pki, family);
    const content = sampleContent(3000);
    const inFile = writeBytes(join(work, `${family}-nss.in`), content);
    const outFile = join(work, `${family}-nss.p7m`);
    mustRun('cmsutil', ['-E', '-r', 'alice@example.com', '-d', db, '-i', inFile, '-o', outFile]);
    const result = await decryptData(readBytes(outFile), [alice.decryptionKey]);
    expect(Buffer.compare(Buffer.from(result.content), Buffer.from(content))).toBe(0);
    expect(result.keyAlgorithm).toBe('RSAES-PKCS1-v1_5');
  });

  test.each(['aes-256-cbc', 'aes-128-cbc'] as const)('our RSA PKCS#1 v1.5 + %s → cmsutil -D, byte-exact', async (cipher) => {
    const db = join(work, `db-${family}`);
    const alice = await loadParty(pki, family);
    const content = sampleContent(7000);
    const file = writeBytes(join(work, `${family}-${cipher}-ours.p7m`), await encryptData(content, [alice.cert], { cipher }));
    const outFile = join(work, `${family}-${cipher}-ours.out`);
    mustRun('cmsutil', ['-D', '-d', `sql:${db}`, '-i', file, '-o', outFile]);
    expect(Buffer.compare(Buffer.from(readBytes(outFile)), Buffer.from(content))).toBe(0);
  });
});

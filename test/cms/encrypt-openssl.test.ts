/** Our encryptData → `openssl cms -decrypt`, byte-exact, for every key family and cipher. */
import { join } from 'node:path';
import { encryptData, type ContentCipher, type KeyTransport } from '../../src/core/cms/encrypt';
import { KEY_FAMILIES, mustRun } from '../support/fixtures';
import { loadParty, readBytes, removeDir, sampleContent, snapshotPki, writeBytes } from '../crypto/cms-helpers';

const CIPHERS: ContentCipher[] = ['aes-128-cbc', 'aes-256-cbc', 'aes-128-gcm', 'aes-256-gcm'];

let pki: string;
beforeAll(() => {
  pki = snapshotPki();
});
afterAll(() => removeDir(pki));

describe.each(KEY_FAMILIES)('%s recipient', (family) => {
  const transports: (KeyTransport | undefined)[] = family.startsWith('rsa') ? ['rsa-pkcs1', 'rsa-oaep'] : [undefined];
  test.each(CIPHERS)('%s is decrypted by openssl byte-exact', async (cipher) => {
    const alice = await loadParty(pki, family);
    const content = sampleContent(5000);
    for (const keyTransport of transports) {
      const der = await encryptData(content, [alice.cert], { cipher, keyTransport });
      const file = writeBytes(join(pki, family, `ours-${cipher}-${keyTransport}.der`), der);
      const out = mustRun('openssl', ['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', file, '-recip', alice.certPath, '-inkey', alice.keyPath]);
      expect(Buffer.compare(out, Buffer.from(content))).toBe(0);
      // The structure openssl saw is the one we meant to write.
      const dump = mustRun('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]).toString();
      expect(dump).toContain(cipher.endsWith('gcm') ? 'id-smime-ct-authEnvelopedData' : 'pkcs7-envelopedData');
      if (keyTransport === 'rsa-oaep') expect(dump).toMatch(/rsaesOaep[\s\S]*sha256[\s\S]*mgf1[\s\S]*sha256/);
      if (keyTransport === 'rsa-pkcs1') expect(dump).toContain('rsaEncryption');
      if (!keyTransport) expect(dump).toContain(family === 'p384' ? 'dhSinglePass-stdDH-sha384kdf-scheme' : 'dhSinglePass-stdDH-sha256kdf-scheme');
    }
  });
});

test('one message to RSA, RSA-3072, P-256 and P-384 recipients opens for each of them in openssl', async () => {
  const parties = await Promise.all(KEY_FAMILIES.map((f) => loadParty(pki, f, 'bob')));
  const content = sampleContent(100);
  for (const cipher of ['aes-256-cbc', 'aes-128-gcm'] as const) {
    const file = writeBytes(join(pki, `multi-${cipher}.der`), await encryptData(content, parties.map((p) => p.cert), { cipher }));
    for (const p of parties) {
      const out = mustRun('openssl', ['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', file, '-recip', p.certPath, '-inkey', p.keyPath]);
      expect(Buffer.compare(out, Buffer.from(content))).toBe(0);
    }
    // EnvelopedData version 2 once a KeyAgreeRecipientInfo is present (RFC 5652 §6.1).
    const dump = mustRun('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]).toString();
    expect(dump).toMatch(cipher === 'aes-256-cbc' ? /version: 2/ : /version: 0/);
    expect(readBytes(file).length).toBeGreaterThan(content.length);
  }
});

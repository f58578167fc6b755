/** `openssl cms -encrypt` → our decryptData, byte-exact, for every family, cipher and key-transport option. */
import { join } from 'node:path';
import { decryptData } from '../../src/core/cms/decrypt';
import { KEY_FAMILIES, mustRun } from '../support/fixtures';
import { loadParty, removeDir, sampleContent, snapshotPki, writeBytes, readBytes } from '../crypto/cms-helpers';

const CIPHERS: [string, string, boolean][] = [
  ['-aes-256-cbc', 'AES-256-CBC', false],
  ['-aes128', 'AES-128-CBC', false],
  ['-aes-256-gcm', 'AES-256-GCM', true],
  ['-aes-128-gcm', 'AES-128-GCM', true],
];

let pki: string;
beforeAll(() => {
  pki = snapshotPki();
});
afterAll(() => removeDir(pki));

function opensslEncrypt(dir: string, name: string, content: Uint8Array, cipher: string, recipCert: string, keyopts: string[], extra: string[] = []): Uint8Array {
  const inFile = writeBytes(join(dir, `${name}.in`), content);
  const outFile = join(dir, `${name}.der`);
  const args = ['cms', '-encrypt', '-binary', '-outform', 'DER', cipher, '-in', inFile, '-out', outFile, ...extra, '-recip', recipCert];
  for (const opt of keyopts) args.push('-keyopt', opt);
  mustRun('openssl', args);
  return readBytes(outFile);
}

describe.each(KEY_FAMILIES)('%s recipient', (family) => {
  const isRsa = family.startsWith('rsa');
  const variants: [string, string[], RegExp][] = isRsa
    ? [
        ['pkcs1', [], /^RSAES-PKCS1-v1_5$/],
        ['oaep-sha256', ['rsa_padding_mode:oaep', 'rsa_oaep_md:sha256', 'rsa_mgf1_md:sha256'], /^RSAES-OAEP \(SHA-256\)$/],
      ]
    : [
        ['default', [], /^ECDH \(stdDH, SHA-1 KDF, AES-\d+-KW\)$/],
        ['sha256', ['ecdh_kdf_md:sha256'], /^ECDH \(stdDH, SHA-256 KDF, AES-\d+-KW\)$/],
        ['sha384', ['ecdh_kdf_md:sha384'], /^ECDH \(stdDH, SHA-384 KDF, AES-\d+-KW\)$/],
      ];
  test.each(CIPHERS)('openssl %s message decrypts byte-exact', async (flag, label, authenticated) => {
    const alice = await loadParty(pki, family);
    const content = sampleContent(4000);
    for (const [name, keyopts, keyAlg] of variants) {
      const der = opensslEncrypt(join(pki, family), `${name}${flag}`, content, flag, alice.certPath, keyopts);
      const result = await decryptData(der, [alice.decryptionKey]);
      expect(Buffer.compare(Buffer.from(result.content), Buffer.from(content))).toBe(0);
      expect(result.contentAlgorithm).toBe(label);
      expect(result.authenticated).toBe(authenticated);
      expect(result.recipientCount).toBe(1);
      expect(result.keyAlgorithm).toMatch(keyAlg);
    }
  });
});

test('openssl -stream (BER, indefinite lengths, chunked content) and an SKI recipient identifier decrypt', async () => {
  for (const family of ['rsa2048', 'p256']) {
    const alice = await loadParty(pki, family);
    const content = sampleContent(20000);
    const dir = join(pki, family);
    const streamed = opensslEncrypt(dir, 'stream', content, '-aes-256-cbc', alice.certPath, [], ['-stream']);
    expect(streamed[1]).toBe(0x80); // indefinite length: really BER
    expect(Buffer.from((await decryptData(streamed, [alice.decryptionKey])).content)).toEqual(Buffer.from(content));
    const keyid = opensslEncrypt(dir, 'keyid', content, '-aes-256-gcm', alice.certPath, [], ['-keyid']);
    expect(Buffer.from((await decryptData(keyid, [alice.decryptionKey])).content)).toEqual(Buffer.from(content));
  }
});

test('with several of our keys, the one the message names is used; other recipients are skipped', async () => {
  const rsaAlice = await loadParty(pki, 'rsa2048');
  const rsaBob = await loadParty(pki, 'rsa2048', 'bob');
  const ecBob = await loadParty(pki, 'p384', 'bob');
  const content = sampleContent(10);
  const inFile = writeBytes(join(pki, 'multi.in'), content);
  const outFile = join(pki, 'multi.der');
  mustRun('openssl', ['cms', '-encrypt', '-binary', '-outform', 'DER', '-aes-256-gcm', '-in', inFile, '-out', outFile, rsaAlice.certPath, ecBob.certPath]);
  const der = readBytes(outFile);
  const viaEc = await decryptData(der, [rsaBob.decryptionKey, ecBob.decryptionKey]);
  expect(Buffer.from(viaEc.content)).toEqual(Buffer.from(content));
  expect(viaEc.recipientCount).toBe(2);
  expect(viaEc.keyAlgorithm).toMatch(/^ECDH/);
  const viaRsa = await decryptData(der, [rsaBob.decryptionKey, rsaAlice.decryptionKey]);
  expect(viaRsa.keyAlgorithm).toBe('RSAES-PKCS1-v1_5');
});

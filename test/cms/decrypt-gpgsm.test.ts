/** gpgsm 2.2 ⇄ us, RSA PKCS#1 v1.5 only (gpgsm cannot import EC p12s and has no OAEP). */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decryptData } from '../../src/core/cms/decrypt';
import { encryptData } from '../../src/core/cms/encrypt';
import { mustRun, runTool, tempDir } from '../support/fixtures';
import { loadParty, readBytes, removeDir, sampleContent, snapshotPki, writeBytes } from '../crypto/cms-helpers';

const FAMILY = 'rsa2048';
let pki: string;
let home: string;
const gpgsm = (...args: string[]) =>
  // gpgsm 2.2 has no --passphrase; loopback pinentry reads it from fd 0.
  mustRun('gpgsm', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--disable-crl-checks', ...args], 'test\n');

beforeAll(() => {
  pki = snapshotPki();
  home = tempDir('smime-gpgsm-');
  chmodSync(home, 0o700);
  writeFileSync(join(home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  writeFileSync(join(home, 'gpgsm.conf'), 'disable-crl-checks\n');
  const d = join(pki, FAMILY);
  // gpgsm 2.2 cannot read OpenSSL 3's default PBES2 p12: re-export with -legacy.
  const legacy = join(home, 'alice-legacy.p12');
  mustRun('openssl', ['pkcs12', '-export', '-legacy', '-inkey', join(d, 'alice.key'), '-in', join(d, 'alice.crt'), '-certfile', join(d, 'inter.crt'), '-passout', 'pass:test', '-out', legacy]);
  gpgsm('--import', join(d, 'root.crt'));
  gpgsm('--import', legacy);
  const fpr = mustRun('openssl', ['x509', '-in', join(d, 'root.crt'), '-noout', '-fingerprint', '-sha1']).toString().split('=')[1].trim();
  writeFileSync(join(home, 'trustlist.txt'), `${fpr} S\n`);
});

afterAll(() => {
  runTool('gpgconf', ['--homedir', home, '--kill', 'all']);
  removeDir(home);
  removeDir(pki);
});

test('our RSA PKCS#1 v1.5 + AES-256-CBC → gpgsm --decrypt, byte-exact', async () => {
  const alice = await loadParty(pki, FAMILY);
  const content = sampleContent(4000);
  const file = writeBytes(join(home, 'ours.p7m'), await encryptData(content, [alice.cert]));
  const out = gpgsm('--decrypt', file);
  expect(Buffer.compare(out, Buffer.from(content))).toBe(0);
});

test('gpgsm --encrypt → our decryptData, byte-exact', async () => {
  const alice = await loadParty(pki, FAMILY);
  const content = sampleContent(4000);
  const inFile = writeBytes(join(home, 'plain.in'), content);
  const outFile = join(home, 'gpgsm.p7m');
  gpgsm('--output', outFile, '--encrypt', '-r', 'alice@example.com', inFile);
  const result = await decryptData(readBytes(outFile), [alice.decryptionKey]);
  expect(Buffer.compare(Buffer.from(result.content), Buffer.from(content))).toBe(0);
  expect(result.keyAlgorithm).toBe('RSAES-PKCS1-v1_5');
});

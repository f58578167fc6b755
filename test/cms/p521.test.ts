/** P-521 key agreement: the 521-bit shared secret must be derived as whole bytes (66), not 521 bits. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { utf8Encode } from '../../src/core/bytes';
import { decryptData } from '../../src/core/cms/decrypt';
import { encryptData } from '../../src/core/cms/encrypt';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { mustRun, tempDir } from '../support/fixtures';

test('P-521 ECDH: openssl → ours and ours → openssl, byte-exact', async () => {
  const dir = tempDir('smime-p521-');
  const f = (name: string) => join(dir, name);
  mustRun('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521', '-nodes', '-keyout', f('k.pem'),
    '-subj', '/CN=P-521 test', '-days', '1', '-addext', 'keyUsage=keyAgreement', '-out', f('c.pem')]);
  const content = utf8Encode('P-521 secret\r\n');
  writeFileSync(f('in.txt'), content);
  const certificate = loadCertificate(new Uint8Array(readFileSync(f('c.pem'))));
  const key = await privateKeyFromPkcs8(loadPrivateKeyPkcs8(new Uint8Array(readFileSync(f('k.pem')))));

  mustRun('openssl', ['cms', '-encrypt', '-binary', '-aes-256-cbc', '-in', f('in.txt'), '-outform', 'DER', '-out', f('from-openssl.der'), f('c.pem')]);
  const fromOpenssl = await decryptData(new Uint8Array(readFileSync(f('from-openssl.der'))), [{ certificate, key }]);
  expect(Buffer.from(fromOpenssl.content)).toEqual(Buffer.from(content));

  writeFileSync(f('ours.der'), await encryptData(content, [certificate]));
  const out = mustRun('openssl', ['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', f('ours.der'), '-recip', f('c.pem'), '-inkey', f('k.pem')]);
  expect(out).toEqual(Buffer.from(content));
});

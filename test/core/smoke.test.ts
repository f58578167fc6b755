import * as pkijs from 'pkijs';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { readPki } from '../support/fixtures';

test('loads the generated PKI with pkijs', async () => {
  const cert = loadCertificate(readPki('p256', 'alice.crt'));
  expect(cert).toBeInstanceOf(pkijs.Certificate);
  const key = await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki('p256', 'alice.key')));
  expect(key.keyType).toBe('EC');
  expect(key.namedCurve).toBe('P-256');
  const rsa = await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki('rsa3072', 'alice.key')));
  expect(rsa.bits).toBe(3072);
});

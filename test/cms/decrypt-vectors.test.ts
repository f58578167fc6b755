/** Published vectors: NSS's OpenSSL-made OAEP/ECDH messages to "Fran", and RFC 4134 §5 (3DES, RC2). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { decryptData } from '../../src/core/cms/decrypt';
import { rsaOaepDecrypt } from '../../src/core/crypto/rsa-oaep';
import { rsaPkcs1v15Decrypt } from '../../src/core/crypto/rsa-pkcs1';
import { privateKeyFromPkcs8, type PrivateKeyHandle } from '../../src/core/keys';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { parseContentInfo } from '../../src/core/asn1';
import { fromBase64 } from '../../src/core/bytes';
import { UnsupportedAlgorithmError } from '../../src/core/errors';
import { mustRun, VECTORS_DIR } from '../support/fixtures';

const FRAN = join(VECTORS_DIR, 'nss-interop-openssl');
const RFC4134 = join(VECTORS_DIR, 'rfc4134');

interface FranCase {
  file: string;
  recipient_pkcs12: string;
  expected_plaintext: string;
}
const expectations = JSON.parse(readFileSync(join(FRAN, 'expectations.json'), 'utf8')) as { cases: FranCase[]; pkcs12_password: string };

async function franKey(p12: string): Promise<{ certificate: pkijs.Certificate; key: PrivateKeyHandle; pkcs8: Uint8Array }> {
  const pass = `pass:${expectations.pkcs12_password}`;
  const path = join(FRAN, p12);
  const keyPem = mustRun('openssl', ['pkcs12', '-in', path, '-passin', pass, '-nodes', '-nocerts']);
  const certPem = mustRun('openssl', ['pkcs12', '-in', path, '-passin', pass, '-nokeys', '-clcerts']);
  const pkcs8 = loadPrivateKeyPkcs8(new Uint8Array(keyPem));
  return { certificate: loadCertificate(new Uint8Array(certPem)), key: await privateKeyFromPkcs8(pkcs8), pkcs8 };
}

/** The stock handle, plus the BigInt OAEP path for hash/MGF1 combinations WebCrypto cannot express. */
function withMixedOaep(key: PrivateKeyHandle, pkcs8: Uint8Array): PrivateKeyHandle {
  return {
    ...key,
    sign: (d, s) => key.sign(d, s),
    ecdh: (p) => key.ecdh(p),
    rsaDecrypt: (data, padding) =>
      padding.scheme === 'oaep' && padding.hash !== padding.mgfHash ? rsaOaepDecrypt(pkcs8, data, padding) : key.rsaDecrypt(data, padding),
  };
}

test.each(expectations.cases.map((c) => [c.file, c] as const))('Fran vector %s', async (_file, c) => {
  expect(c.expected_plaintext).toBe('This is a test message to Fran.\n');
  const { certificate, key, pkcs8 } = await franKey(c.recipient_pkcs12);
  const der = new Uint8Array(readFileSync(join(FRAN, c.file)));
  if (c.file === 'fran-oaep_ossl.env') {
    // The one 3DES message: refused with a clear legacy-algorithm error, before any key use.
    await expect(decryptData(der, [{ certificate, key }])).rejects.toThrow(/unsupported legacy algorithm 3DES-CBC/);
    return;
  }
  const result = await decryptData(der, [{ certificate, key: withMixedOaep(key, pkcs8) }]);
  expect(new TextDecoder().decode(result.content)).toBe(c.expected_plaintext);
  expect(result.authenticated).toBe(false);
  expect(result.keyAlgorithm).toMatch(c.file.startsWith('fran-ec') ? /^ECDH \(stdDH, SHA-(1|224|256|384|512) KDF/ : /^RSAES-OAEP/);
  if (c.file.includes('sha224')) expect(result.keyAlgorithm).toContain('SHA-224 KDF');
  if (c.file.includes('aes192')) expect(result.contentAlgorithm).toBe('AES-192-CBC');

  // The stock handle either gets the same answer or refuses cleanly (never wrong output).
  const stock = await decryptData(der, [{ certificate, key }]).then(
    (r) => new TextDecoder().decode(r.content),
    (e: unknown) => e,
  );
  if (typeof stock === 'string') expect(stock).toBe(c.expected_plaintext);
  else expect(stock).toBeInstanceOf(UnsupportedAlgorithmError);
});

describe('RFC 4134 enveloped examples', () => {
  const bobCert = loadCertificate(new Uint8Array(readFileSync(join(RFC4134, 'BobRSASignByCarl.cer'))));
  const bobPkcs8 = new Uint8Array(readFileSync(join(RFC4134, 'BobPrivRSAEncrypt.pri')));

  test.each([
    ['5.1.bin', /unsupported legacy algorithm 3DES-CBC/],
    ['5.2.bin', /unsupported legacy algorithm RC2-CBC/],
  ])('%s is refused as legacy, although the key transport itself opens', async (file, message) => {
    const der = new Uint8Array(readFileSync(join(RFC4134, file)));
    const key = await privateKeyFromPkcs8(bobPkcs8);
    const err = await decryptData(der, [{ certificate: bobCert, key }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedAlgorithmError);
    expect((err as Error).message).toMatch(message);
    // Our PKCS#1 v1.5 recovers the content key from Bob's RecipientInfo: 24 bytes for 3DES;
    // the RC2 example's key block is a conforming 5-byte (40-bit) key.
    const ed = new pkijs.EnvelopedData({ schema: parseContentInfo(der).content });
    const ktri = ed.recipientInfos[0].value as pkijs.KeyTransRecipientInfo;
    const cek = await rsaPkcs1v15Decrypt(bobPkcs8, ktri.encryptedKey.valueBlock.valueHexView);
    expect(cek.length).toBe(file === '5.1.bin' ? 24 : 5);
  });

  test('5.3.eml (the S/MIME wrapping of 5.1) is refused the same way', async () => {
    const eml = readFileSync(join(RFC4134, '5.3.eml'), 'latin1');
    const body = eml.split(/\r?\n\r?\n/).slice(1).join('\n');
    const der = fromBase64(body);
    const key = await privateKeyFromPkcs8(bobPkcs8);
    await expect(decryptData(der, [{ certificate: bobCert, key }])).rejects.toThrow(/unsupported legacy algorithm 3DES-CBC/);
  });
});

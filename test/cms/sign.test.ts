/** Our SignedData: verified by our verifier and by OpenSSL, across key families and options. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signData, micalgFor, type SignerIdentity } from '../../src/core/cms/sign';
import { verifySignedData } from '../../src/core/cms/verify';
import { DEFAULT_SMIME_CAPABILITIES, parseSmimeCapabilities } from '../../src/core/cms/capabilities';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { parseContentInfo } from '../../src/core/asn1';
import { utf8Encode, bytesEqual, randomBytes } from '../../src/core/bytes';
import { BadInputError, KeyMismatchError } from '../../src/core/errors';
import { OID } from '../../src/core/oids';
import { KEY_FAMILIES, pkiPath, readPki, runTool, tempDir } from '../support/fixtures';

async function identity(family: string, who = 'alice'): Promise<SignerIdentity> {
  return {
    certificate: loadCertificate(readPki(family, `${who}.crt`)),
    chain: [loadCertificate(readPki(family, 'inter.crt'))],
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(family, `${who}.key`))),
  };
}

const CONTENT = utf8Encode('Content-Type: text/plain\r\n\r\nHello from the signing test.\r\n');

let dir: string;
beforeAll(() => {
  dir = tempDir('smime-sign-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `openssl cms -verify` and returns the content it recovered (throws on failure). */
function opensslVerify(family: string, der: Uint8Array, detachedContent?: Uint8Array): Uint8Array {
  const sig = join(dir, `sig-${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(sig, der);
  const args = ['cms', '-verify', '-inform', 'DER', '-binary', '-CAfile', pkiPath(family, 'root.crt'), '-in', sig];
  if (detachedContent) {
    const content = `${sig}.content`;
    writeFileSync(content, detachedContent);
    args.push('-content', content);
  }
  const r = runTool('openssl', args);
  if (r.status !== 0) throw new Error(`openssl cms -verify failed: ${r.stderr}`);
  return new Uint8Array(r.stdout);
}

const EXPECTED_DIGEST: Record<string, string> = { rsa2048: 'SHA-256', rsa3072: 'SHA-256', p256: 'SHA-256', p384: 'SHA-384' };
const EXPECTED_SIG: Record<string, string> = {
  rsa2048: 'RSASSA-PKCS1-v1_5 with SHA-256',
  rsa3072: 'RSASSA-PKCS1-v1_5 with SHA-256',
  p256: 'ECDSA with SHA-256',
  p384: 'ECDSA with SHA-384',
};

describe.each(KEY_FAMILIES)('%s', (family) => {
  test.each([true, false])('detached=%s: our verifier and openssl accept it', async (detached) => {
    const signer = await identity(family);
    const result = await signData(CONTENT, signer, { detached });
    expect(result.digest).toBe(EXPECTED_DIGEST[family]);
    expect(result.micalg).toBe(micalgFor(result.digest));

    const check = await verifySignedData(result.der, detached ? { detachedContent: CONTENT } : {});
    expect(check.structureErrors).toEqual([]);
    expect(check.detached).toBe(detached);
    expect(bytesEqual(check.content, CONTENT)).toBe(true);
    expect(check.signers).toHaveLength(1);
    const s = check.signers[0];
    expect(s.errors).toEqual([]);
    expect(s.signatureValid).toBe(true);
    expect(s.signatureAlgorithm).toBe(EXPECTED_SIG[family]);
    expect(s.weakAlgorithms).toEqual([]);
    expect(s.certificate?.serialNumber.isEqual(signer.certificate.serialNumber)).toBe(true);
    // leaf + intermediate, no root
    expect(check.certificates).toHaveLength(2);

    const recovered = opensslVerify(family, result.der, detached ? CONTENT : undefined);
    expect(bytesEqual(recovered, CONTENT)).toBe(true);
  });
});

test.each(['rsa2048', 'rsa3072'])('%s RSA-PSS (SHA-256 and SHA-512) is accepted by us and openssl', async (family) => {
  const signer = await identity(family);
  for (const digest of ['SHA-256', 'SHA-512'] as const) {
    const result = await signData(CONTENT, signer, { detached: true, rsaScheme: 'pss', digest });
    const check = await verifySignedData(result.der, { detachedContent: CONTENT });
    expect(check.signers[0].errors).toEqual([]);
    expect(check.signers[0].signatureValid).toBe(true);
    expect(check.signers[0].signatureAlgorithm).toBe(`RSASSA-PSS with ${digest}`);
    expect(bytesEqual(opensslVerify(family, result.der, CONTENT), CONTENT)).toBe(true);
  }
});

test('signed attributes: content type, digest, time, capabilities, key preference, signingCertificateV2', async () => {
  const signer = await identity('p256');
  const signingTime = new Date('2031-05-06T07:08:09.456Z');
  const result = await signData(CONTENT, signer, { detached: false, signingTime });
  const check = await verifySignedData(result.der);
  const s = check.signers[0];
  expect(s.signatureValid).toBe(true);
  expect(s.signingTime?.toISOString()).toBe('2031-05-06T07:08:09.000Z');
  expect(s.capabilities?.map((c) => c.oid)).toEqual(DEFAULT_SMIME_CAPABILITIES.map((c) => c.oid));
  expect(s.capabilities?.[0].oid).toBe(OID.aes256GCM);
  expect(s.encryptionKeyPreference).toEqual({
    issuer: 'O=Test PKI, CN=Test Intermediate p256',
    serialNumber: '2001',
  });

  const sd = new pkijs.SignedData({ schema: parseContentInfo(result.der).content });
  const attrs = sd.signerInfos[0].signedAttrs!.attributes;
  expect(attrs.map((a) => a.type).sort()).toEqual(
    [OID.contentType, OID.messageDigest, OID.signingTime, OID.smimeCapabilities, OID.smimeEncryptionKeyPreference, OID.signingCertificateV2].sort(),
  );
  // UTCTime before 2050, and DER order of the SET OF
  const time = attrs.find((a) => a.type === OID.signingTime)!.values[0];
  expect(time).toBeInstanceOf(asn1js.UTCTime);
  const encoded = attrs.map((a) => Buffer.from(a.toSchema().toBER(false)));
  expect([...encoded].sort(Buffer.compare)).toEqual(encoded);
  // ECDSA signatureAlgorithm: ecdsa-with-SHA256 with absent parameters
  expect(sd.signerInfos[0].signatureAlgorithm.algorithmId).toBe(OID.ecdsaWithSHA256);
  expect(sd.signerInfos[0].signatureAlgorithm.algorithmParams).toBeUndefined();
  // signingCertificateV2 holds SHA-256 of the signer certificate, hashAlgorithm omitted
  const v2 = attrs.find((a) => a.type === OID.signingCertificateV2)!.values[0] as asn1js.Sequence;
  const essCertId = (v2.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const certHash = essCertId.valueBlock.value[0] as asn1js.OctetString;
  const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', signer.certificate.toSchema().toBER(false)));
  expect(bytesEqual(certHash.valueBlock.valueHexView, expected)).toBe(true);
});

test('RSA PKCS#1 signatureAlgorithm is rsaEncryption with NULL; signing time after 2049 is GeneralizedTime', async () => {
  const signer = await identity('rsa2048');
  const result = await signData(CONTENT, signer, {
    detached: true,
    signingTime: new Date('2051-01-02T03:04:05Z'),
    encryptionKeyPreference: null,
    capabilities: [{ oid: OID.aes128CBC }],
  });
  const sd = new pkijs.SignedData({ schema: parseContentInfo(result.der).content });
  const si = sd.signerInfos[0];
  expect(si.signatureAlgorithm.algorithmId).toBe(OID.rsaEncryption);
  expect(si.signatureAlgorithm.algorithmParams).toBeInstanceOf(asn1js.Null);
  const time = si.signedAttrs!.attributes.find((a) => a.type === OID.signingTime)!.values[0];
  expect(time).toBeInstanceOf(asn1js.GeneralizedTime);
  expect(si.signedAttrs!.attributes.some((a) => a.type === OID.smimeEncryptionKeyPreference)).toBe(false);

  const check = await verifySignedData(result.der, { detachedContent: CONTENT });
  expect(check.signers[0].signatureValid).toBe(true);
  expect(check.signers[0].signingTime?.toISOString()).toBe('2051-01-02T03:04:05.000Z');
  expect(check.signers[0].capabilities).toEqual([{ oid: OID.aes128CBC }]);
  expect(check.signers[0].encryptionKeyPreference).toBeUndefined();
  expect(bytesEqual(opensslVerify('rsa2048', result.der, CONTENT), CONTENT)).toBe(true);
});

test('SHA-1 only when asked, and reported as weak; empty opaque content keeps its eContent', async () => {
  const signer = await identity('rsa2048');
  const sha1 = await signData(CONTENT, signer, { detached: true, digest: 'SHA-1' });
  expect(sha1.micalg).toBe('sha-1');
  const check = await verifySignedData(sha1.der, { detachedContent: CONTENT });
  expect(check.signers[0].signatureValid).toBe(true);
  expect(check.signers[0].weakAlgorithms).toEqual(['SHA-1']);

  const empty = await signData(new Uint8Array(0), signer, { detached: false });
  const emptyCheck = await verifySignedData(empty.der);
  expect(emptyCheck.detached).toBe(false);
  expect(emptyCheck.structureErrors).toEqual([]);
  expect(emptyCheck.signers[0].signatureValid).toBe(true);
  expect(emptyCheck.content).toHaveLength(0);
});

test('a key that does not belong to the certificate, or PSS with an EC key, is refused', async () => {
  const alice = await identity('rsa2048');
  const bob = await identity('rsa2048', 'bob');
  await expect(signData(CONTENT, { ...alice, key: bob.key }, { detached: true })).rejects.toBeInstanceOf(KeyMismatchError);
  const ec = await identity('p256');
  await expect(signData(CONTENT, { ...alice, key: ec.key }, { detached: true })).rejects.toBeInstanceOf(KeyMismatchError);
  await expect(signData(CONTENT, ec, { detached: true, rsaScheme: 'pss' })).rejects.toBeInstanceOf(BadInputError);
});

test('capabilities encode and parse back, keeping unknown entries and parameters', async () => {
  const signer = await identity('rsa3072');
  const caps = [{ oid: '1.2.3.4.5' }, ...DEFAULT_SMIME_CAPABILITIES];
  const result = await signData(CONTENT, signer, { detached: true, capabilities: caps });
  const check = await verifySignedData(result.der, { detachedContent: CONTENT });
  expect(check.signers[0].capabilities).toEqual(caps);
  expect(() => parseSmimeCapabilities(new asn1js.Integer({ value: 3 }))).toThrow(/SEQUENCE/);
});

test('a 25 MB opaque message signs and verifies (raised parser limits), also through openssl', async () => {
  const big = new Uint8Array(25 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 65536) big.set(randomBytes(Math.min(65536, big.length - i)), i);
  const signer = await identity('p256');
  const started = Date.now();
  const result = await signData(big, signer, { detached: false });
  const check = await verifySignedData(result.der);
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(check.structureErrors).toEqual([]);
  expect(check.signers[0].signatureValid).toBe(true);
  expect(bytesEqual(check.content, big)).toBe(true);
  expect(bytesEqual(opensslVerify('p256', result.der), big)).toBe(true);
});

test('micalg names follow RFC 8551 §3.5.3.1', () => {
  expect(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'].map((d) => micalgFor(d as 'SHA-256'))).toEqual([
    'sha-1',
    'sha-256',
    'sha-384',
    'sha-512',
  ]);
  expect(() => micalgFor('MD5' as 'SHA-256')).toThrow(BadInputError);
});

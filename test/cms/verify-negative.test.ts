/** Verifier rules (threat checklist §A): tampering, structure errors and attribute abuse. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signData, type SignerIdentity } from '../../src/core/cms/sign';
import { verifySignedData } from '../../src/core/cms/verify';
import { sortSignedAttributes, contentTypeAttribute, messageDigestAttribute } from '../../src/core/cms/attributes';
import { parseContentInfo } from '../../src/core/asn1';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { privateKeyFromPkcs8, type SignatureScheme } from '../../src/core/keys';
import { bytesEqual, randomBytes, utf8Encode, toArrayBuffer } from '../../src/core/bytes';
import { MalformedInputError } from '../../src/core/errors';
import { OID } from '../../src/core/oids';
import { readPki, VECTORS_DIR } from '../support/fixtures';

const CONTENT = utf8Encode('Content-Type: text/plain\r\n\r\nPay Bob 10 EUR.\r\n');
const TST_INFO = '1.2.840.113549.1.9.16.1.4';

async function identity(family: string): Promise<SignerIdentity> {
  return {
    certificate: loadCertificate(readPki(family, 'alice.crt')),
    chain: [loadCertificate(readPki(family, 'inter.crt'))],
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(family, 'alice.key'))),
  };
}

function parse(der: Uint8Array): pkijs.SignedData {
  return new pkijs.SignedData({ schema: parseContentInfo(der).content });
}

function serialise(sd: pkijs.SignedData): Uint8Array {
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema() });
  return new Uint8Array(ci.toSchema().toBER(false));
}

/** Re-signs signer 0 after `mutate` changed its attributes (and maybe the SignedData), as a real signer could. */
async function resign(
  der: Uint8Array,
  signer: SignerIdentity,
  scheme: SignatureScheme,
  mutate: (attrs: pkijs.Attribute[], sd: pkijs.SignedData) => pkijs.Attribute[],
): Promise<Uint8Array> {
  const sd = parse(der);
  const si = sd.signerInfos[0];
  const { attributes, setDer } = sortSignedAttributes(mutate(si.signedAttrs!.attributes, sd));
  si.signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  si.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(await signer.key.sign(setDer, scheme)) });
  return serialise(sd);
}

const RSA_SCHEME: SignatureScheme = { scheme: 'rsa-pkcs1', hash: 'SHA-256' };

let rsa: SignerIdentity;
let detachedDer: Uint8Array;
let opaqueDer: Uint8Array;
beforeAll(async () => {
  rsa = await identity('rsa2048');
  detachedDer = (await signData(CONTENT, rsa, { detached: true })).der;
  opaqueDer = (await signData(CONTENT, rsa, { detached: false })).der;
});

function allErrors(check: Awaited<ReturnType<typeof verifySignedData>>): string {
  return check.signers.flatMap((s) => s.errors).join(' | ');
}

test('baseline: the unmodified signatures are valid', async () => {
  expect((await verifySignedData(detachedDer, { detachedContent: CONTENT })).signers[0].signatureValid).toBe(true);
  expect((await verifySignedData(opaqueDer)).signers[0].signatureValid).toBe(true);
});

test('tampered detached content is invalid', async () => {
  const changed = utf8Encode('Content-Type: text/plain\r\n\r\nPay Eve 10 EUR.\r\n');
  const check = await verifySignedData(detachedDer, { detachedContent: changed });
  expect(check.structureErrors).toEqual([]);
  expect(check.signers[0].signatureValid).toBe(false);
  expect(allErrors(check)).toMatch(/changed after signing/);
});

test('tampered encapsulated content is invalid', async () => {
  const der = opaqueDer.slice();
  const at = Buffer.from(der).indexOf('Pay Bob');
  expect(at).toBeGreaterThan(0);
  der[at + 4] = 'E'.charCodeAt(0);
  const check = await verifySignedData(der);
  expect(new TextDecoder().decode(check.content)).toContain('Pay Eob');
  expect(check.signers[0].signatureValid).toBe(false);
  expect(allErrors(check)).toMatch(/changed after signing/);
});

test.each(['rsa2048', 'p256'])('%s tampered signature value is invalid', async (family) => {
  const signer = await identity(family);
  const sd = parse((await signData(CONTENT, signer, { detached: true })).der);
  const sig = sd.signerInfos[0].signature.valueBlock.valueHexView.slice();
  sig[sig.length - 2] ^= 0x01;
  sd.signerInfos[0].signature = new asn1js.OctetString({ valueHex: sig.buffer });
  const check = await verifySignedData(serialise(sd), { detachedContent: CONTENT });
  expect(check.signers[0].signatureValid).toBe(false);
  expect(allErrors(check)).toMatch(/does not verify/);
});

test('eContent together with a detached content is a structure error (C1), even when equal', async () => {
  const same = await verifySignedData(opaqueDer, { detachedContent: CONTENT });
  expect(same.structureErrors.join(' ')).toMatch(/conflicting signed content/);
  const other = await verifySignedData(opaqueDer, { detachedContent: utf8Encode('something else') });
  expect(other.structureErrors.join(' ')).toMatch(/conflicting signed content/);
  // the signer is checked against what would be displayed, so the hidden eContent vouches for nothing
  expect(other.signers[0].signatureValid).toBe(false);
});

test('a detached signature without content is a structure error and no signer is valid', async () => {
  const check = await verifySignedData(detachedDer);
  expect(check.structureErrors.join(' ')).toMatch(/no signed content/);
  expect(check.signers[0].signatureValid).toBe(false);
});

test('zero SignerInfos is a structure error (C3)', async () => {
  const sd = parse(detachedDer);
  sd.signerInfos = [];
  const check = await verifySignedData(serialise(sd), { detachedContent: CONTENT });
  expect(check.signers).toEqual([]);
  expect(check.structureErrors.join(' ')).toMatch(/no signers/);
});

test('more than 64 SignerInfos is a structure error and none is tried', async () => {
  const sd = parse(detachedDer);
  sd.signerInfos = Array.from({ length: 65 }, () => sd.signerInfos[0]);
  const check = await verifySignedData(serialise(sd), { detachedContent: CONTENT });
  expect(check.signers).toEqual([]);
  expect(check.structureErrors.join(' ')).toMatch(/65 signers/);
});

test('content-type attribute different from eContentType is invalid', async () => {
  const der = await resign(detachedDer, rsa, RSA_SCHEME, (attrs) => [
    ...attrs.filter((a) => a.type !== OID.contentType),
    contentTypeAttribute(OID.signedData),
  ]);
  const check = await verifySignedData(der, { detachedContent: CONTENT });
  expect(check.signers[0].signatureValid).toBe(false);
  expect(allErrors(check)).toMatch(/content-type signed attribute \(1\.2\.840\.113549\.1\.7\.2\) does not match/);
  expect(allErrors(check)).not.toMatch(/does not verify/);
});

test('missing content-type or message-digest attribute is invalid', async () => {
  for (const type of [OID.contentType, OID.messageDigest]) {
    const der = await resign(detachedDer, rsa, RSA_SCHEME, (attrs) => attrs.filter((a) => a.type !== type));
    const check = await verifySignedData(der, { detachedContent: CONTENT });
    expect(check.signers[0].signatureValid).toBe(false);
    expect(allErrors(check)).toMatch(/signed attribute is missing/);
  }
});

test('duplicate or multi-valued messageDigest is invalid, whichever comes first', async () => {
  const good = new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(CONTENT)));
  const bad = randomBytes(32);
  const variants: ((attrs: pkijs.Attribute[]) => pkijs.Attribute[])[] = [
    (attrs) => [...attrs, messageDigestAttribute(bad)],
    (attrs) => [messageDigestAttribute(bad), ...attrs],
    (attrs) => [
      ...attrs.filter((a) => a.type !== OID.messageDigest),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: toArrayBuffer(good) }), new asn1js.OctetString({ valueHex: toArrayBuffer(bad) })],
      }),
    ],
  ];
  for (const mutate of variants) {
    const check = await verifySignedData(await resign(detachedDer, rsa, RSA_SCHEME, mutate), { detachedContent: CONTENT });
    expect(check.signers[0].signatureValid).toBe(false);
    expect(allErrors(check)).toMatch(/message-digest signed attribute/);
  }
});

test('eContentType other than id-data (TSTInfo) is a structure error', async () => {
  const der = await resign(opaqueDer, rsa, RSA_SCHEME, (attrs, sd) => {
    sd.encapContentInfo.eContentType = TST_INFO;
    return [...attrs.filter((a) => a.type !== OID.contentType), contentTypeAttribute(TST_INFO)];
  });
  const check = await verifySignedData(der);
  expect(check.eContentType).toBe(TST_INFO);
  expect(check.structureErrors.join(' ')).toMatch(/not id-data/);
});

test('signingCertificateV2 naming another certificate is invalid', async () => {
  const der = await resign(detachedDer, rsa, RSA_SCHEME, (attrs) =>
    attrs.map((a) => {
      if (a.type !== OID.signingCertificateV2) return a;
      const essCertId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: randomBytes(32).buffer as ArrayBuffer })] });
      return new pkijs.Attribute({
        type: a.type,
        values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] })],
      });
    }),
  );
  const check = await verifySignedData(der, { detachedContent: CONTENT });
  expect(check.signers[0].signatureValid).toBe(false);
  expect(allErrors(check)).toMatch(/signingCertificate attribute names a different certificate/);
});

test('an unknown signature algorithm gives a readable reason, not a crash', async () => {
  const sd = parse(detachedDer);
  sd.signerInfos[0].signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10040.4.3' });
  const check = await verifySignedData(serialise(sd), { detachedContent: CONTENT });
  expect(check.signers[0].signatureValid).toBe(false);
  expect(check.signers[0].signatureAlgorithm).toBe('DSA with SHA-1');
  expect(allErrors(check)).toMatch(/Unsupported signature algorithm DSA with SHA-1/);
});

test('two signers are reported separately: one good, one with a broken signature', async () => {
  const ec = await identity('p256');
  const a = parse(detachedDer);
  const b = parse((await signData(CONTENT, ec, { detached: true })).der);
  const sig = b.signerInfos[0].signature.valueBlock.valueHexView.slice();
  sig[10] ^= 0xff;
  b.signerInfos[0].signature = new asn1js.OctetString({ valueHex: sig.buffer });
  a.signerInfos.push(b.signerInfos[0]);
  a.digestAlgorithms.push(...b.digestAlgorithms);
  a.certificates!.push(...b.certificates!);
  const check = await verifySignedData(serialise(a), { detachedContent: CONTENT });
  expect(check.structureErrors).toEqual([]);
  expect(check.signers.map((s) => s.signatureValid)).toEqual([true, false]);
  expect(check.signers[1].signatureAlgorithm).toBe('ECDSA with SHA-256');
  expect(check.signers[0].errors).toEqual([]);
  expect(check.signers[1].errors.length).toBeGreaterThan(0);
});

test('a signer certificate whose key and SKI hold values asn1js cannot decode is reported, not thrown', async () => {
  // GeneralizedTime "12X": pkijs's lazy parsedKey/parsedValue made asn1js throw a plain Error (fuzz finding).
  const badTime = Uint8Array.of(0x18, 0x03, 0x31, 0x32, 0x58);
  const sd = parse(detachedDer);
  const cert = sd.certificates![0] as pkijs.Certificate;
  cert.subjectPublicKeyInfo.subjectPublicKey = new asn1js.BitString({ valueHex: toArrayBuffer(badTime) });
  cert.extensions = [new pkijs.Extension({ extnID: '2.5.29.14', critical: false, extnValue: toArrayBuffer(badTime) })];
  cert.tbsView = new Uint8Array(cert.encodeTBS().toBER(false));
  const check = await verifySignedData(serialise(sd), { detachedContent: CONTENT });
  expect(check.signers.map((s) => s.signatureValid)).toEqual([false]);
  expect(allErrors(check)).toMatch(/signature/i);
});

test('input that is not ContentInfo(SignedData) throws MalformedInputError', async () => {
  const enveloped = new pkijs.ContentInfo({ contentType: OID.envelopedData, content: new asn1js.Sequence() });
  const inputs = [
    new Uint8Array(0),
    randomBytes(200),
    readPki('rsa2048', 'alice.crt'),
    loadCertificate(readPki('rsa2048', 'alice.crt')).toSchema().toBER(false),
    new Uint8Array(enveloped.toSchema().toBER(false)),
    detachedDer.subarray(0, detachedDer.length - 40),
  ];
  for (const input of inputs) {
    await expect(verifySignedData(new Uint8Array(input))).rejects.toBeInstanceOf(MalformedInputError);
  }
});

describe('RFC 4134 examples', () => {
  const vector = (name: string) => new Uint8Array(readFileSync(join(VECTORS_DIR, 'rfc4134', name)));
  const EX_CONTENT = 'This is some sample content.';

  test.each(['4.2.bin', '4.5.bin'])('%s (RSA/SHA-1 without signed attributes): signature holds, but S/MIME rules fail', async (file) => {
    const check = await verifySignedData(vector(file));
    expect(check.structureErrors).toEqual([]);
    expect(new TextDecoder().decode(check.content)).toBe(EX_CONTENT);
    const s = check.signers[0];
    expect(s.digestAlgorithm).toBe('SHA-1');
    expect(s.signatureAlgorithm).toBe('RSASSA-PKCS1-v1_5 with SHA-1');
    // Alice's RFC 4134 key is 1024-bit RSA
    expect(s.weakAlgorithms).toEqual(['SHA-1', 'RSA-1024']);
    const alice = loadCertificate(vector('AliceRSASignByCarl.cer'));
    expect(bytesEqual(new Uint8Array(s.certificate!.toSchema().toBER(false)), new Uint8Array(alice.toSchema().toBER(false)))).toBe(true);
    expect(s.signatureValid).toBe(false);
    expect(s.errors.join(' ')).toMatch(/no signed attributes/);
    expect(s.errors.join(' ')).toMatch(/cryptographically correct/);
  });

  test.each(['4.1.bin', '4.7.bin', '4.10.bin'])('%s (DSA) reports unsupported, not a crash', async (file) => {
    const check = await verifySignedData(vector(file));
    expect(check.signers).toHaveLength(1);
    expect(check.signers[0].signatureValid).toBe(false);
    expect(check.signers[0].errors.join(' ')).toMatch(/Unsupported signature algorithm DSA|DSA signer certificates are not supported/);
  });

  test('4.10.bin: rich signed attributes are read (capabilities, key preference)', async () => {
    const s = (await verifySignedData(vector('4.10.bin'))).signers[0];
    expect(s.capabilities?.map((c) => c.oid)).toEqual(['1.2.3.4.5.6', '1.2.3.4.5.6.77']);
    expect(s.encryptionKeyPreference).toBeDefined();
  });

  test('4.11.bin (certs-only) is not a signature', async () => {
    const check = await verifySignedData(vector('4.11.bin'));
    expect(check.signers).toEqual([]);
    expect(check.certificates).toHaveLength(2);
    expect(check.structureErrors.join(' ')).toMatch(/no signers/);
  });
});

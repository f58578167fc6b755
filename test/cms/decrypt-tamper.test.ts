/** Tampering, wrong keys and malformed input: each gets its one typed error and no plaintext. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decryptData } from '../../src/core/cms/decrypt';
import { encryptData } from '../../src/core/cms/encrypt';
import { rsaPkcs1v15Encrypt } from '../../src/core/crypto/rsa-pkcs1';
import { parseBer, toDer } from '../../src/core/asn1';
import { randomBytes, toArrayBuffer } from '../../src/core/bytes';
import { BadInputError, DecryptionError, MalformedInputError, NoMatchingKeyError, UnsupportedAlgorithmError } from '../../src/core/errors';
import { OID } from '../../src/core/oids';
import { loadParty, removeDir, sampleContent, snapshotPki, type Party } from '../crypto/cms-helpers';

let pki: string;
let alice: Party;
let bob: Party;
let ecAlice: Party;
const content = sampleContent(1000);

beforeAll(async () => {
  pki = snapshotPki();
  alice = await loadParty(pki, 'rsa2048');
  bob = await loadParty(pki, 'rsa2048', 'bob');
  ecAlice = await loadParty(pki, 'p256');
});
afterAll(() => removeDir(pki));

async function errorOf(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
  expect(err.message).not.toBe('expected a failure');
  return err;
}

/** Parses our ContentInfo, lets `edit` change the inner (Auth)EnvelopedData fields, re-encodes. */
function mutate(der: Uint8Array, edit: (fields: asn1js.AsnType[]) => void): Uint8Array {
  const ci = parseBer(der, 'test') as asn1js.Sequence;
  const inner = (ci.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  edit(inner.valueBlock.value);
  return new Uint8Array(ci.toBER(false));
}

function eciOf(fields: asn1js.AsnType[]): asn1js.Sequence {
  return fields.find((f, i) => i > 0 && f instanceof asn1js.Sequence) as asn1js.Sequence;
}

function gcmParamsOf(fields: asn1js.AsnType[]): asn1js.Sequence {
  const algId = eciOf(fields).valueBlock.value[1] as asn1js.Sequence;
  return algId.valueBlock.value[1] as asn1js.Sequence;
}

test('GCM: a flipped ciphertext byte, tag byte or truncated tag gives DecryptionError', async () => {
  const der = await encryptData(content, [alice.cert], { cipher: 'aes-256-gcm' });
  expect((await decryptData(der, [alice.decryptionKey])).authenticated).toBe(true);
  const flippedCt = der.slice();
  flippedCt[der.length - 18 - 10] ^= 0x01; // 18 = mac TLV; lands inside the ciphertext
  const flippedTag = der.slice();
  flippedTag[der.length - 1] ^= 0x80;
  const truncatedTag = mutate(der, (f) => {
    f[f.length - 1] = new asn1js.OctetString({ valueHex: (f[f.length - 1] as asn1js.OctetString).valueBlock.valueHexView.slice(0, 12) });
  });
  for (const bad of [flippedCt, flippedTag, truncatedTag]) {
    expect(await errorOf(decryptData(bad, [alice.decryptionKey]))).toBeInstanceOf(DecryptionError);
  }
});

test('GCM: injected authAttrs (unauthenticated by the sender) fail the tag check', async () => {
  const der = await encryptData(content, [ecAlice.cert], { cipher: 'aes-128-gcm' });
  const withAttrs = mutate(der, (f) => {
    const attr = new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] });
    f.splice(f.length - 1, 0, new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [attr.toSchema()] }));
  });
  expect(await errorOf(decryptData(withAttrs, [ecAlice.decryptionKey]))).toBeInstanceOf(DecryptionError);
});

test('GCM parameters: 16-byte nonce, 8-byte ICV and 8-byte nonce are refused as unsupported', async () => {
  const der = await encryptData(content, [alice.cert], { cipher: 'aes-128-gcm' });
  const longNonce = mutate(der, (f) => {
    gcmParamsOf(f).valueBlock.value[0] = new asn1js.OctetString({ valueHex: randomBytes(16).buffer });
  });
  const shortNonce = mutate(der, (f) => {
    gcmParamsOf(f).valueBlock.value[0] = new asn1js.OctetString({ valueHex: randomBytes(8).buffer });
  });
  const shortIcv = mutate(der, (f) => {
    gcmParamsOf(f).valueBlock.value[1] = new asn1js.Integer({ value: 8 });
  });
  for (const bad of [longNonce, shortNonce, shortIcv]) {
    const err = await errorOf(decryptData(bad, [alice.decryptionKey]));
    expect(err).toBeInstanceOf(UnsupportedAlgorithmError);
  }
});

test('CBC is unauthenticated: a flipped byte yields DecryptionError or different bytes, never a crash', async () => {
  const der = await encryptData(content, [alice.cert], { cipher: 'aes-256-cbc' });
  let changed = 0;
  for (const offset of [10, 100, 600, 17]) {
    const bad = der.slice();
    bad[der.length - offset] ^= 0x40;
    const outcome = await decryptData(bad, [alice.decryptionKey]).then(
      (r) => r.content,
      (e: unknown) => e,
    );
    if (outcome instanceof Uint8Array) expect(Buffer.compare(Buffer.from(outcome), Buffer.from(content))).not.toBe(0);
    else expect(outcome).toBeInstanceOf(DecryptionError);
    changed++;
  }
  expect(changed).toBe(4);
});

test('PKCS#1 v1.5: garbage, wrong-length and foreign encrypted keys all end in the same DecryptionError', async () => {
  const der = await encryptData(content, [alice.cert], { cipher: 'aes-256-gcm' });
  const replaceKey = (encryptedKey: Uint8Array) =>
    mutate(der, (f) => {
      const ri = (f[1] as asn1js.Set).valueBlock.value[0] as asn1js.Sequence;
      ri.valueBlock.value[3] = new asn1js.OctetString({ valueHex: toArrayBuffer(encryptedKey) });
    });
  const variants = [
    replaceKey(randomBytes(256)), // bad padding (overwhelmingly likely)
    replaceKey(rsaPkcs1v15Encrypt(alice.cert, randomBytes(16))), // conforming, but 16 bytes for AES-256
    replaceKey(rsaPkcs1v15Encrypt(alice.cert, randomBytes(32))), // conforming, right length, wrong key
    replaceKey(rsaPkcs1v15Encrypt(bob.cert, randomBytes(32))), // made for someone else
  ];
  const errors = await Promise.all(variants.map((v) => errorOf(decryptData(v, [alice.decryptionKey]))));
  for (const e of errors) expect(e).toBeInstanceOf(DecryptionError);
  expect(new Set(errors.map((e) => e.message)).size).toBe(1);
});

test('a message for someone else gives NoMatchingKeyError', async () => {
  for (const cipher of ['aes-256-cbc', 'aes-256-gcm'] as const) {
    const der = await encryptData(content, [alice.cert], { cipher });
    expect(await errorOf(decryptData(der, [bob.decryptionKey, ecAlice.decryptionKey]))).toBeInstanceOf(NoMatchingKeyError);
    expect(await errorOf(decryptData(der, []))).toBeInstanceOf(NoMatchingKeyError);
  }
});

test('truncated, garbage and non-encrypted input give typed errors', async () => {
  const der = await encryptData(content, [alice.cert]);
  for (const bad of [der.subarray(0, der.length - 7), der.subarray(0, 40), randomBytes(300), new Uint8Array(0), Uint8Array.of(0x30, 0x03, 0x02, 0x01)]) {
    expect(await errorOf(decryptData(bad, [alice.decryptionKey]))).toBeInstanceOf(MalformedInputError);
  }
  const data = toDer(new pkijs.ContentInfo({ contentType: OID.data, content: new asn1js.OctetString({ valueHex: new ArrayBuffer(4) }) }));
  expect(await errorOf(decryptData(data, [alice.decryptionKey]))).toBeInstanceOf(BadInputError);
});

test("pkijs' own GCM-inside-EnvelopedData and ChaCha20-Poly1305 are refused as unsupported", async () => {
  const ed = new pkijs.EnvelopedData();
  ed.addRecipientByCertificate(alice.cert, { oaepHashAlgorithm: 'SHA-256' }, 1);
  await ed.encrypt({ name: 'AES-GCM', length: 256 } as AesKeyGenParams, toArrayBuffer(content));
  const pkijsGcm = toDer(new pkijs.ContentInfo({ contentType: OID.envelopedData, content: ed.toSchema() }));
  const err = await errorOf(decryptData(pkijsGcm, [alice.decryptionKey]));
  expect(err).toBeInstanceOf(UnsupportedAlgorithmError);
  expect(err.message).toMatch(/AES-GCM inside EnvelopedData is not standard/);

  const der = await encryptData(content, [alice.cert], { cipher: 'aes-256-gcm' });
  const chacha = mutate(der, (f) => {
    const algId = eciOf(f).valueBlock.value[1] as asn1js.Sequence;
    algId.valueBlock.value[0] = new asn1js.ObjectIdentifier({ value: OID.chacha20Poly1305 });
  });
  expect((await errorOf(decryptData(chacha, [alice.decryptionKey]))).message).toMatch(/ChaCha20-Poly1305/);
  const cbcInAuth = mutate(der, (f) => {
    const algId = eciOf(f).valueBlock.value[1] as asn1js.Sequence;
    algId.valueBlock.value[0] = new asn1js.ObjectIdentifier({ value: OID.aes256CBC });
  });
  expect(await errorOf(decryptData(cbcInAuth, [alice.decryptionKey]))).toBeInstanceOf(UnsupportedAlgorithmError);
});

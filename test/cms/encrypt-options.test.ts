/** encryptData structure and option handling, and chooseContentCipher. */
import * as asn1js from 'asn1js';
import { chooseContentCipher, encryptData } from '../../src/core/cms/encrypt';
import { decryptData } from '../../src/core/cms/decrypt';
import { parseBer } from '../../src/core/asn1';
import { BadInputError } from '../../src/core/errors';
import { OID } from '../../src/core/oids';
import { loadParty, removeDir, sampleContent, snapshotPki, type Party } from '../crypto/cms-helpers';

let pki: string;
let rsa: Party;
let ec: Party;
beforeAll(async () => {
  pki = snapshotPki();
  rsa = await loadParty(pki, 'rsa3072');
  ec = await loadParty(pki, 'p384');
});
afterAll(() => removeDir(pki));

function inner(der: Uint8Array): { type: string; fields: asn1js.AsnType[] } {
  const ci = parseBer(der, 'test') as asn1js.Sequence;
  const type = (ci.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
  const seq = (ci.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  return { type, fields: seq.valueBlock.value };
}

test('chooseContentCipher: GCM only when every recipient advertises AES-256-GCM', () => {
  expect(chooseContentCipher([[OID.aes256GCM, OID.aes256CBC], [OID.aes256GCM]])).toBe('aes-256-gcm');
  expect(chooseContentCipher([[OID.aes256GCM], undefined])).toBe('aes-256-cbc');
  expect(chooseContentCipher([[OID.aes256GCM], [OID.aes128GCM, OID.aes256CBC]])).toBe('aes-256-cbc');
  expect(chooseContentCipher([undefined])).toBe('aes-256-cbc');
  expect(chooseContentCipher([[]])).toBe('aes-256-cbc');
  expect(chooseContentCipher([])).toBe('aes-256-cbc');
});

test('default is EnvelopedData v0, RSA PKCS#1 v1.5, AES-256-CBC with a 16-byte IV, content in one primitive [0]', async () => {
  const content = sampleContent(5000);
  const der = await encryptData(content, [rsa.cert]);
  const { type, fields } = inner(der);
  expect(type).toBe(OID.envelopedData);
  expect((fields[0] as asn1js.Integer).valueBlock.valueDec).toBe(0);
  const eci = fields[2] as asn1js.Sequence;
  const algId = eci.valueBlock.value[1] as asn1js.Sequence;
  expect((algId.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.aes256CBC);
  expect((algId.valueBlock.value[1] as asn1js.OctetString).valueBlock.valueHexView.length).toBe(16);
  const ec0 = eci.valueBlock.value[2];
  expect(ec0.idBlock.isConstructed).toBe(false); // not split into 1 KiB chunks
  expect((ec0 as asn1js.Primitive).valueBlock.valueHexView.length).toBe(Math.floor(content.length / 16) * 16 + 16);
  const result = await decryptData(der, [rsa.decryptionKey]);
  expect(result.keyAlgorithm).toBe('RSAES-PKCS1-v1_5');
  expect(result.contentAlgorithm).toBe('AES-256-CBC');
});

test('GCM is AuthEnvelopedData v0 with a 12-byte nonce, explicit ICV length 16 and a 16-byte mac; EC uses the matching KDF and wrap', async () => {
  const der = await encryptData(sampleContent(10), [ec.cert, rsa.cert], { cipher: 'aes-128-gcm', keyTransport: 'rsa-oaep' });
  const { type, fields } = inner(der);
  expect(type).toBe(OID.authEnvelopedData);
  expect((fields[0] as asn1js.Integer).valueBlock.valueDec).toBe(0);
  const params = ((fields[2] as asn1js.Sequence).valueBlock.value[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.Sequence;
  expect((params.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView.length).toBe(12);
  expect((params.valueBlock.value[1] as asn1js.Integer).valueBlock.valueDec).toBe(16);
  expect((fields[3] as asn1js.OctetString).valueBlock.valueHexView.length).toBe(16);
  const viaEc = await decryptData(der, [ec.decryptionKey]);
  expect(viaEc.keyAlgorithm).toBe('ECDH (stdDH, SHA-384 KDF, AES-128-KW)');
  expect(viaEc.recipientCount).toBe(2);
  expect((await decryptData(der, [rsa.decryptionKey])).keyAlgorithm).toBe('RSAES-OAEP (SHA-256)');
});

test('bad options and recipients are refused with BadInputError', async () => {
  const content = sampleContent(10);
  await expect(encryptData(content, [])).rejects.toBeInstanceOf(BadInputError);
  await expect(encryptData(content, [rsa.cert], { cipher: 'des-cbc' as never })).rejects.toBeInstanceOf(BadInputError);
  await expect(encryptData(content, [rsa.cert], { keyTransport: 'rsa-raw' as never })).rejects.toBeInstanceOf(BadInputError);
});

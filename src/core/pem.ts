/**
 * Loading certificates and private keys from the files users actually have: PEM (one or
 * many blocks, any line endings) or raw DER; PKCS#8, PKCS#1 RSA and SEC1 EC private keys.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fromBase64, latin1Decode, toBase64 } from './bytes';
import { parseBer, parsePkiObject, toDer } from './asn1';
import { MalformedInputError } from './errors';
import { OID } from './oids';

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

export function isPem(bytes: Uint8Array): boolean {
  return latin1Decode(bytes.subarray(0, Math.min(bytes.length, 8192))).includes('-----BEGIN ');
}

export function parsePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (const match of text.matchAll(re)) {
    blocks.push({ label: match[1], der: fromBase64(match[2].replace(/^[A-Za-z-]+:.*$/gm, '')) });
  }
  return blocks;
}

export function toPem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${toBase64(der, 64).replace(/\r\n/g, '\n')}-----END ${label}-----\n`;
}

/** All certificates in a PEM bundle or one DER certificate. */
export function loadCertificates(bytes: Uint8Array, what = 'certificate file'): pkijs.Certificate[] {
  if (isPem(bytes)) {
    const blocks = parsePem(latin1Decode(bytes)).filter((b) => /CERTIFICATE$/.test(b.label));
    if (blocks.length === 0) throw new MalformedInputError(`${what} contains no PEM certificate`);
    return blocks.map((b, i) => parsePkiObject(pkijs.Certificate, b.der, `${what} (certificate ${i + 1})`));
  }
  return [parsePkiObject(pkijs.Certificate, bytes, what)];
}

export function loadCertificate(bytes: Uint8Array, what = 'certificate file'): pkijs.Certificate {
  return loadCertificates(bytes, what)[0];
}

/** Returns PKCS#8 DER for a PKCS#8, PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") key. */
export function loadPrivateKeyPkcs8(bytes: Uint8Array, what = 'private key file'): Uint8Array {
  let label = 'PRIVATE KEY';
  let der = bytes;
  if (isPem(bytes)) {
    const block = parsePem(latin1Decode(bytes)).find((b) => /PRIVATE KEY$/.test(b.label));
    if (!block) throw new MalformedInputError(`${what} contains no PEM private key`);
    if (block.label === 'ENCRYPTED PRIVATE KEY') {
      throw new MalformedInputError(`${what} is encrypted; decrypt it first or use a PKCS#12 file`);
    }
    label = block.label;
    der = block.der;
  }
  if (label === 'RSA PRIVATE KEY') return wrapPkcs8(der, OID.rsaEncryption, new asn1js.Null());
  if (label === 'EC PRIVATE KEY') return wrapSec1(der, what);
  // DER input: accept PKCS#8 directly; otherwise it is not something we understand.
  const info = parsePkiObject(pkijs.PrivateKeyInfo, der, what);
  return toDer(info);
}

function wrapPkcs8(keyDer: Uint8Array, algorithmOid: string, params: asn1js.AsnType): Uint8Array {
  const info = new pkijs.PrivateKeyInfo({
    version: 0,
    privateKeyAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: algorithmOid, algorithmParams: params }),
    privateKey: new asn1js.OctetString({ valueHex: keyDer.slice().buffer }),
  });
  return toDer(info);
}

function wrapSec1(der: Uint8Array, what: string): Uint8Array {
  const ecKey = parseBer(der, what) as asn1js.Sequence;
  // ECPrivateKey ::= SEQUENCE { version, privateKey, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }
  const params = ecKey.valueBlock.value.find(
    (v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0,
  ) as asn1js.Constructed | undefined;
  const curve = params?.valueBlock.value[0];
  if (!(curve instanceof asn1js.ObjectIdentifier)) {
    throw new MalformedInputError(`${what}: EC private key does not name its curve`);
  }
  return wrapPkcs8(der, OID.ecPublicKey, new asn1js.ObjectIdentifier({ value: curve.valueBlock.toString() }));
}

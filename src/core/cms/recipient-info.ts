/**
 * Builds one RecipientInfo per recipient certificate: KeyTransRecipientInfo for RSA keys
 * (PKCS#1 v1.5 or OAEP SHA-256), KeyAgreeRecipientInfo for EC keys (RFC 5753 ephemeral-
 * static ECDH, no ukm). Recipients are identified by issuerAndSerialNumber, which every
 * peer understands.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toDer } from '../asn1';
import { toArrayBuffer } from '../bytes';
import { rsaPkcs1v15Encrypt } from '../crypto/rsa-pkcs1';
import { rsaPublicKeyFrom } from '../crypto/rsa-key';
import { BadInputError, UnsupportedAlgorithmError } from '../errors';
import { CURVE_BITS, curveFromOid, type NamedCurve } from '../keys';
import { OID } from '../oids';
import { encodeDer, node, primitive, TAG, smallInteger } from './der-writer';
import { deriveKek, KDF_SCHEME_FOR_CURVE, WRAP_FOR_KEY_BYTES } from './ecdh';

export type KeyTransport = 'rsa-pkcs1' | 'rsa-oaep';

export const MIN_RSA_BITS = 2048;

export interface BuiltRecipientInfo {
  der: Uint8Array;
  /** RFC 5652 version of this RecipientInfo (0 for KTRI with issuerAndSerialNumber, 3 for KARI). */
  version: number;
}

function oidDer(oid: string): Uint8Array {
  return new Uint8Array(new asn1js.ObjectIdentifier({ value: oid }).toBER(false));
}

function issuerAndSerial(cert: pkijs.Certificate): Uint8Array {
  return toDer(new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }));
}

function spkiDer(cert: pkijs.Certificate): ArrayBuffer {
  return toArrayBuffer(toDer(cert.subjectPublicKeyInfo));
}

/** RSAES-OAEP-params with SHA-256 and MGF1-SHA-256 written out (no defaults: they would mean SHA-1). */
function oaepSha256Identifier(): Uint8Array {
  const sha256 = node(TAG.sequence, oidDer(OID.sha256));
  const mgf = node(TAG.sequence, oidDer(OID.mgf1), sha256);
  return encodeDer(node(TAG.sequence, oidDer(OID.rsaesOaep), node(TAG.sequence, node(0xa0, sha256), node(0xa1, mgf))));
}

async function keyTransRecipient(cert: pkijs.Certificate, cek: Uint8Array, transport: KeyTransport): Promise<BuiltRecipientInfo> {
  const pub = rsaPublicKeyFrom(cert);
  const bits = pub.n.toString(2).length;
  if (bits < MIN_RSA_BITS) throw new BadInputError(`The recipient's RSA key has only ${bits} bits; at least ${MIN_RSA_BITS} are required`);
  let algorithm: Uint8Array;
  let encryptedKey: Uint8Array;
  if (transport === 'rsa-pkcs1') {
    algorithm = encodeDer(node(TAG.sequence, oidDer(OID.rsaEncryption), Uint8Array.of(0x05, 0x00)));
    encryptedKey = rsaPkcs1v15Encrypt(cert, cek);
  } else if (transport === 'rsa-oaep') {
    algorithm = oaepSha256Identifier();
    const key = await crypto.subtle.importKey('spki', spkiDer(cert), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
    encryptedKey = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, toArrayBuffer(cek)));
  } else {
    throw new BadInputError(`Unknown key transport ${String(transport)}`);
  }
  const der = encodeDer(node(TAG.sequence, smallInteger(0), issuerAndSerial(cert), algorithm, primitive(TAG.octetString, encryptedKey)));
  return { der, version: 0 };
}

function recipientCurve(cert: pkijs.Certificate): NamedCurve {
  const params = cert.subjectPublicKeyInfo.algorithm.algorithmParams;
  const oid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
  const curve = curveFromOid(oid);
  if (!curve) throw new UnsupportedAlgorithmError(`The recipient's EC curve ${oid || '(unnamed)'} is not supported`);
  return curve;
}

async function keyAgreeRecipient(cert: pkijs.Certificate, cek: CryptoKey, cekBytes: number): Promise<BuiltRecipientInfo> {
  const namedCurve = recipientCurve(cert);
  const recipientKey = await crypto.subtle.importKey('spki', spkiDer(cert), { name: 'ECDH', namedCurve }, false, []);
  const ephemeral = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve }, true, ['deriveBits'])) as CryptoKeyPair;
  // Z is the full x-coordinate: 66 bytes for P-521, so round the bit count up.
  const zBits = Math.ceil(CURVE_BITS[namedCurve] / 8) * 8;
  const z = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: recipientKey }, ephemeral.privateKey, zBits));
  const scheme = KDF_SCHEME_FOR_CURVE[namedCurve];
  const wrapOid = WRAP_FOR_KEY_BYTES[cekBytes];
  const kek = await deriveKek(z, scheme, wrapOid, undefined, 'wrapKey');
  z.fill(0);
  const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', cek, kek, 'AES-KW'));
  const point = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));

  // originatorKey [1] IMPLICIT OriginatorPublicKey { id-ecPublicKey (no parameters, as OpenSSL), BIT STRING point }
  const bitString = primitive(0x03, concat0(point));
  const originator = node(0xa0, node(0xa1, node(TAG.sequence, oidDer(OID.ecPublicKey)), bitString));
  const keyEncryptionAlgorithm = node(TAG.sequence, oidDer(scheme), node(TAG.sequence, oidDer(wrapOid)));
  const recipientEncryptedKeys = node(TAG.sequence, node(TAG.sequence, issuerAndSerial(cert), primitive(TAG.octetString, wrapped)));
  const kari = node(TAG.sequence, smallInteger(3), originator, keyEncryptionAlgorithm, recipientEncryptedKeys);
  // [1] IMPLICIT KeyAgreeRecipientInfo inside the RecipientInfo CHOICE.
  const der = encodeDer(kari);
  der[0] = 0xa1;
  return { der, version: 3 };
}

/** BIT STRING content: a zero "unused bits" octet, then the bytes. */
function concat0(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes, 1);
  return out;
}

/**
 * @param cek the raw content-encryption key (RSA encrypts these bytes)
 * @param cekKey the same key as an extractable CryptoKey (AES-KW wraps it)
 */
export async function buildRecipientInfo(
  cert: pkijs.Certificate,
  cek: Uint8Array,
  cekKey: CryptoKey,
  transport: KeyTransport,
): Promise<BuiltRecipientInfo> {
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg === OID.rsaEncryption) return keyTransRecipient(cert, cek, transport);
  if (alg === OID.ecPublicKey) return keyAgreeRecipient(cert, cekKey, cek.length);
  if (alg === OID.rsassaPss) throw new UnsupportedAlgorithmError('An RSA-PSS certificate cannot be used for encryption');
  throw new UnsupportedAlgorithmError(`Cannot encrypt to a ${alg} key`);
}

/**
 * Finds the RecipientInfo meant for one of our keys and recovers the content-encryption
 * key as a non-extractable CryptoKey. Only the first matching RecipientInfo is opened
 * (no trial decryption across recipients). RSA failures never surface here: a failed or
 * wrong-length PKCS#1 result is replaced by a stable pseudo-random key, so the message
 * fails later, in content decryption, exactly like a wrong key would.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, concatBytes, toArrayBuffer, toHex, utf8Encode } from '../bytes';
import { DecryptionError, LimitExceededError, MalformedInputError, NoMatchingKeyError, UnsupportedAlgorithmError } from '../errors';
import type { PrivateKeyHandle, RsaPadding } from '../keys';
import { digestNameFromOid, OID, type DigestName } from '../oids';
import { subjectKeyIdHex } from '../pki/extensions';
import type { ContentAlgorithm } from './content-cipher';
import { CEK_USAGES, importContentKey } from './content-cipher';
import { deriveKek, kdfHashForScheme, wrapKeyBytes } from './ecdh';

export interface DecryptionKey {
  certificate: pkijs.Certificate;
  key: PrivateKeyHandle;
}

export interface OpenedRecipient {
  cek: CryptoKey;
  /** e.g. "RSAES-PKCS1-v1_5", "RSAES-OAEP (SHA-256)", "ECDH (stdDH, SHA-256 KDF, AES-256-KW)". */
  keyAlgorithm: string;
}

/** Bounds the work an attacker can cause with thousands of RecipientInfos. */
export const MAX_RECIPIENT_INFOS = 1024;

const P_SPECIFIED = '1.2.840.113549.1.1.9';

function matchesIssuerSerial(ias: pkijs.IssuerAndSerialNumber, cert: pkijs.Certificate): boolean {
  return (
    bytesEqual(ias.serialNumber.valueBlock.valueHexView, cert.serialNumber.valueBlock.valueHexView) &&
    ias.issuer.isEqual(cert.issuer)
  );
}

function matchesSki(ski: Uint8Array, cert: pkijs.Certificate): boolean {
  return subjectKeyIdHex(cert) === toHex(ski);
}

function matchesKtri(rid: pkijs.KeyTransRecipientInfo['rid'], cert: pkijs.Certificate): boolean {
  if (rid instanceof pkijs.IssuerAndSerialNumber) return matchesIssuerSerial(rid, cert);
  if (rid instanceof asn1js.OctetString) return matchesSki(rid.valueBlock.valueHexView, cert);
  return false;
}

function matchesKari(rid: pkijs.KeyAgreeRecipientIdentifier, cert: pkijs.Certificate): boolean {
  if (rid.variant === 1 && rid.value instanceof pkijs.IssuerAndSerialNumber) return matchesIssuerSerial(rid.value, cert);
  if (rid.variant === 2 && rid.value instanceof pkijs.RecipientKeyIdentifier) {
    return matchesSki(rid.value.subjectKeyIdentifier.valueBlock.valueHexView, cert);
  }
  return false;
}

// Stable per process: the same bad ciphertext always yields the same substitute key.
let fallbackSecret: Promise<CryptoKey> | undefined;
async function substituteKey(encryptedKey: Uint8Array, length: number): Promise<Uint8Array> {
  fallbackSecret ??= crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) as Promise<CryptoKey>;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await fallbackSecret, toArrayBuffer(concatBytes(utf8Encode('cek'), encryptedKey))));
  return mac.slice(0, length);
}

function digestOf(alg: pkijs.AlgorithmIdentifier | undefined, what: string): DigestName {
  if (!alg) return 'SHA-1';
  const name = digestNameFromOid(alg.algorithmId);
  if (!name) throw new UnsupportedAlgorithmError(`RSA-OAEP ${what} ${alg.algorithmId} is not supported`);
  return name;
}

/** RSAES-OAEP-params (RFC 4055): absent fields default to SHA-1, MGF1-SHA-1, empty label. */
/** pkijs throws a plain Error on a schema mismatch; found by fuzzing (test/fuzz/regressions/decrypt). */
function algorithmIdentifier(schema: unknown, what: string): pkijs.AlgorithmIdentifier {
  try {
    return new pkijs.AlgorithmIdentifier({ schema });
  } catch (err) {
    throw new MalformedInputError(`${what} is malformed: ${(err as Error).message}`);
  }
}

export function oaepPadding(params: unknown): Extract<RsaPadding, { scheme: 'oaep' }> {
  if (params === undefined || params instanceof asn1js.Null) return { scheme: 'oaep', hash: 'SHA-1', mgfHash: 'SHA-1' };
  if (!(params instanceof asn1js.Sequence)) throw new MalformedInputError('RSA-OAEP parameters are malformed');
  let parsed: pkijs.RSAESOAEPParams;
  try {
    parsed = new pkijs.RSAESOAEPParams({ schema: params });
  } catch (err) {
    throw new MalformedInputError(`RSA-OAEP parameters are malformed: ${(err as Error).message}`);
  }
  const hash = digestOf(parsed.hashAlgorithm, 'hash');
  if (parsed.maskGenAlgorithm.algorithmId !== OID.mgf1) {
    throw new UnsupportedAlgorithmError(`RSA-OAEP mask generation ${parsed.maskGenAlgorithm.algorithmId} is not supported`);
  }
  const mgfParams = parsed.maskGenAlgorithm.algorithmParams;
  const mgfHash = mgfParams ? digestOf(algorithmIdentifier(mgfParams, 'RSA-OAEP MGF1 hash'), 'MGF1 hash') : 'SHA-1';
  const padding: Extract<RsaPadding, { scheme: 'oaep' }> = { scheme: 'oaep', hash, mgfHash };
  // pkijs fills an absent pSourceFunc with a non-empty default, so read the [2] field ourselves.
  const pSource = params.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 2);
  if (pSource) {
    const source = parsed.pSourceAlgorithm;
    if (source.algorithmId !== P_SPECIFIED) throw new UnsupportedAlgorithmError(`RSA-OAEP label source ${source.algorithmId} is not supported`);
    const label = source.algorithmParams;
    if (label instanceof asn1js.OctetString && label.valueBlock.valueHexView.length > 0) padding.label = label.valueBlock.valueHexView.slice();
  }
  return padding;
}

function oaepLabel(p: Extract<RsaPadding, { scheme: 'oaep' }>): string {
  return p.mgfHash === p.hash ? `RSAES-OAEP (${p.hash})` : `RSAES-OAEP (${p.hash}, MGF1-${p.mgfHash})`;
}

async function openKeyTrans(ktri: pkijs.KeyTransRecipientInfo, key: PrivateKeyHandle, alg: ContentAlgorithm): Promise<OpenedRecipient> {
  const kea = ktri.keyEncryptionAlgorithm;
  const encryptedKey = ktri.encryptedKey.valueBlock.valueHexView;
  if (key.keyType !== 'RSA') throw new NoMatchingKeyError('The matching certificate has no RSA key for this key transport');
  if (kea.algorithmId === OID.rsaEncryption) {
    let raw: Uint8Array;
    try {
      raw = await key.rsaDecrypt(encryptedKey, { scheme: 'pkcs1v15', expectedLength: alg.keyBytes });
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      raw = await substituteKey(encryptedKey, alg.keyBytes);
    }
    // A conforming block with the wrong length is an oracle too (threat checklist E.40).
    if (raw.length !== alg.keyBytes) {
      raw.fill(0);
      raw = await substituteKey(encryptedKey, alg.keyBytes);
    }
    const cek = await importContentKey(alg, raw, CEK_USAGES);
    raw.fill(0);
    return { cek, keyAlgorithm: 'RSAES-PKCS1-v1_5' };
  }
  if (kea.algorithmId === OID.rsaesOaep) {
    const padding = oaepPadding(kea.algorithmParams);
    // OAEP has no Bleichenbacher oracle in WebCrypto's implementation; fail directly.
    const raw = await key.rsaDecrypt(encryptedKey, padding);
    try {
      return { cek: await importContentKey(alg, raw, CEK_USAGES), keyAlgorithm: oaepLabel(padding) };
    } finally {
      raw.fill(0);
    }
  }
  throw new UnsupportedAlgorithmError(`unsupported key-transport algorithm ${kea.algorithmId}`);
}

async function openKeyAgree(
  kari: pkijs.KeyAgreeRecipientInfo,
  encryptedKey: Uint8Array,
  key: PrivateKeyHandle,
  alg: ContentAlgorithm,
): Promise<OpenedRecipient> {
  if (key.keyType !== 'EC' || !key.namedCurve) throw new NoMatchingKeyError('The matching certificate has no EC key for key agreement');
  const schemeOid = kari.keyEncryptionAlgorithm.algorithmId;
  const hash = kdfHashForScheme(schemeOid);
  const wrapParams = kari.keyEncryptionAlgorithm.algorithmParams;
  if (!(wrapParams instanceof asn1js.Sequence)) throw new MalformedInputError('ECDH key-wrap algorithm is missing');
  const wrapOid = algorithmIdentifier(wrapParams, 'ECDH key-wrap algorithm').algorithmId;
  const kekBytes = wrapKeyBytes(wrapOid);

  if (kari.originator.variant !== 3 || !(kari.originator.value instanceof pkijs.OriginatorPublicKey)) {
    throw new UnsupportedAlgorithmError('Static-static ECDH (originator identified by certificate) is not supported');
  }
  const originatorKey = kari.originator.value;
  if (originatorKey.algorithm.algorithmId !== OID.ecPublicKey) {
    throw new UnsupportedAlgorithmError(`Originator key type ${originatorKey.algorithm.algorithmId} is not supported`);
  }
  const point = originatorKey.publicKey.valueBlock.valueHexView;
  let peer: CryptoKey;
  try {
    peer = await crypto.subtle.importKey('raw', toArrayBuffer(point), { name: 'ECDH', namedCurve: key.namedCurve }, false, []);
  } catch {
    throw new MalformedInputError('The originator public key is not a valid point on our curve');
  }
  const ukm = kari.ukm?.valueBlock.valueHexView;
  const z = await key.ecdh(peer);
  const kek = await deriveKek(z, schemeOid, wrapOid, ukm, 'unwrapKey');
  z.fill(0);
  let cek: CryptoKey;
  try {
    cek = await crypto.subtle.unwrapKey('raw', toArrayBuffer(encryptedKey), kek, 'AES-KW', { name: alg.mode }, false, CEK_USAGES);
  } catch {
    throw new DecryptionError();
  }
  if ((cek.algorithm as AesKeyAlgorithm).length !== alg.keyBytes * 8) throw new DecryptionError();
  return { cek, keyAlgorithm: `ECDH (stdDH, ${hash} KDF, AES-${kekBytes * 8}-KW)` };
}

/** Opens the first RecipientInfo that names one of our certificates. */
export async function openRecipient(infos: pkijs.RecipientInfo[], keys: DecryptionKey[], alg: ContentAlgorithm): Promise<OpenedRecipient> {
  if (infos.length > MAX_RECIPIENT_INFOS) throw new LimitExceededError(`Message has more than ${MAX_RECIPIENT_INFOS} recipients`);
  for (const info of infos) {
    for (const { certificate, key } of keys) {
      if (info.variant === 1 && info.value instanceof pkijs.KeyTransRecipientInfo) {
        if (matchesKtri(info.value.rid, certificate)) return openKeyTrans(info.value, key, alg);
      } else if (info.variant === 2 && info.value instanceof pkijs.KeyAgreeRecipientInfo) {
        const kari = info.value;
        const rek = kari.recipientEncryptedKeys.encryptedKeys.find((k) => matchesKari(k.rid, certificate));
        if (rek) return openKeyAgree(kari, rek.encryptedKey.valueBlock.valueHexView, key, alg);
      }
    }
  }
  throw new NoMatchingKeyError();
}

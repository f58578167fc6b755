/**
 * Private-key operations behind one interface, so CMS code never touches key bytes and the
 * keystore can keep keys as non-extractable CryptoKeys (or wrapped PKCS#8 for the one
 * operation WebCrypto lacks, RSAES-PKCS1-v1_5 decryption).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parsePkiObject } from './asn1';
import { toArrayBuffer } from './bytes';
import { DecryptionError, UnsupportedAlgorithmError, MalformedInputError } from './errors';
import { OID, type DigestName } from './oids';
import { rsaPkcs1v15Decrypt } from './crypto/rsa-pkcs1';
import { rsaOaepDecrypt } from './crypto/rsa-oaep';

export type NamedCurve = 'P-256' | 'P-384' | 'P-521';
export type KeyType = 'RSA' | 'EC';

export type SignatureScheme =
  | { scheme: 'rsa-pkcs1'; hash: DigestName }
  | { scheme: 'rsa-pss'; hash: DigestName; saltLength: number }
  | { scheme: 'ecdsa'; hash: DigestName };

export type RsaPadding =
  /**
   * expectedLength: the content-key length the caller expects. When given, a malformed block
   * yields a deterministic pseudo-random key of that length instead of an error (implicit
   * rejection), so a padding failure is indistinguishable from a wrong key.
   */
  | { scheme: 'pkcs1v15'; expectedLength?: number }
  | { scheme: 'oaep'; hash: DigestName; mgfHash: DigestName; label?: Uint8Array };

export interface PrivateKeyHandle {
  readonly keyType: KeyType;
  readonly namedCurve?: NamedCurve;
  /** RSA modulus length in bits, or the curve size for EC. */
  readonly bits: number;
  /** Signature in CMS encoding (ECDSA: DER ECDSA-Sig-Value). */
  sign(data: Uint8Array, scheme: SignatureScheme): Promise<Uint8Array>;
  /** RSA key transport: recovers a content-encryption key. Throws DecryptionError uniformly. */
  rsaDecrypt(encryptedKey: Uint8Array, padding: RsaPadding): Promise<Uint8Array>;
  /** EC key agreement: the raw shared secret Z with the peer's public key. */
  ecdh(peerPublicKey: CryptoKey): Promise<Uint8Array>;
}

const CURVE_BY_OID: Record<string, NamedCurve> = {
  [OID.p256]: 'P-256',
  [OID.p384]: 'P-384',
  [OID.p521]: 'P-521',
};

export function curveFromOid(oid: string): NamedCurve | undefined {
  return CURVE_BY_OID[oid];
}

export const CURVE_BITS: Record<NamedCurve, number> = { 'P-256': 256, 'P-384': 384, 'P-521': 521 };

/**
 * A key handle over PKCS#8 bytes held in memory (CLI, tests). Each WebCrypto key is
 * imported non-extractable on first use; the PKCS#8 copy is kept only for PKCS#1 v1.5.
 */
export async function privateKeyFromPkcs8(pkcs8: Uint8Array): Promise<PrivateKeyHandle> {
  const info = parsePkiObject(pkijs.PrivateKeyInfo, pkcs8, 'private key');
  const algorithm = info.privateKeyAlgorithm.algorithmId;
  const bytes = pkcs8.slice();
  const imported = new Map<string, Promise<CryptoKey>>();
  const importOnce = (id: string, alg: RsaHashedImportParams | EcKeyImportParams, usages: KeyUsage[]) => {
    let key = imported.get(id);
    if (!key) {
      key = crypto.subtle.importKey('pkcs8', toArrayBuffer(bytes), alg, false, usages);
      imported.set(id, key);
    }
    return key;
  };

  if (algorithm === OID.rsaEncryption || algorithm === OID.rsassaPss) {
    const rsaKey = info.parsedKey as pkijs.RSAPrivateKey | undefined;
    const modulus = rsaKey?.modulus?.valueBlock.valueHexView;
    if (!modulus) throw new MalformedInputError('RSA private key has no modulus');
    let bits = modulus.length * 8;
    for (let i = 0; i < modulus.length && modulus[i] === 0; i++) bits -= 8;
    if (modulus[0] !== 0) bits -= Math.clz32(modulus[0]) - 24;
    return {
      keyType: 'RSA',
      bits,
      async sign(data, scheme) {
        if (scheme.scheme === 'rsa-pkcs1') {
          const key = await importOnce(`pkcs1-${scheme.hash}`, { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash }, ['sign']);
          return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, toArrayBuffer(data)));
        }
        if (scheme.scheme === 'rsa-pss') {
          const key = await importOnce(`pss-${scheme.hash}`, { name: 'RSA-PSS', hash: scheme.hash }, ['sign']);
          return new Uint8Array(
            await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: scheme.saltLength }, key, toArrayBuffer(data)),
          );
        }
        throw new UnsupportedAlgorithmError(`An RSA key cannot sign with ${scheme.scheme}`);
      },
      async rsaDecrypt(encryptedKey, padding) {
        if (padding.scheme === 'pkcs1v15') return rsaPkcs1v15Decrypt(bytes, encryptedKey, padding.expectedLength);
        // WebCrypto ties MGF1 to the OAEP hash; OpenSSL's rsa_oaep_md:sha256 keeps MGF1-SHA-1.
        if (padding.hash !== padding.mgfHash) return rsaOaepDecrypt(bytes, encryptedKey, padding);
        const key = await importOnce(`oaep-${padding.hash}`, { name: 'RSA-OAEP', hash: padding.hash }, ['decrypt']);
        const params: RsaOaepParams = { name: 'RSA-OAEP' };
        if (padding.label) params.label = toArrayBuffer(padding.label);
        try {
          return new Uint8Array(await crypto.subtle.decrypt(params, key, toArrayBuffer(encryptedKey)));
        } catch {
          throw new DecryptionError();
        }
      },
      async ecdh() {
        throw new UnsupportedAlgorithmError('An RSA key cannot do key agreement');
      },
    };
  }

  if (algorithm === OID.ecPublicKey) {
    const params = info.privateKeyAlgorithm.algorithmParams;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    const namedCurve = curveFromOid(curveOid);
    if (!namedCurve) throw new UnsupportedAlgorithmError(`Unsupported EC curve ${curveOid || '(unnamed)'}`);
    return {
      keyType: 'EC',
      namedCurve,
      bits: CURVE_BITS[namedCurve],
      async sign(data, scheme) {
        if (scheme.scheme !== 'ecdsa') throw new UnsupportedAlgorithmError(`An EC key cannot sign with ${scheme.scheme}`);
        const key = await importOnce('ecdsa', { name: 'ECDSA', namedCurve }, ['sign']);
        const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: scheme.hash }, key, toArrayBuffer(data)));
        return ecdsaRawToDer(raw);
      },
      async rsaDecrypt() {
        throw new UnsupportedAlgorithmError('An EC key cannot do RSA key transport');
      },
      async ecdh(peerPublicKey) {
        const key = await importOnce('ecdh', { name: 'ECDH', namedCurve }, ['deriveBits']);
        return new Uint8Array(
          // Whole bytes: asking for 521 bits would zero the low bits of P-521's last byte.
          await crypto.subtle.deriveBits({ name: 'ECDH', public: peerPublicKey }, key, Math.ceil(CURVE_BITS[namedCurve] / 8) * 8),
        );
      },
    };
  }

  throw new UnsupportedAlgorithmError(`Unsupported private key algorithm ${algorithm}`);
}

/** WebCrypto returns r||s; CMS and X.509 carry ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    let v = bytes.subarray(start);
    if (v[0] & 0x80) v = Uint8Array.of(0, ...v);
    return new asn1js.Integer({ valueHex: v.slice().buffer });
  };
  const seq = new asn1js.Sequence({ value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))] });
  return new Uint8Array(seq.toBER(false));
}


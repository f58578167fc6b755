/**
 * Private-key operations behind one interface, so CMS code never touches key bytes and the
 * keystore can keep keys as non-extractable CryptoKeys (or wrapped PKCS#8 for the one
 * operation WebCrypto lacks, RSAES-PKCS1-v1_5 decryption).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parsePkiObject } from './asn1';
import { bufferSource, toArrayBuffer } from './bytes';
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

/** Where a key handle gets its key material; the keystore and in-memory keys differ only here. */
export interface KeyMaterial {
  keyType: KeyType;
  namedCurve?: NamedCurve;
  bits: number;
  /** A non-extractable CryptoKey for one usage (see keyUsage), imported or loaded once. */
  cryptoKey(usageId: string): Promise<CryptoKey>;
  /** Runs `op` over the PKCS#8 bytes (for what WebCrypto lacks) and zeroes any copy it made. */
  withPkcs8<T>(op: (pkcs8: Uint8Array) => Promise<T>): Promise<T>;
}

/** The WebCrypto import parameters behind a usage id: pkcs1-<hash>, pss-<hash>, oaep-<hash>, ecdsa, ecdh. */
export function keyUsage(usageId: string, namedCurve?: NamedCurve): { alg: RsaHashedImportParams | EcKeyImportParams; usages: KeyUsage[] } {
  const [kind, hash] = usageId.split(/-(.*)/s);
  if (kind === 'pkcs1') return { alg: { name: 'RSASSA-PKCS1-v1_5', hash }, usages: ['sign'] };
  if (kind === 'pss') return { alg: { name: 'RSA-PSS', hash }, usages: ['sign'] };
  if (kind === 'oaep') return { alg: { name: 'RSA-OAEP', hash }, usages: ['decrypt'] };
  if (!namedCurve) throw new UnsupportedAlgorithmError(`Unknown key usage ${usageId}`);
  if (kind === 'ecdsa') return { alg: { name: 'ECDSA', namedCurve }, usages: ['sign'] };
  if (kind === 'ecdh') return { alg: { name: 'ECDH', namedCurve }, usages: ['deriveBits'] };
  throw new UnsupportedAlgorithmError(`Unknown key usage ${usageId}`);
}

/** The one PrivateKeyHandle implementation, over any source of key material. */
export function keyHandle(material: KeyMaterial): PrivateKeyHandle {
  const { keyType, namedCurve } = material;
  const handle: PrivateKeyHandle = {
    keyType,
    bits: material.bits,
    async sign(data, scheme) {
      if (keyType === 'RSA' && scheme.scheme === 'rsa-pkcs1') {
        const key = await material.cryptoKey(`pkcs1-${scheme.hash}`);
        return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, bufferSource(data)));
      }
      if (keyType === 'RSA' && scheme.scheme === 'rsa-pss') {
        const key = await material.cryptoKey(`pss-${scheme.hash}`);
        return new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: scheme.saltLength }, key, bufferSource(data)));
      }
      if (keyType === 'EC' && scheme.scheme === 'ecdsa') {
        const key = await material.cryptoKey('ecdsa');
        return ecdsaRawToDer(new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: scheme.hash }, key, bufferSource(data))));
      }
      throw new UnsupportedAlgorithmError(`A ${keyType} key cannot sign with ${scheme.scheme}`);
    },
    async rsaDecrypt(encryptedKey, padding) {
      if (keyType !== 'RSA') throw new UnsupportedAlgorithmError('An EC key cannot do RSA key transport');
      if (padding.scheme === 'pkcs1v15') {
        return material.withPkcs8((pkcs8) => rsaPkcs1v15Decrypt(pkcs8, encryptedKey, padding.expectedLength));
      }
      // WebCrypto ties MGF1 to the OAEP hash; OpenSSL's rsa_oaep_md:sha256 keeps MGF1-SHA-1.
      if (padding.hash !== padding.mgfHash) return material.withPkcs8((pkcs8) => rsaOaepDecrypt(pkcs8, encryptedKey, padding));
      const key = await material.cryptoKey(`oaep-${padding.hash}`);
      const params: RsaOaepParams = { name: 'RSA-OAEP' };
      if (padding.label) params.label = bufferSource(padding.label);
      try {
        return new Uint8Array(await crypto.subtle.decrypt(params, key, bufferSource(encryptedKey)));
      } catch {
        throw new DecryptionError();
      }
    },
    async ecdh(peerPublicKey) {
      if (keyType !== 'EC' || !namedCurve) throw new UnsupportedAlgorithmError('An RSA key cannot do key agreement');
      const key = await material.cryptoKey('ecdh');
      // Whole bytes: asking for 521 bits would zero the low bits of P-521's last byte.
      const bits = Math.ceil(CURVE_BITS[namedCurve] / 8) * 8;
      return new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: peerPublicKey }, key, bits));
    },
  };
  return namedCurve ? { ...handle, namedCurve } : handle;
}

/**
 * A key handle over PKCS#8 bytes held in memory (CLI, tests). Each WebCrypto key is
 * imported non-extractable on first use; the PKCS#8 copy is kept for what WebCrypto lacks.
 */
export async function privateKeyFromPkcs8(pkcs8: Uint8Array): Promise<PrivateKeyHandle> {
  const info = parsePkiObject(pkijs.PrivateKeyInfo, pkcs8, 'private key');
  const algorithm = info.privateKeyAlgorithm.algorithmId;
  const bytes = pkcs8.slice();
  let keyType: KeyType;
  let namedCurve: NamedCurve | undefined;
  let bits: number;
  if (algorithm === OID.rsaEncryption || algorithm === OID.rsassaPss) {
    const modulus = (info.parsedKey as pkijs.RSAPrivateKey | undefined)?.modulus?.valueBlock.valueHexView;
    if (!modulus) throw new MalformedInputError('RSA private key has no modulus');
    keyType = 'RSA';
    bits = bitLength(modulus);
  } else if (algorithm === OID.ecPublicKey) {
    const params = info.privateKeyAlgorithm.algorithmParams;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    namedCurve = curveFromOid(curveOid);
    if (!namedCurve) throw new UnsupportedAlgorithmError(`Unsupported EC curve ${curveOid || '(unnamed)'}`);
    keyType = 'EC';
    bits = CURVE_BITS[namedCurve];
  } else {
    throw new UnsupportedAlgorithmError(`Unsupported private key algorithm ${algorithm}`);
  }
  const imported = new Map<string, Promise<CryptoKey>>();
  return keyHandle({
    keyType,
    namedCurve,
    bits,
    cryptoKey(usageId) {
      let key = imported.get(usageId);
      if (!key) {
        const { alg, usages } = keyUsage(usageId, namedCurve);
        key = crypto.subtle.importKey('pkcs8', toArrayBuffer(bytes), alg, false, usages);
        imported.set(usageId, key);
      }
      return key;
    },
    withPkcs8: (op) => op(bytes),
  });
}

function bitLength(unsigned: Uint8Array): number {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  return (unsigned.length - i) * 8 - (Math.clz32(unsigned[i]) - 24);
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


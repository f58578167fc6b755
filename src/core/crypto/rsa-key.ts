/** RSA key material as BigInts, parsed from PKCS#8 (private) or SPKI / certificate (public). */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer, parsePkiObject } from '../asn1';
import { MalformedInputError, UnsupportedAlgorithmError } from '../errors';
import { OID } from '../oids';
import { bytesToBigInt } from './bigint';

export interface RsaPublicKey {
  n: bigint;
  e: bigint;
  /** Modulus length in bytes (k in RFC 8017). */
  k: number;
}

export interface RsaPrivateKey extends RsaPublicKey {
  d: bigint;
  p: bigint;
  q: bigint;
  dP: bigint;
  dQ: bigint;
  qInv: bigint;
}

function intValue(value: asn1js.Integer | undefined, what: string): bigint {
  if (!(value instanceof asn1js.Integer)) throw new MalformedInputError(`RSA key is missing ${what}`);
  return bytesToBigInt(value.valueBlock.valueHexView);
}

function byteLength(n: bigint): number {
  return Math.ceil(n.toString(16).length / 2);
}

// privateKeyFromPkcs8 hands us the same buffer for every operation; parse it once.
const privateCache = new WeakMap<Uint8Array, RsaPrivateKey>();

export function rsaPrivateKeyFromPkcs8(pkcs8: Uint8Array): RsaPrivateKey {
  const cached = privateCache.get(pkcs8);
  if (cached) return cached;
  const info = parsePkiObject(pkijs.PrivateKeyInfo, pkcs8, 'RSA private key');
  const alg = info.privateKeyAlgorithm.algorithmId;
  if (alg !== OID.rsaEncryption && alg !== OID.rsassaPss) {
    throw new UnsupportedAlgorithmError(`Not an RSA private key (${alg})`);
  }
  const key = info.parsedKey as pkijs.RSAPrivateKey | undefined;
  if (!key) throw new MalformedInputError('RSA private key cannot be parsed');
  const n = intValue(key.modulus, 'the modulus');
  const parsed: RsaPrivateKey = {
    n,
    e: intValue(key.publicExponent, 'the public exponent'),
    k: byteLength(n),
    d: intValue(key.privateExponent, 'the private exponent'),
    p: intValue(key.prime1, 'prime 1'),
    q: intValue(key.prime2, 'prime 2'),
    dP: intValue(key.exponent1, 'exponent 1'),
    dQ: intValue(key.exponent2, 'exponent 2'),
    qInv: intValue(key.coefficient, 'the coefficient'),
  };
  if (parsed.p * parsed.q !== n) throw new MalformedInputError('RSA private key is inconsistent (p*q != n)');
  privateCache.set(pkcs8, parsed);
  return parsed;
}

/** Accepts a certificate, a SubjectPublicKeyInfo object, or SPKI DER. */
export function rsaPublicKeyFrom(spkiOrCert: pkijs.Certificate | pkijs.PublicKeyInfo | Uint8Array): RsaPublicKey {
  const spki =
    spkiOrCert instanceof pkijs.Certificate
      ? spkiOrCert.subjectPublicKeyInfo
      : spkiOrCert instanceof pkijs.PublicKeyInfo
        ? spkiOrCert
        : parsePkiObject(pkijs.PublicKeyInfo, spkiOrCert, 'public key');
  if (spki.algorithm.algorithmId !== OID.rsaEncryption) {
    throw new UnsupportedAlgorithmError(`Not an RSA encryption key (${spki.algorithm.algorithmId})`);
  }
  const seq = parseBer(spki.subjectPublicKey.valueBlock.valueHexView, 'RSA public key');
  const parts = seq instanceof asn1js.Sequence ? seq.valueBlock.value : [];
  const n = intValue(parts[0] as asn1js.Integer, 'the modulus');
  const e = intValue(parts[1] as asn1js.Integer, 'the public exponent');
  if (n <= 0n || e <= 1n) throw new MalformedInputError('RSA public key has invalid parameters');
  return { n, e, k: byteLength(n) };
}

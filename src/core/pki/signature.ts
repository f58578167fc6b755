/**
 * Verifies the signature on a certificate or CRL with WebCrypto, and describes public
 * keys for the algorithm policy. Anything WebCrypto cannot check (DSA, MD5, unknown
 * OIDs, odd curves) throws UnsupportedAlgorithmError so the caller can fail that path.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer, toDer } from '../asn1';
import { concatBytes, toArrayBuffer } from '../bytes';
import { MalformedInputError, UnsupportedAlgorithmError } from '../errors';

type HashName = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const RSA_PKCS1: Record<string, HashName> = {
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.113549.1.1.14': 'SHA-224',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};
const ECDSA: Record<string, HashName> = {
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.1': 'SHA-224',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};
const HASH_OIDS: Record<string, HashName> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const CURVES: Record<string, { name: string; size: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};
const RSA_PSS = '1.2.840.113549.1.1.10';
const ED25519 = '1.3.101.112';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const WEAK_SIGNATURES = new Set(['1.2.840.113549.1.1.4', '1.2.840.113549.1.1.2', '1.2.840.113549.1.1.3']);
const DSA_SIGNATURES = new Set(['1.2.840.10040.4.3', '2.16.840.1.101.3.4.3.1', '2.16.840.1.101.3.4.3.2']);

export interface SignatureAlgorithmInfo {
  /** e.g. "sha256WithRSAEncryption"-like label for messages. */
  label: string;
  hash?: HashName;
  /** SHA-1 or MD5: refused unless the caller allows SHA-1. */
  weakHash: boolean;
}

/** Classifies a signature algorithm without verifying anything. */
export function describeSignatureAlgorithm(alg: pkijs.AlgorithmIdentifier): SignatureAlgorithmInfo {
  const oid = alg.algorithmId;
  if (RSA_PKCS1[oid]) return { label: `RSA PKCS#1 v1.5 with ${RSA_PKCS1[oid]}`, hash: RSA_PKCS1[oid], weakHash: RSA_PKCS1[oid] === 'SHA-1' };
  if (ECDSA[oid]) return { label: `ECDSA with ${ECDSA[oid]}`, hash: ECDSA[oid], weakHash: ECDSA[oid] === 'SHA-1' };
  if (oid === RSA_PSS) {
    const hash = pssParams(alg).hash;
    return { label: `RSA-PSS with ${hash}`, hash, weakHash: hash === 'SHA-1' };
  }
  if (oid === ED25519) return { label: 'Ed25519', weakHash: false };
  if (WEAK_SIGNATURES.has(oid)) return { label: `MD5/MD2 RSA (${oid})`, weakHash: true };
  if (DSA_SIGNATURES.has(oid)) return { label: `DSA (${oid})`, weakHash: oid === '1.2.840.10040.4.3' };
  return { label: oid, weakHash: false };
}

function pssParams(alg: pkijs.AlgorithmIdentifier): { hash: HashName; saltLength: number } {
  if (!alg.algorithmParams || alg.algorithmParams instanceof asn1js.Null) return { hash: 'SHA-1', saltLength: 20 };
  let params: pkijs.RSASSAPSSParams;
  try {
    params = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
  } catch (err) {
    throw new MalformedInputError(`RSA-PSS parameters are invalid: ${(err as Error).message}`);
  }
  const hash = HASH_OIDS[params.hashAlgorithm.algorithmId];
  if (!hash) throw new UnsupportedAlgorithmError(`RSA-PSS with hash ${params.hashAlgorithm.algorithmId} is not supported`);
  return { hash, saltLength: params.saltLength };
}

/** ECDSA-Sig-Value (DER SEQUENCE of r, s) to the fixed-width r||s WebCrypto expects. */
function ecdsaRaw(der: Uint8Array, size: number): Uint8Array {
  const node = parseBer(der, 'ECDSA signature');
  if (!(node instanceof asn1js.Sequence) || node.valueBlock.value.length !== 2) {
    throw new MalformedInputError('ECDSA signature is not a SEQUENCE of two INTEGERs');
  }
  const parts = node.valueBlock.value.map((v) => {
    if (!(v instanceof asn1js.Integer)) throw new MalformedInputError('ECDSA signature value is not an INTEGER');
    let bytes = new Uint8Array(v.valueBlock.valueHexView);
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > size) throw new MalformedInputError('ECDSA signature value is too long');
    const out = new Uint8Array(size);
    out.set(bytes, size - bytes.length);
    return out;
  });
  return concatBytes(parts[0], parts[1]);
}

function curveOf(spki: pkijs.PublicKeyInfo): { name: string; size: number } {
  const params = spki.algorithm.algorithmParams;
  const oid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
  const curve = CURVES[oid];
  if (!curve) throw new UnsupportedAlgorithmError(`elliptic curve ${oid || '(explicit parameters)'} is not supported`);
  return curve;
}

/**
 * Verifies `signature` over `tbs` with the issuer's public key. Returns false for a
 * signature that does not verify; throws UnsupportedAlgorithmError / MalformedInputError
 * when it cannot be checked at all.
 */
export async function verifySignature(
  tbs: Uint8Array,
  alg: pkijs.AlgorithmIdentifier,
  signature: Uint8Array,
  spki: pkijs.PublicKeyInfo,
): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  const oid = alg.algorithmId;
  const keyOid = spki.algorithm.algorithmId;
  const keyDer = toArrayBuffer(toDer(spki));
  let importAlg: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  let verifyAlg: Algorithm | RsaPssParams | EcdsaParams;
  let sig = signature;
  if (RSA_PKCS1[oid]) {
    if (keyOid !== RSA_ENCRYPTION) throw new MalformedInputError('an RSA signature needs an RSA issuer key');
    importAlg = { name: 'RSASSA-PKCS1-v1_5', hash: RSA_PKCS1[oid] };
    verifyAlg = { name: 'RSASSA-PKCS1-v1_5' };
  } else if (oid === RSA_PSS) {
    if (keyOid !== RSA_ENCRYPTION && keyOid !== RSA_PSS) throw new MalformedInputError('an RSA-PSS signature needs an RSA issuer key');
    const { hash, saltLength } = pssParams(alg);
    importAlg = { name: 'RSA-PSS', hash };
    verifyAlg = { name: 'RSA-PSS', saltLength } as RsaPssParams;
  } else if (ECDSA[oid]) {
    if (keyOid !== EC_PUBLIC_KEY) throw new MalformedInputError('an ECDSA signature needs an EC issuer key');
    const curve = curveOf(spki);
    importAlg = { name: 'ECDSA', namedCurve: curve.name };
    verifyAlg = { name: 'ECDSA', hash: ECDSA[oid] } as EcdsaParams;
    sig = ecdsaRaw(signature, curve.size);
  } else if (oid === ED25519) {
    if (keyOid !== ED25519) throw new MalformedInputError('an Ed25519 signature needs an Ed25519 issuer key');
    importAlg = { name: 'Ed25519' };
    verifyAlg = { name: 'Ed25519' };
  } else {
    throw new UnsupportedAlgorithmError(`signature algorithm ${describeSignatureAlgorithm(alg).label} is not supported`);
  }
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', keyDer, importAlg, false, ['verify']);
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'NotSupportedError') throw new UnsupportedAlgorithmError(`${importAlg.name} is not supported by this platform's WebCrypto`);
    throw new MalformedInputError(`issuer public key cannot be imported: ${(err as Error).message}`);
  }
  return subtle.verify(verifyAlg, key, toArrayBuffer(sig), toArrayBuffer(tbs));
}

export interface PublicKeyDescription {
  kind: 'rsa' | 'ec' | 'ed25519' | 'other';
  /** RSA modulus size in bits. */
  bits?: number;
  curve?: string;
}

export function describePublicKey(spki: pkijs.PublicKeyInfo): PublicKeyDescription {
  const oid = spki.algorithm.algorithmId;
  if (oid === RSA_ENCRYPTION || oid === RSA_PSS) {
    const node = parseBer(spki.subjectPublicKey.valueBlock.valueHexView, 'RSA public key');
    const modulus = node instanceof asn1js.Sequence ? node.valueBlock.value[0] : undefined;
    if (!(modulus instanceof asn1js.Integer)) throw new MalformedInputError('RSA public key has no modulus');
    let bytes = modulus.valueBlock.valueHexView;
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    const bits = (bytes.length - 1) * 8 + (bytes.length ? 32 - Math.clz32(bytes[0]) : 0);
    return { kind: 'rsa', bits };
  }
  if (oid === EC_PUBLIC_KEY) {
    const params = spki.algorithm.algorithmParams;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    return { kind: 'ec', curve: CURVES[curveOid]?.name ?? curveOid };
  }
  if (oid === ED25519) return { kind: 'ed25519' };
  return { kind: 'other' };
}

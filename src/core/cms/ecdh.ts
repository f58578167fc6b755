/**
 * RFC 5753 ephemeral-static ECDH (dhSinglePass-stdDH-*kdf-scheme) key agreement:
 * ECC-CMS-SharedInfo, the X9.63 KDF, and AES key wrap through WebCrypto. The shared
 * secret comes from PrivateKeyHandle.ecdh, so the private key never leaves its handle.
 */
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../bytes';
import { x963Kdf, type KdfHash } from '../crypto/kdf';
import { UnsupportedAlgorithmError } from '../errors';
import type { NamedCurve } from '../keys';
import { OID } from '../oids';
import { encodeDer, node, primitive, TAG } from './der-writer';

export const KDF_SCHEMES: Record<string, KdfHash> = {
  [OID.dhSinglePassStdDHsha1kdf]: 'SHA-1',
  [OID.dhSinglePassStdDHsha224kdf]: 'SHA-224',
  [OID.dhSinglePassStdDHsha256kdf]: 'SHA-256',
  [OID.dhSinglePassStdDHsha384kdf]: 'SHA-384',
  [OID.dhSinglePassStdDHsha512kdf]: 'SHA-512',
};

/** RFC 5753 pairs each curve with the hash of matching strength. */
export const KDF_SCHEME_FOR_CURVE: Record<NamedCurve, string> = {
  'P-256': OID.dhSinglePassStdDHsha256kdf,
  'P-384': OID.dhSinglePassStdDHsha384kdf,
  'P-521': OID.dhSinglePassStdDHsha512kdf,
};

export const WRAP_KEY_BYTES: Record<string, 16 | 24 | 32> = {
  [OID.aes128Wrap]: 16,
  [OID.aes192Wrap]: 24,
  [OID.aes256Wrap]: 32,
};

export const WRAP_FOR_KEY_BYTES: Record<number, string> = { 16: OID.aes128Wrap, 24: OID.aes192Wrap, 32: OID.aes256Wrap };

const COFACTOR_SCHEMES = new Set(['1.3.132.1.14.0', '1.3.132.1.14.1', '1.3.132.1.14.2', '1.3.132.1.14.3', '1.3.133.16.840.63.0.3']);

export function kdfHashForScheme(oid: string): KdfHash {
  const hash = KDF_SCHEMES[oid];
  if (hash) return hash;
  if (COFACTOR_SCHEMES.has(oid)) throw new UnsupportedAlgorithmError('ECDH cofactorDH key agreement is not supported');
  throw new UnsupportedAlgorithmError(`unsupported key-agreement algorithm ${oid}`);
}

export function wrapKeyBytes(oid: string): 16 | 24 | 32 {
  const bytes = WRAP_KEY_BYTES[oid];
  if (!bytes) throw new UnsupportedAlgorithmError(`unsupported key-wrap algorithm ${oid}`);
  return bytes;
}

/**
 * ECC-CMS-SharedInfo ::= SEQUENCE { keyInfo AlgorithmIdentifier, entityUInfo [0] EXPLICIT
 * OCTET STRING OPTIONAL, suppPubInfo [2] EXPLICIT OCTET STRING }. keyInfo is the wrap
 * algorithm with absent parameters. An absent ukm omits entityUInfo entirely (pkijs #335
 * encodes an empty one, which yields a different KEK than every other implementation).
 */
export function eccCmsSharedInfo(wrapOid: string, ukm: Uint8Array | undefined, kekBytes: number): Uint8Array {
  const oid = new Uint8Array(new asn1js.ObjectIdentifier({ value: wrapOid }).toBER(false));
  const bits = new Uint8Array(4);
  new DataView(bits.buffer).setUint32(0, kekBytes * 8);
  const parts = [node(TAG.sequence, oid)];
  if (ukm) parts.push(node(0xa0, primitive(TAG.octetString, ukm)));
  parts.push(node(0xa2, primitive(TAG.octetString, bits)));
  return encodeDer(node(TAG.sequence, ...parts));
}

/** Derives the AES-KW key-encryption key from the shared secret Z. */
export async function deriveKek(
  z: Uint8Array,
  schemeOid: string,
  wrapOid: string,
  ukm: Uint8Array | undefined,
  usage: 'wrapKey' | 'unwrapKey',
): Promise<CryptoKey> {
  const kekBytes = wrapKeyBytes(wrapOid);
  const raw = await x963Kdf(kdfHashForScheme(schemeOid), z, eccCmsSharedInfo(wrapOid, ukm, kekBytes), kekBytes);
  try {
    return await crypto.subtle.importKey('raw', toArrayBuffer(raw), { name: 'AES-KW' }, false, [usage]);
  } finally {
    raw.fill(0);
  }
}

/**
 * RSAES-OAEP decryption (RFC 8017 §7.1.2) in BigInt, for the parameter sets WebCrypto
 * cannot express: an MGF1 hash different from the OAEP hash (OpenSSL's
 * `-keyopt rsa_oaep_md:sha256` keeps MGF1-SHA-1). Same uniform-failure discipline as
 * rsa-pkcs1.ts: all checks fold into one flag and fail once with DecryptionError.
 */
import { concatBytes } from '../bytes';
import { DecryptionError } from '../errors';
import type { DigestName } from '../oids';
import { digest } from './kdf';
import { rsaPrivateKeyFromPkcs8 } from './rsa-key';
import { rsaPrivateRaw } from './rsa-raw';

const HASH_LEN: Record<DigestName, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

export interface OaepParams {
  hash: DigestName;
  mgfHash: DigestName;
  label?: Uint8Array;
}

async function mgf1(hash: DigestName, seed: Uint8Array, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  for (let counter = 0, offset = 0; offset < length; counter++) {
    const ctr = new Uint8Array(4);
    new DataView(ctr.buffer).setUint32(0, counter);
    const block = await digest(hash, concatBytes(seed, ctr));
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return out;
}

export async function rsaOaepDecrypt(pkcs8: Uint8Array, data: Uint8Array, params: OaepParams): Promise<Uint8Array> {
  const key = rsaPrivateKeyFromPkcs8(pkcs8);
  const hLen = HASH_LEN[params.hash];
  if (key.k < 2 * hLen + 2) throw new DecryptionError();
  const { em, ok } = rsaPrivateRaw(key, data);
  const lHash = await digest(params.hash, params.label ?? new Uint8Array(0));

  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seedMask = await mgf1(params.mgfHash, maskedDb, hLen);
  const seed = maskedSeed.map((b, i) => b ^ seedMask[i]);
  const dbMask = await mgf1(params.mgfHash, seed, maskedDb.length);
  const db = maskedDb.map((b, i) => b ^ dbMask[i]);

  let bad = em[0] | (ok ? 0 : 1);
  for (let i = 0; i < hLen; i++) bad |= db[i] ^ lHash[i];
  // After lHash: zero bytes, then 0x01, then the message; scan without data-dependent branches.
  let sep = 0;
  let looking = 1;
  for (let i = hLen; i < db.length; i++) {
    const isOne = (((db[i] ^ 1) | -(db[i] ^ 1)) >>> 31) ^ 1;
    const isZero = ((db[i] | -db[i]) >>> 31) ^ 1;
    const hit = looking & isOne;
    sep |= i & -hit;
    bad |= (looking & (isZero | isOne)) ^ looking; // a byte other than 0x00/0x01 before the separator
    looking &= hit ^ 1;
  }
  bad |= looking;
  em.fill(0);
  seed.fill(0);
  if (bad !== 0) {
    db.fill(0);
    throw new DecryptionError();
  }
  const out = db.slice(sep + 1);
  db.fill(0);
  return out;
}

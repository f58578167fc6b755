/**
 * RSAES-PKCS1-v1_5 (RFC 8017 §7.2), which WebCrypto lacks but NSS, gpgsm and Outlook need.
 *
 * Decryption is written against Bleichenbacher-style oracles: every failure (length, range,
 * padding, fault check) is folded into one flag and reported once, as the same
 * DecryptionError, after the same work. With `implicitRejectionLength` set, a failure does
 * not throw at all: a pseudo-random message of that length, derived from the private key
 * and the ciphertext (so it is stable for the same input), is returned instead, and the
 * failure only shows later as a content-decryption error. BigInt timing is not
 * constant-time (see rsa-raw.ts); the padding scan below at least avoids data-dependent
 * branches.
 */
import type * as pkijs from 'pkijs';
import { bytesToBigInt, bigIntToBytes, modPow } from './bigint';
import { randomBytes, toArrayBuffer, utf8Encode } from '../bytes';
import { BadInputError, DecryptionError } from '../errors';
import { rsaPrivateKeyFromPkcs8, rsaPublicKeyFrom, type RsaPrivateKey } from './rsa-key';
import { rsaPrivateRaw } from './rsa-raw';

/** PKCS#1 v1.5 needs at least 8 padding bytes plus 3 framing bytes. */
const MIN_PADDING = 8;

export async function rsaPkcs1v15Decrypt(
  pkcs8: Uint8Array,
  data: Uint8Array,
  implicitRejectionLength?: number,
): Promise<Uint8Array> {
  const key = rsaPrivateKeyFromPkcs8(pkcs8);
  const { em, ok } = rsaPrivateRaw(key, data);
  const k = em.length;

  // Branch-free scan: bad != 0 on any framing error; sep = index of the first zero after PS.
  let bad = em[0] | (em[1] ^ 0x02);
  let sep = 0;
  let looking = 1;
  for (let i = 2; i < k; i++) {
    const isZero = ((em[i] | -em[i]) >>> 31) ^ 1;
    const hit = looking & isZero;
    sep |= i & -hit;
    looking &= hit ^ 1;
  }
  bad |= looking; // no separator
  bad |= ((sep - (2 + MIN_PADDING)) >>> 31) & 1; // padding shorter than 8 bytes
  bad |= ok ? 0 : 1;
  const msgLen = k - sep - 1;

  if (implicitRejectionLength === undefined) {
    // One exit for every cause; the message slice happens only on success.
    if (bad !== 0) {
      em.fill(0);
      throw new DecryptionError();
    }
    const out = em.slice(sep + 1);
    em.fill(0);
    return out;
  }

  const want = implicitRejectionLength;
  const synthetic = await syntheticMessage(key, data, want);
  const wrongLength = msgLen === want ? 0 : 1;
  const useReal = ((bad | wrongLength) ^ 1) & 1;
  const mask = -useReal & 0xff;
  const out = new Uint8Array(want);
  // Reads the candidate window whatever the outcome (clamped into em) and selects by mask.
  const start = Math.max(0, Math.min(k - want, sep + 1));
  for (let i = 0; i < want; i++) out[i] = (em[start + i] & mask) | (synthetic[i] & ~mask & 0xff);
  em.fill(0);
  synthetic.fill(0);
  return out;
}

/** HMAC-SHA-256 keyed by a hash of the private exponent over the ciphertext (cf. OpenSSL 3.2's implicit rejection). */
async function syntheticMessage(key: RsaPrivateKey, data: Uint8Array, length: number): Promise<Uint8Array> {
  const dBytes = bigIntToBytes(key.d, key.k);
  const kdk = new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(dBytes)));
  dBytes.fill(0);
  const hmacKey = await crypto.subtle.importKey('raw', toArrayBuffer(kdk), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  kdk.fill(0);
  const out = new Uint8Array(length);
  const label = utf8Encode('cms implicit rejection');
  for (let counter = 0, offset = 0; offset < length; counter++, offset += 32) {
    const input = new Uint8Array(4 + label.length + data.length);
    new DataView(input.buffer).setUint32(0, counter);
    input.set(label, 4);
    input.set(data, 4 + label.length);
    const block = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, toArrayBuffer(input)));
    out.set(block.subarray(0, Math.min(32, length - offset)), offset);
  }
  return out;
}

/** RSAES-PKCS1-v1_5 encryption with random non-zero padding (RFC 8017 §7.2.1). */
export function rsaPkcs1v15Encrypt(
  spkiOrCert: pkijs.Certificate | pkijs.PublicKeyInfo | Uint8Array,
  data: Uint8Array,
): Uint8Array {
  const key = rsaPublicKeyFrom(spkiOrCert);
  const psLen = key.k - 3 - data.length;
  if (psLen < MIN_PADDING) throw new BadInputError('Message too long for RSA PKCS#1 v1.5 encryption with this key');
  const em = new Uint8Array(key.k);
  em[1] = 0x02;
  em.set(nonZeroRandom(psLen), 2);
  em.set(data, 3 + psLen);
  const c = modPow(bytesToBigInt(em), key.e, key.n);
  em.fill(0);
  return bigIntToBytes(c, key.k);
}

function nonZeroRandom(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    for (const b of randomBytes(length)) {
      if (b !== 0 && filled < length) out[filled++] = b;
    }
  }
  return out;
}

/**
 * The raw RSA private-key operation (RSADP) with CRT and base blinding.
 *
 * Residual risk: JS BigInt multiplication, modulo and toString are not constant-time, and
 * the engine may take shortcuts on small values. Blinding with a fresh random r per call
 * decorrelates the operands from the attacker's ciphertext, which defeats the classic
 * timing attacks on the exponentiation, but it is not a formal constant-time guarantee.
 */
import { bigIntToBytes, bytesToBigInt, modInverse, modPow, randomBelow } from './bigint';
import type { RsaPrivateKey } from './rsa-key';

export interface RawDecryption {
  /** k-byte encoded message; all-zero when `ok` is false. */
  em: Uint8Array;
  /** False when the input length or range was invalid or the result failed its check. */
  ok: boolean;
}

/**
 * Runs the private operation whatever the input; an invalid input is replaced by a dummy
 * value and reported through `ok`, so callers can fail on one code path at the end.
 */
export function rsaPrivateRaw(key: RsaPrivateKey, data: Uint8Array): RawDecryption {
  const c0 = bytesToBigInt(data);
  const inRange = data.length === key.k && c0 < key.n;
  const c = inRange ? c0 : 2n;

  let r = randomBelow(key.n);
  let rInv = modInverse(r, key.n);
  while (rInv === undefined) {
    r = randomBelow(key.n);
    rInv = modInverse(r, key.n);
  }
  const blinded = (c * modPow(r, key.e, key.n)) % key.n;

  const m1 = modPow(blinded % key.p, key.dP, key.p);
  const m2 = modPow(blinded % key.q, key.dQ, key.q);
  const h = (key.qInv * (((m1 - m2) % key.p) + key.p)) % key.p;
  const mBlinded = m2 + h * key.q;
  const m = (mBlinded * rInv) % key.n;

  // Guards against CRT faults (a wrong result would leak a factor of n).
  const consistent = modPow(m, key.e, key.n) === c;
  const ok = inRange && consistent;
  return { em: bigIntToBytes(ok ? m : 0n, key.k), ok };
}

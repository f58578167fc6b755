/**
 * BigInt helpers for the RSA operations WebCrypto does not offer. JS BigInt arithmetic is
 * not constant-time; callers add blinding so timing does not depend on the ciphertext.
 */
import { fromHex, randomBytes, toHex } from '../bytes';

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + toHex(bytes));
}

/** Big-endian, left-padded to `length` bytes (I2OSP). The caller guarantees n < 256^length. */
export function bigIntToBytes(n: bigint, length: number): Uint8Array {
  const hex = n.toString(16);
  return fromHex(hex.padStart(length * 2, '0').slice(-length * 2));
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** base^exp mod m with a fixed 4-bit window (the same multiply pattern for every exponent nibble). */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  const b = ((base % m) + m) % m;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push((table[i - 1] * b) % m);
  const hex = exp.toString(16);
  let result = 1n;
  for (let i = 0; i < hex.length; i++) {
    result = (result * result) % m;
    result = (result * result) % m;
    result = (result * result) % m;
    result = (result * result) % m;
    result = (result * table[parseInt(hex[i], 16)]) % m;
  }
  return result;
}

/** Inverse of a mod m, or undefined when gcd(a, m) != 1. */
export function modInverse(a: bigint, m: bigint): bigint | undefined {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) return undefined;
  return ((oldS % m) + m) % m;
}

/** Uniform enough random value in [2, n-2] (64 extra bits make the modulo bias negligible). */
export function randomBelow(n: bigint): bigint {
  const bytes = Math.ceil(bitLength(n) / 8) + 8;
  return (bytesToBigInt(randomBytes(bytes)) % (n - 3n)) + 2n;
}

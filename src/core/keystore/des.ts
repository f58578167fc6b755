/**
 * DES and two/three-key 3DES (FIPS 46-3, NIST SP 800-67), block operations only: legacy
 * PKCS#12 files still use 3DES and WebCrypto lacks it. Written for clarity over speed (bit
 * arrays); it only ever decrypts a few kilobytes of key and certificate bags.
 */
import { BadInputError } from '../errors';

// FIPS 46-3 tables, 1-based bit positions.
const IP = [58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7];
const FP = [40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31, 38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
  36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27, 34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25];
const E = [32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
  16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1];
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];
const PC1 = [57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4];
const PC2 = [14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
/** S1…S8: 4 rows of 16 entries each, one hex digit per entry. */
const S = [
  'e4d12fb83a6c59070f74e2d1a6cb953841e8d62bfc973a50fc8249175b3ea06d',
  'f18e6b34972dc05a3d47f28ec01a69b50e7ba4d158c6932fd8a13f42b67c05e9',
  'a09e63f51dc7b428d709346a285ecbf1d6498f30b12c5ae71ad069874fe3b52c',
  '7de3069a1285bc4fd8b56f03472c1ae9a690cb7df13e52843f06a1d8945bc72e',
  '2c417ab6853fd0e9eb2c47d150fa3986421bad78f9c5630eb8c71e2d6f09a453',
  'c1af92680d34e75baf427c9561de0b389ef528c3704a1db6432c95fabe17608d',
  '4b2ef08d3c975a61d0b7491ae35c2f8614bdc37eaf6805926bd814a7950fe23c',
  'd2846fb1a93e50c71fd8a374c56b0e927b419ce206adf35821e74a8dfc90356b',
].map((hex) => Array.from(hex, (c) => parseInt(c, 16)));

function permute(input: Uint8Array, table: number[]): Uint8Array {
  return Uint8Array.from(table, (pos) => input[pos - 1]);
}

function toBits(bytes: Uint8Array): Uint8Array {
  const bits = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < bits.length; i++) bits[i] = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return bits;
}

function fromBits(bits: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(bits.length / 8);
  for (let i = 0; i < bits.length; i++) bytes[i >> 3] |= bits[i] << (7 - (i & 7));
  return bytes;
}

function subkeys(key: Uint8Array): Uint8Array[] {
  const cd = permute(toBits(key), PC1);
  let c = Array.from(cd.subarray(0, 28));
  let d = Array.from(cd.subarray(28));
  return SHIFTS.map((n) => {
    c = [...c.slice(n), ...c.slice(0, n)];
    d = [...d.slice(n), ...d.slice(0, n)];
    return permute(Uint8Array.from([...c, ...d]), PC2);
  });
}

function feistel(r: Uint8Array, k: Uint8Array): Uint8Array {
  const x = permute(r, E).map((bit, i) => bit ^ k[i]);
  const out = new Uint8Array(32);
  for (let s = 0; s < 8; s++) {
    const b = x.subarray(s * 6, s * 6 + 6);
    const v = S[s][(b[0] * 2 + b[5]) * 16 + b[1] * 8 + b[2] * 4 + b[3] * 2 + b[4]];
    for (let j = 0; j < 4; j++) out[s * 4 + j] = (v >> (3 - j)) & 1;
  }
  return permute(out, P);
}

function desBlock(block: Uint8Array, keys: Uint8Array[]): Uint8Array {
  const bits = permute(toBits(block), IP);
  let l = bits.slice(0, 32);
  let r = bits.slice(32);
  for (const k of keys) {
    const f = feistel(r, k);
    [l, r] = [r, l.map((bit, i) => bit ^ f[i])];
  }
  return fromBits(permute(Uint8Array.from([...r, ...l]), FP));
}

export interface BlockCipher {
  readonly blockSize: number;
  encryptBlock(block: Uint8Array): Uint8Array;
  decryptBlock(block: Uint8Array): Uint8Array;
}

export function des(key: Uint8Array): BlockCipher {
  if (key.length !== 8) throw new BadInputError('A DES key is 8 bytes');
  const enc = subkeys(key);
  const dec = [...enc].reverse();
  return { blockSize: 8, encryptBlock: (b) => desBlock(b, enc), decryptBlock: (b) => desBlock(b, dec) };
}

/** EDE 3DES with a 24-byte key (K1 K2 K3) or 16-byte key (K1 K2, K3 = K1). */
export function tripleDes(key: Uint8Array): BlockCipher {
  if (key.length !== 16 && key.length !== 24) throw new BadInputError('A 3DES key is 16 or 24 bytes');
  const [k1, k2] = [des(key.subarray(0, 8)), des(key.subarray(8, 16))];
  const k3 = key.length === 24 ? des(key.subarray(16, 24)) : k1;
  return {
    blockSize: 8,
    encryptBlock: (b) => k3.encryptBlock(k2.decryptBlock(k1.encryptBlock(b))),
    decryptBlock: (b) => k1.decryptBlock(k2.encryptBlock(k3.decryptBlock(b))),
  };
}

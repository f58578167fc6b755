/**
 * RC2 (RFC 2268), block operations only: "-legacy" PKCS#12 files encrypt their certificate
 * bags with 40-bit RC2-CBC, and WebCrypto has no RC2.
 */
import { BadInputError } from '../errors';
import type { BlockCipher } from './des';

const PITABLE = Uint8Array.from(
  (
    'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32' +
    'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
    '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a' +
    '961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
    '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e' +
    'c5f3db47e5a59c770aa62068fe7fc1ad'
  ).match(/../g)!,
  (h) => parseInt(h, 16),
);
const SHIFTS = [1, 2, 3, 5];

/** RFC 2268 §2: 64 16-bit subkeys from a 1–128-byte key and the effective key length in bits. */
function expandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  const l = new Uint8Array(128);
  l.set(key);
  for (let i = key.length; i < 128; i++) l[i] = PITABLE[(l[i - 1] + l[i - key.length]) & 0xff];
  const t8 = Math.ceil(effectiveBits / 8);
  const tm = 0xff >> (8 * t8 - effectiveBits);
  l[128 - t8] = PITABLE[l[128 - t8] & tm];
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1] ^ l[i + t8]];
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = l[2 * i] | (l[2 * i + 1] << 8);
  l.fill(0);
  return k;
}

const words = (b: Uint8Array) => [0, 1, 2, 3].map((i) => b[2 * i] | (b[2 * i + 1] << 8));
const bytes = (r: number[]) => Uint8Array.from({ length: 8 }, (_, i) => (r[i >> 1] >> ((i & 1) * 8)) & 0xff);

function encrypt(k: Uint16Array, block: Uint8Array): Uint8Array {
  const r = words(block);
  let j = 0;
  const mix = () => {
    for (let i = 0; i < 4; i++) {
      const x = (r[i] + k[j++] + (r[(i + 3) & 3] & r[(i + 2) & 3]) + (~r[(i + 3) & 3] & r[(i + 1) & 3])) & 0xffff;
      r[i] = ((x << SHIFTS[i]) | (x >> (16 - SHIFTS[i]))) & 0xffff;
    }
  };
  const mash = () => {
    for (let i = 0; i < 4; i++) r[i] = (r[i] + k[r[(i + 3) & 3] & 63]) & 0xffff;
  };
  for (const rounds of [5, 6, 5]) {
    for (let n = 0; n < rounds; n++) mix();
    if (j < 64) mash();
  }
  return bytes(r);
}

function decrypt(k: Uint16Array, block: Uint8Array): Uint8Array {
  const r = words(block);
  let j = 63;
  const mix = () => {
    for (let i = 3; i >= 0; i--) {
      const x = ((r[i] >> SHIFTS[i]) | (r[i] << (16 - SHIFTS[i]))) & 0xffff;
      r[i] = (x - k[j--] - (r[(i + 3) & 3] & r[(i + 2) & 3]) - (~r[(i + 3) & 3] & r[(i + 1) & 3])) & 0xffff;
    }
  };
  const mash = () => {
    for (let i = 3; i >= 0; i--) r[i] = (r[i] - k[r[(i + 3) & 3] & 63]) & 0xffff;
  };
  for (const rounds of [5, 6, 5]) {
    for (let n = 0; n < rounds; n++) mix();
    if (j >= 0) mash();
  }
  return bytes(r);
}

export function rc2(key: Uint8Array, effectiveBits: number): BlockCipher {
  if (key.length < 1 || key.length > 128) throw new BadInputError('An RC2 key is 1 to 128 bytes');
  if (!Number.isInteger(effectiveBits) || effectiveBits < 1 || effectiveBits > 1024) throw new BadInputError('RC2 effective key bits must be 1 to 1024');
  const k = expandKey(key, effectiveBits);
  return { blockSize: 8, encryptBlock: (b) => encrypt(k, b), decryptBlock: (b) => decrypt(k, b) };
}

/**
 * The PKCS#12 key derivation function (RFC 7292 Appendix B.2), used for the PKCS#12 MAC
 * key and for the legacy PBES1 ciphers (3DES, RC2). WebCrypto does not offer it.
 */
import type { DigestName } from '../oids';
import { syncHash } from '../crypto/sha';

export const PKCS12_KDF_ID = { key: 1, iv: 2, mac: 3 } as const;

/** Password as BMPString (UTF-16BE) with a two-byte NUL terminator; '' gives two zero bytes. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[i * 2] = c >> 8;
    out[i * 2 + 1] = c & 0xff;
  }
  return out;
}

function repeatToBlocks(input: Uint8Array, v: number): Uint8Array {
  if (input.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(v * Math.ceil(input.length / v));
  for (let i = 0; i < out.length; i++) out[i] = input[i % input.length];
  return out;
}

export function pkcs12Kdf(
  hashName: DigestName,
  password: Uint8Array,
  salt: Uint8Array,
  id: number,
  iterations: number,
  length: number,
): Uint8Array {
  const hash = syncHash(hashName);
  const u = hash.outputLength;
  const v = hash.blockLength;
  const S = repeatToBlocks(salt, v);
  const P = repeatToBlocks(password, v);
  const I = new Uint8Array(S.length + P.length);
  I.set(S);
  I.set(P, S.length);
  const DI = new Uint8Array(v + I.length);
  DI.fill(id, 0, v);
  const out = new Uint8Array(Math.ceil(length / u) * u);
  const B = new Uint8Array(v);
  for (let block = 0; block * u < length; block++) {
    DI.set(I, v);
    let A = hash.digest(DI);
    for (let r = 1; r < iterations; r++) A = hash.digest(A);
    out.set(A, block * u);
    if ((block + 1) * u >= length) break;
    for (let i = 0; i < v; i++) B[i] = A[i % u];
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I.
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        carry += I[j + k] + B[k];
        I[j + k] = carry & 0xff;
        carry >>>= 8;
      }
    }
  }
  DI.fill(0);
  I.fill(0);
  P.fill(0);
  return out.slice(0, length);
}

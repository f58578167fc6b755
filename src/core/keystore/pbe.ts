/**
 * Password-based encryption as found in PKCS#12 files: PBES2 (PBKDF2 + AES/3DES-CBC,
 * RFC 8018) through WebCrypto, and the legacy PKCS#12 PBES1 schemes (3DES, RC2 with the
 * RFC 7292 KDF) through small local block ciphers (des.ts, rc2.ts), because WebCrypto has neither.
 */
import * as asn1js from 'asn1js';
import { randomBytes, toArrayBuffer, utf8Encode } from '../bytes';
import { MalformedInputError, UnsupportedAlgorithmError, WrongPasswordError } from '../errors';
import { OID, type DigestName } from '../oids';
import { children, octets, oidOf, smallInteger } from './asn1-helpers';
import { tripleDes, type BlockCipher } from './des';
import { rc2 } from './rc2';
import { bmpPassword, pkcs12Kdf, PKCS12_KDF_ID } from './pkcs12-kdf';

/** Refuse iteration counts that would let a hostile file burn minutes of CPU. */
export const MAX_ITERATIONS = 10_000_000;

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PRF: Record<string, DigestName> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
const PRF_OID: Record<DigestName, string> = {
  'SHA-1': '1.2.840.113549.2.7',
  'SHA-256': '1.2.840.113549.2.9',
  'SHA-384': '1.2.840.113549.2.10',
  'SHA-512': '1.2.840.113549.2.11',
};
const AES_CBC_KEY_LENGTH: Record<string, number> = {
  [OID.aes128CBC]: 16,
  [OID.aes192CBC]: 24,
  [OID.aes256CBC]: 32,
};

type LegacyCipher = { cipher: '3DES' | 'RC2'; keyLength: number; effectiveBits?: number };
const PKCS12_PBE: Record<string, LegacyCipher | 'rc4'> = {
  '1.2.840.113549.1.12.1.1': 'rc4',
  '1.2.840.113549.1.12.1.2': 'rc4',
  '1.2.840.113549.1.12.1.3': { cipher: '3DES', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: '3DES', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'RC2', keyLength: 16, effectiveBits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'RC2', keyLength: 5, effectiveBits: 40 },
};

/** Decrypts `ciphertext` under the AlgorithmIdentifier `algorithm`; a bad password gives WrongPasswordError. */
export async function pbeDecrypt(algorithm: asn1js.AsnType, ciphertext: Uint8Array, password: string): Promise<Uint8Array> {
  const [idNode, params] = children(algorithm, 'encryption algorithm');
  const oid = oidOf(idNode, 'encryption algorithm');
  if (oid === PBES2) return pbes2Decrypt(params, ciphertext, password);
  const legacy = PKCS12_PBE[oid];
  if (legacy === 'rc4') throw new UnsupportedAlgorithmError('PKCS#12 RC4 encryption is not supported; re-export the file with AES');
  if (legacy) return pkcs12PbeDecrypt(legacy, params, ciphertext, password);
  throw new UnsupportedAlgorithmError(`Unsupported PKCS#12 encryption algorithm ${oid}; re-export the file with AES`);
}

async function pbes2Decrypt(params: asn1js.AsnType | undefined, ciphertext: Uint8Array, password: string): Promise<Uint8Array> {
  const [kdf, scheme] = children(params, 'PBES2 parameters');
  const [kdfId, kdfParams] = children(kdf, 'PBES2 key derivation');
  if (oidOf(kdfId, 'PBES2 key derivation') !== PBKDF2) {
    throw new UnsupportedAlgorithmError(`Unsupported PBES2 key derivation ${oidOf(kdfId, 'kdf')}`);
  }
  const fields = children(kdfParams, 'PBKDF2 parameters');
  const salt = octets(fields[0], 'PBKDF2 salt');
  const iterations = smallInteger(fields[1], 'PBKDF2 iteration count', MAX_ITERATIONS);
  let keyLength: number | undefined;
  let prf: DigestName = 'SHA-1';
  for (const field of fields.slice(2)) {
    if (field instanceof asn1js.Integer) keyLength = smallInteger(field, 'PBKDF2 key length', 64);
    else {
      const prfOid = oidOf(children(field, 'PBKDF2 PRF')[0], 'PBKDF2 PRF');
      const name = PRF[prfOid];
      if (!name) throw new UnsupportedAlgorithmError(`Unsupported PBKDF2 PRF ${prfOid}`);
      prf = name;
    }
  }
  const [schemeId, ivNode] = children(scheme, 'PBES2 encryption scheme');
  const cipherOid = oidOf(schemeId, 'PBES2 encryption scheme');
  const iv = octets(ivNode, 'PBES2 IV');
  const aesLength = AES_CBC_KEY_LENGTH[cipherOid];
  const length = keyLength ?? aesLength ?? (cipherOid === OID.desEde3CBC ? 24 : 0);
  if (!length) throw new UnsupportedAlgorithmError(`Unsupported PBES2 cipher ${cipherOid}; re-export the file with AES`);
  if (iterations < 1) throw new MalformedInputError('PBKDF2 iteration count is zero');
  const key = await pbkdf2(utf8Encode(password), salt, iterations, prf, length);
  try {
    if (aesLength) {
      if (length !== aesLength || iv.length !== 16) throw new MalformedInputError('AES-CBC parameters are inconsistent');
      const cryptoKey = await crypto.subtle.importKey('raw', toArrayBuffer(key), 'AES-CBC', false, ['decrypt']);
      try {
        return new Uint8Array(
          await crypto.subtle.decrypt({ name: 'AES-CBC', iv: toArrayBuffer(iv) }, cryptoKey, toArrayBuffer(ciphertext)),
        );
      } catch {
        throw new WrongPasswordError();
      }
    }
    if (cipherOid === OID.desEde3CBC) return legacyDecrypt({ cipher: '3DES', keyLength: 24 }, key, iv, ciphertext);
    throw new UnsupportedAlgorithmError(`Unsupported PBES2 cipher ${cipherOid}`);
  } finally {
    key.fill(0);
  }
}

async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, hash: DigestName, length: number) {
  const base = await crypto.subtle.importKey('raw', toArrayBuffer(password), 'PBKDF2', false, ['deriveBits']);
  password.fill(0);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', salt: toArrayBuffer(salt), iterations, hash },
    base,
    length * 8,
  );
  return new Uint8Array(bits);
}

function pkcs12PbeDecrypt(cipher: LegacyCipher, params: asn1js.AsnType | undefined, ciphertext: Uint8Array, password: string) {
  const [saltNode, iterNode] = children(params, 'PKCS#12 PBE parameters');
  const salt = octets(saltNode, 'PKCS#12 PBE salt');
  const iterations = smallInteger(iterNode, 'PKCS#12 PBE iteration count', MAX_ITERATIONS);
  if (iterations < 1) throw new MalformedInputError('PKCS#12 PBE iteration count is zero');
  const pw = bmpPassword(password);
  const key = pkcs12Kdf('SHA-1', pw, salt, PKCS12_KDF_ID.key, iterations, cipher.keyLength);
  const iv = pkcs12Kdf('SHA-1', pw, salt, PKCS12_KDF_ID.iv, iterations, 8);
  pw.fill(0);
  try {
    return legacyDecrypt(cipher, key, iv, ciphertext);
  } finally {
    key.fill(0);
  }
}

/** CBC decryption with an 8-byte block cipher and a strict PKCS#7 padding check (every pad byte). */
function legacyDecrypt(cipher: LegacyCipher, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  if (ciphertext.length === 0 || ciphertext.length % 8 !== 0 || iv.length !== 8) throw new WrongPasswordError();
  const block: BlockCipher = cipher.cipher === '3DES' ? tripleDes(key) : rc2(key, cipher.effectiveBits ?? key.length * 8);
  const plain = new Uint8Array(ciphertext.length);
  let previous = iv;
  for (let i = 0; i < ciphertext.length; i += 8) {
    const current = ciphertext.subarray(i, i + 8);
    const out = block.decryptBlock(current);
    for (let j = 0; j < 8; j++) plain[i + j] = out[j] ^ previous[j];
    previous = current;
  }
  const padLength = plain[plain.length - 1];
  let bad = padLength < 1 || padLength > 8 || padLength > plain.length ? 1 : 0;
  for (let i = 0; i < Math.min(padLength, plain.length); i++) bad |= plain[plain.length - 1 - i] === padLength ? 0 : 1;
  if (bad) {
    plain.fill(0);
    throw new WrongPasswordError();
  }
  return plain.slice(0, plain.length - padLength);
}

export interface Pbes2Options {
  iterations: number;
  hash?: DigestName;
}

/** PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC: what OpenSSL 3 and NSS write by default. */
export async function pbes2Encrypt(
  plaintext: Uint8Array,
  password: string,
  options: Pbes2Options,
): Promise<{ algorithm: asn1js.Sequence; ciphertext: Uint8Array }> {
  const hash = options.hash ?? 'SHA-256';
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await pbkdf2(utf8Encode(password), salt, options.iterations, hash, 32);
  const cryptoKey = await crypto.subtle.importKey('raw', toArrayBuffer(key), 'AES-CBC', false, ['encrypt']);
  key.fill(0);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: toArrayBuffer(iv) }, cryptoKey, toArrayBuffer(plaintext)),
  );
  const algorithm = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: PBES2 }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: PBKDF2 }),
              new asn1js.Sequence({
                value: [
                  new asn1js.OctetString({ valueHex: toArrayBuffer(salt) }),
                  new asn1js.Integer({ value: options.iterations }),
                  new asn1js.Sequence({
                    value: [new asn1js.ObjectIdentifier({ value: PRF_OID[hash] }), new asn1js.Null()],
                  }),
                ],
              }),
            ],
          }),
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: OID.aes256CBC }),
              new asn1js.OctetString({ valueHex: toArrayBuffer(iv) }),
            ],
          }),
        ],
      }),
    ],
  });
  return { algorithm, ciphertext };
}

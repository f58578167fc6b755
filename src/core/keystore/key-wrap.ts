/**
 * AES-GCM wrapping of PKCS#8 blobs (threat checklist G.54): under a non-extractable device
 * key, under a passphrase key (PBKDF2-HMAC-SHA-256, ≥ 600,000 iterations, 16-byte salt),
 * or both (device inside, passphrase outside). A fresh 12-byte IV per wrap; the identity id
 * is bound as AAD so blobs cannot be swapped between records. Parameters travel with the blob.
 */
import { randomBytes, toArrayBuffer, utf8Encode } from '../bytes';
import { BadInputError, MalformedInputError, WrongPasswordError } from '../errors';

export const PASSPHRASE_ITERATIONS = 600_000;

export interface PassphraseParams {
  kdf: 'PBKDF2-SHA-256';
  salt: Uint8Array;
  iterations: number;
}

/** Structured-cloneable and JSON-friendly (after base64) description of one wrapped blob. */
export interface WrappedKey {
  version: 1;
  /** Layers from inside out. */
  layers: Array<'device' | 'passphrase'>;
  deviceIv?: Uint8Array;
  passphraseIv?: Uint8Array;
  passphrase?: PassphraseParams;
  ciphertext: Uint8Array;
}

export interface WrapKeys {
  deviceKey?: CryptoKey;
  passphrase?: string;
  /** Test hook; production uses the default. Never below 600,000 outside tests. */
  iterations?: number;
}

export async function generateDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function passphraseKey(passphrase: string, params: PassphraseParams): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', toArrayBuffer(utf8Encode(passphrase)), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: toArrayBuffer(params.salt), iterations: params.iterations, hash: 'SHA-256' },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function gcm(mode: 'encrypt' | 'decrypt', key: CryptoKey, iv: Uint8Array, data: Uint8Array, aad: Uint8Array) {
  const params = { name: 'AES-GCM', iv: toArrayBuffer(iv), additionalData: toArrayBuffer(aad) };
  const out = mode === 'encrypt' ? crypto.subtle.encrypt(params, key, toArrayBuffer(data)) : crypto.subtle.decrypt(params, key, toArrayBuffer(data));
  return new Uint8Array(await out);
}

export async function wrapPkcs8(pkcs8: Uint8Array, boundTo: string, keys: WrapKeys): Promise<WrappedKey> {
  if (!keys.deviceKey && keys.passphrase === undefined) throw new BadInputError('Wrapping needs a device key or a passphrase');
  const aad = utf8Encode(boundTo);
  const wrapped: WrappedKey = { version: 1, layers: [], ciphertext: pkcs8 };
  if (keys.deviceKey) {
    wrapped.deviceIv = randomBytes(12);
    wrapped.ciphertext = await gcm('encrypt', keys.deviceKey, wrapped.deviceIv, wrapped.ciphertext, aad);
    wrapped.layers.push('device');
  }
  if (keys.passphrase !== undefined) {
    if (keys.passphrase.length === 0) throw new BadInputError('The passphrase must not be empty');
    wrapped.passphrase = { kdf: 'PBKDF2-SHA-256', salt: randomBytes(16), iterations: keys.iterations ?? PASSPHRASE_ITERATIONS };
    wrapped.passphraseIv = randomBytes(12);
    const key = await passphraseKey(keys.passphrase, wrapped.passphrase);
    wrapped.ciphertext = await gcm('encrypt', key, wrapped.passphraseIv, wrapped.ciphertext, aad);
    wrapped.layers.push('passphrase');
  }
  return wrapped;
}

/** Returns the PKCS#8; the caller zeroes it after its one operation. */
export async function unwrapPkcs8(wrapped: WrappedKey, boundTo: string, keys: WrapKeys): Promise<Uint8Array> {
  if (wrapped.version !== 1) throw new MalformedInputError('Unknown wrapped-key format');
  const aad = utf8Encode(boundTo);
  let data = wrapped.ciphertext;
  for (const layer of [...wrapped.layers].reverse()) {
    if (layer === 'passphrase') {
      if (keys.passphrase === undefined || !wrapped.passphrase || !wrapped.passphraseIv) throw new WrongPasswordError('A passphrase is needed to use this key.');
      const key = await passphraseKey(keys.passphrase, wrapped.passphrase);
      try {
        data = await gcm('decrypt', key, wrapped.passphraseIv, data, aad);
      } catch {
        throw new WrongPasswordError('The passphrase is wrong.');
      }
    } else {
      if (!keys.deviceKey || !wrapped.deviceIv) throw new MalformedInputError('This key was stored on another device and cannot be used here.');
      const inner = data;
      try {
        data = await gcm('decrypt', keys.deviceKey, wrapped.deviceIv, data, aad);
      } catch {
        throw new MalformedInputError('The stored key cannot be unwrapped with this device key.');
      } finally {
        if (inner !== wrapped.ciphertext) inner.fill(0);
      }
    }
  }
  return data;
}

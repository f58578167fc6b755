/**
 * Content-encryption algorithms: which OIDs we accept, how their parameters must look,
 * and the AES-CBC / AES-GCM operations (WebCrypto). Parameter checks happen before any
 * key operation, and every failure that depends on the key is the one DecryptionError.
 */
import * as asn1js from 'asn1js';
import { bufferSource, randomBytes, toArrayBuffer } from '../bytes';
import { DecryptionError, MalformedInputError, UnsupportedAlgorithmError } from '../errors';
import { OID } from '../oids';
import { encodeDer, node, primitive, TAG } from './der-writer';

export type ContentMode = 'AES-CBC' | 'AES-GCM';

export interface ContentAlgorithm {
  oid: string;
  mode: ContentMode;
  keyBytes: 16 | 24 | 32;
  /** Human-readable, e.g. "AES-256-GCM". */
  label: string;
}

const ALGORITHMS: ContentAlgorithm[] = [
  { oid: OID.aes128CBC, mode: 'AES-CBC', keyBytes: 16, label: 'AES-128-CBC' },
  { oid: OID.aes192CBC, mode: 'AES-CBC', keyBytes: 24, label: 'AES-192-CBC' },
  { oid: OID.aes256CBC, mode: 'AES-CBC', keyBytes: 32, label: 'AES-256-CBC' },
  { oid: OID.aes128GCM, mode: 'AES-GCM', keyBytes: 16, label: 'AES-128-GCM' },
  { oid: OID.aes192GCM, mode: 'AES-GCM', keyBytes: 24, label: 'AES-192-GCM' },
  { oid: OID.aes256GCM, mode: 'AES-GCM', keyBytes: 32, label: 'AES-256-GCM' },
];

const LEGACY: Record<string, string> = {
  [OID.desEde3CBC]: '3DES-CBC',
  [OID.rc2CBC]: 'RC2-CBC',
  '1.3.14.3.2.7': 'DES-CBC',
  '1.2.840.113549.3.4': 'RC4',
  '2.16.840.1.101.3.4.1.1': 'AES-128-ECB',
  '2.16.840.1.101.3.4.1.41': 'AES-256-ECB',
};

export function contentAlgorithmByOid(oid: string): ContentAlgorithm {
  const found = ALGORITHMS.find((a) => a.oid === oid);
  if (found) return found;
  if (LEGACY[oid]) throw new UnsupportedAlgorithmError(`unsupported legacy algorithm ${LEGACY[oid]} (${oid}); ask the sender to use AES`);
  if (oid === OID.chacha20Poly1305) throw new UnsupportedAlgorithmError('ChaCha20-Poly1305 content encryption is not supported');
  throw new UnsupportedAlgorithmError(`unsupported content-encryption algorithm ${oid}`);
}

/** Whether a content-encryption OID (e.g. from SMIMECapabilities) is one of our AEAD ciphers. */
export function isAeadCipher(oid: string): boolean {
  return ALGORITHMS.some((a) => a.oid === oid && a.mode === 'AES-GCM');
}

export function contentAlgorithmByLabel(label: string): ContentAlgorithm {
  const found = ALGORITHMS.find((a) => a.label.toLowerCase() === label.toLowerCase());
  if (!found) throw new UnsupportedAlgorithmError(`unsupported content cipher ${label}`);
  return found;
}

export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;
const CBC_IV_BYTES = 16;

export interface ContentParams {
  alg: ContentAlgorithm;
  iv: Uint8Array;
  /** GCM only: the tag length the sender declared. */
  tagBytes?: number;
}

/** Validates AlgorithmIdentifier parameters: CBC IV OCTET STRING(16); RFC 5084 GCMParameters. */
export function parseContentParams(alg: ContentAlgorithm, params: unknown): ContentParams {
  if (alg.mode === 'AES-CBC') {
    if (!(params instanceof asn1js.OctetString)) throw new MalformedInputError(`${alg.label} parameters must be an OCTET STRING IV`);
    const iv = params.valueBlock.valueHexView;
    if (iv.length !== CBC_IV_BYTES) throw new MalformedInputError(`${alg.label} IV must be 16 bytes, got ${iv.length}`);
    return { alg, iv: iv.slice() };
  }
  if (!(params instanceof asn1js.Sequence)) throw new MalformedInputError(`${alg.label} parameters must be GCMParameters`);
  const [nonceNode, icvNode, ...rest] = params.valueBlock.value;
  if (!(nonceNode instanceof asn1js.OctetString) || rest.length > 0) {
    throw new MalformedInputError(`${alg.label} GCMParameters are malformed`);
  }
  const nonce = nonceNode.valueBlock.valueHexView;
  if (nonce.length !== GCM_NONCE_BYTES) {
    throw new UnsupportedAlgorithmError(`${alg.label} nonce of ${nonce.length} bytes is not supported (12 required)`);
  }
  let tagBytes = 12; // RFC 5084 DEFAULT
  if (icvNode !== undefined) {
    if (!(icvNode instanceof asn1js.Integer)) throw new MalformedInputError(`${alg.label} ICV length must be an INTEGER`);
    const icv = icvNode.valueBlock.valueDec;
    if (!Number.isSafeInteger(icv) || icvNode.valueBlock.valueHexView.length > 2) {
      throw new UnsupportedAlgorithmError(`${alg.label} ICV length is out of range`);
    }
    tagBytes = icv;
  }
  // WebCrypto can check 12..16-byte tags; shorter ones are too weak to accept.
  if (tagBytes < 12 || tagBytes > 16) {
    throw new UnsupportedAlgorithmError(`${alg.label} tag length of ${tagBytes} bytes is not supported`);
  }
  return { alg, iv: nonce.slice(), tagBytes };
}

/** DER AlgorithmIdentifier for encryption; GCM writes aes-ICVlen 16 explicitly. */
export function contentAlgorithmIdentifier(alg: ContentAlgorithm, iv: Uint8Array): Uint8Array {
  const oid = new Uint8Array(new asn1js.ObjectIdentifier({ value: alg.oid }).toBER(false));
  const params =
    alg.mode === 'AES-CBC'
      ? primitive(TAG.octetString, iv)
      : node(TAG.sequence, primitive(TAG.octetString, iv), Uint8Array.of(TAG.integer, 1, GCM_TAG_BYTES));
  return encodeDer(node(TAG.sequence, oid, params));
}

export function freshIv(alg: ContentAlgorithm): Uint8Array {
  return randomBytes(alg.mode === 'AES-GCM' ? GCM_NONCE_BYTES : CBC_IV_BYTES);
}

/**
 * Usages of a content key we decrypt with: 'encrypt' too, because chunked CBC decryption
 * encrypts one block per chunk (see cbcDecryptChunked). The key stays non-extractable.
 */
export const CEK_USAGES: KeyUsage[] = ['decrypt', 'encrypt'];

/**
 * WebCrypto has no streaming cipher: one call holds the whole input and output (and its own
 * native copies). CBC is processed in chunks of this size instead, so 25 MB messages need
 * about a third of the memory. GCM cannot be chunked through WebCrypto (one tag per call).
 */
const CBC_CHUNK = 1024 * 1024;
const BLOCK = 16;

export async function importContentKey(alg: ContentAlgorithm, raw: Uint8Array, usages: KeyUsage[], extractable = false): Promise<CryptoKey> {
  if (raw.length !== alg.keyBytes) throw new DecryptionError();
  return crypto.subtle.importKey('raw', toArrayBuffer(raw), { name: alg.mode }, extractable, usages);
}

export interface EncryptedContent {
  ciphertext: Uint8Array;
  /** GCM only. */
  tag?: Uint8Array;
}

export async function encryptContent(alg: ContentAlgorithm, key: CryptoKey, iv: Uint8Array, content: Uint8Array): Promise<EncryptedContent> {
  if (alg.mode === 'AES-CBC') return { ciphertext: await cbcEncryptChunked(key, iv, content) };
  const out = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: toArrayBuffer(iv), tagLength: GCM_TAG_BYTES * 8 }, key, bufferSource(content)),
  );
  const split = out.length - GCM_TAG_BYTES;
  return { ciphertext: out.subarray(0, split), tag: out.subarray(split) };
}

/** Checks the CEK against the algorithm, then decrypts; key-dependent failures are DecryptionError. */
export async function decryptContent(
  params: ContentParams,
  key: CryptoKey,
  ciphertext: Uint8Array,
  tag?: Uint8Array,
  aad?: Uint8Array,
  inPlace = false,
): Promise<Uint8Array> {
  const keyBits = (key.algorithm as AesKeyAlgorithm).length;
  if (key.algorithm.name !== params.alg.mode || keyBits !== params.alg.keyBytes * 8) throw new DecryptionError();
  try {
    if (params.alg.mode === 'AES-CBC') return await cbcDecryptChunked(key, params.iv, ciphertext, inPlace);
    if (!tag || tag.length !== params.tagBytes) throw new DecryptionError();
    const input = new Uint8Array(ciphertext.length + tag.length);
    input.set(ciphertext);
    input.set(tag, ciphertext.length);
    const gcm: AesGcmParams = { name: 'AES-GCM', iv: toArrayBuffer(params.iv), tagLength: tag.length * 8 };
    if (aad) gcm.additionalData = toArrayBuffer(aad);
    return new Uint8Array(await crypto.subtle.decrypt(gcm, key, bufferSource(input)));
  } catch {
    throw new DecryptionError();
  }
}

/**
 * CBC encryption chunk by chunk: each chunk (a whole number of blocks) is encrypted with the
 * previous ciphertext block as IV, and WebCrypto's padding block for that chunk is dropped;
 * only the last chunk keeps its PKCS#7 padding. The result equals one-shot encryption.
 */
async function cbcEncryptChunked(key: CryptoKey, iv: Uint8Array, content: Uint8Array): Promise<Uint8Array> {
  const out = new Uint8Array((Math.floor(content.length / BLOCK) + 1) * BLOCK);
  let chainIv = iv;
  let offset = 0;
  while (content.length - offset > CBC_CHUNK) {
    const chunk = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: bufferSource(chainIv) }, key, bufferSource(content.subarray(offset, offset + CBC_CHUNK))),
    );
    out.set(chunk.subarray(0, CBC_CHUNK), offset);
    chainIv = out.slice(offset + CBC_CHUNK - BLOCK, offset + CBC_CHUNK);
    offset += CBC_CHUNK;
  }
  const last = await crypto.subtle.encrypt({ name: 'AES-CBC', iv: bufferSource(chainIv) }, key, bufferSource(content.subarray(offset)));
  out.set(new Uint8Array(last), offset);
  return out;
}

/**
 * CBC decryption chunk by chunk. WebCrypto checks PKCS#7 padding on every call, so each
 * intermediate chunk gets one extra block X chosen to decrypt to a full padding block:
 * X = E_K(0x10…10 XOR C_last), computed as a one-block CBC encryption with IV 0. Only the
 * final chunk's real padding is checked; a bad one fails like one-shot decryption.
 */
async function cbcDecryptChunked(key: CryptoKey, iv: Uint8Array, ciphertext: Uint8Array, inPlace: boolean): Promise<Uint8Array> {
  if (ciphertext.length === 0 || ciphertext.length % BLOCK !== 0) throw new DecryptionError();
  // In place, each plaintext chunk overwrites ciphertext already handed to WebCrypto (which
  // copies its input); the next chunk's IV is saved before that.
  const out = inPlace ? ciphertext : new Uint8Array(ciphertext.length);
  let chainIv = iv;
  let offset = 0;
  while (ciphertext.length - offset > CBC_CHUNK) {
    const chunk = ciphertext.subarray(offset, offset + CBC_CHUNK);
    const lastBlock = chunk.slice(CBC_CHUNK - BLOCK);
    const padBlock = new Uint8Array(BLOCK).fill(BLOCK);
    for (let i = 0; i < BLOCK; i++) padBlock[i] ^= lastBlock[i];
    const x = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(BLOCK) }, key, padBlock)).subarray(0, BLOCK);
    const input = new Uint8Array(CBC_CHUNK + BLOCK);
    input.set(chunk);
    input.set(x, CBC_CHUNK);
    out.set(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: bufferSource(chainIv) }, key, input)), offset);
    chainIv = lastBlock;
    offset += CBC_CHUNK;
  }
  const last = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-CBC', iv: bufferSource(chainIv) }, key, bufferSource(ciphertext.subarray(offset))),
  );
  out.set(last, offset);
  return out.subarray(0, offset + last.length);
}

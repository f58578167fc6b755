/**
 * encryptData: content → DER ContentInfo. CBC content goes into EnvelopedData (RFC 5652),
 * GCM content into AuthEnvelopedData (RFC 5083/5084, 12-byte nonce, 16-byte tag).
 */
import type * as pkijs from 'pkijs';
import { randomBytes } from '../bytes';
import { BadInputError } from '../errors';
import { OID } from '../oids';
import { buildAuthEnvelopedData } from './auth-enveloped-data';
import { contentAlgorithmByLabel, contentAlgorithmIdentifier, encryptContent, freshIv, importContentKey } from './content-cipher';
import { encodeDer, encodeDerParts, node, smallInteger, TAG, type DerNode } from './der-writer';
import { contentInfoNode, encryptedContentInfoNode, recipientInfosNode } from './encrypted-content';
import { buildRecipientInfo, type BuiltRecipientInfo, type KeyTransport } from './recipient-info';

export type ContentCipher = 'aes-128-cbc' | 'aes-256-cbc' | 'aes-128-gcm' | 'aes-256-gcm';
export type { KeyTransport } from './recipient-info';

export interface EncryptOptions {
  /** Default aes-256-cbc, the strongest cipher every peer (NSS, gpgsm, Thunderbird) reads. */
  cipher?: ContentCipher;
  /** For RSA recipients; default rsa-pkcs1, the only one NSS and gpgsm read. */
  keyTransport?: KeyTransport;
}

const CIPHERS: readonly ContentCipher[] = ['aes-128-cbc', 'aes-256-cbc', 'aes-128-gcm', 'aes-256-gcm'];

/**
 * RFC 5652 §6.1: version 0 when every RecipientInfo is version 0 (and no originatorInfo
 * or unprotectedAttrs, which we never write); otherwise 2.
 */
function envelopedDataVersion(infos: BuiltRecipientInfo[]): number {
  return infos.every((ri) => ri.version === 0) ? 0 : 2;
}

export async function encryptData(content: Uint8Array, recipients: pkijs.Certificate[], options: EncryptOptions = {}): Promise<Uint8Array> {
  return encodeDer(await envelope(content, recipients, options));
}

/** encryptData as consecutive DER pieces, so a 25 MB ciphertext is not copied into one buffer. */
export async function encryptDataParts(content: Uint8Array, recipients: pkijs.Certificate[], options: EncryptOptions = {}): Promise<Uint8Array[]> {
  return encodeDerParts(await envelope(content, recipients, options));
}

async function envelope(content: Uint8Array, recipients: pkijs.Certificate[], options: EncryptOptions): Promise<DerNode> {
  const cipher = options.cipher ?? 'aes-256-cbc';
  const transport = options.keyTransport ?? 'rsa-pkcs1';
  if (!CIPHERS.includes(cipher)) throw new BadInputError(`Unknown content cipher ${String(cipher)}`);
  if (recipients.length === 0) throw new BadInputError('At least one recipient certificate is required');

  const alg = contentAlgorithmByLabel(cipher);
  const cek = randomBytes(alg.keyBytes);
  try {
    // Extractable only so AES-KW can wrap it for EC recipients; it never leaves this function.
    const cekKey = await importContentKey(alg, cek, ['encrypt'], true);
    const infos: BuiltRecipientInfo[] = [];
    for (const cert of recipients) infos.push(await buildRecipientInfo(cert, cek, cekKey, transport));
    const iv = freshIv(alg);
    const { ciphertext, tag } = await encryptContent(alg, cekKey, iv, content);
    const algId = contentAlgorithmIdentifier(alg, iv);
    const der = infos.map((ri) => ri.der);
    if (alg.mode === 'AES-GCM') return buildAuthEnvelopedData(der, algId, ciphertext, tag as Uint8Array);
    const ed = node(TAG.sequence, smallInteger(envelopedDataVersion(infos)), recipientInfosNode(der), encryptedContentInfoNode(algId, ciphertext));
    return contentInfoNode(OID.envelopedData, ed);
  } finally {
    cek.fill(0);
  }
}

/**
 * Strongest cipher every recipient can read: AES-256-GCM only when each recipient's
 * SMIMECapabilities list id-aes256-GCM (undefined = capabilities unknown = no GCM),
 * otherwise AES-256-CBC (RFC 8551 MUST-support for receivers).
 */
export function chooseContentCipher(recipientCipherOids: (string[] | undefined)[]): ContentCipher {
  if (recipientCipherOids.length === 0) return 'aes-256-cbc';
  const allGcm = recipientCipherOids.every((oids) => oids !== undefined && oids.includes(OID.aes256GCM));
  return allGcm ? 'aes-256-gcm' : 'aes-256-cbc';
}

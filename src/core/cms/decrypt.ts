/**
 * decryptData: DER ContentInfo (EnvelopedData or AuthEnvelopedData) → plaintext. All
 * structural and algorithm checks run before any private-key operation; after that,
 * every failure is the one generic DecryptionError.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseContentInfo } from '../asn1';
import { BadInputError, LimitExceededError, MalformedInputError, UnsupportedAlgorithmError } from '../errors';
import { OID } from '../oids';
import { parseAuthEnvelopedData } from './auth-enveloped-data';
import { contentAlgorithmByOid, decryptContent, parseContentParams, type ContentParams } from './content-cipher';
import { encryptedContentBytes } from './encrypted-content';
import { MAX_RECIPIENT_INFOS, openRecipient, type DecryptionKey } from './recipient-open';

export type { DecryptionKey } from './recipient-open';

export interface DecryptResult {
  content: Uint8Array;
  /** e.g. "AES-256-GCM". */
  contentAlgorithm: string;
  /** True for AuthEnvelopedData (AEAD); CBC is unauthenticated. */
  authenticated: boolean;
  recipientCount: number;
  /** "RSAES-PKCS1-v1_5" | "RSAES-OAEP (SHA-256)" | "ECDH (stdDH, SHA-256 KDF, AES-256-KW)" … */
  keyAlgorithm: string;
}

interface Envelope {
  recipientInfos: pkijs.RecipientInfo[];
  params: ContentParams;
  ciphertext: Uint8Array;
  mac?: Uint8Array;
  aad?: Uint8Array;
}

function contentParams(eci: pkijs.EncryptedContentInfo, authenticated: boolean): ContentParams {
  if (eci.contentType !== OID.data) {
    // Nested CMS types inside encryption are legal but not something S/MIME sends.
    throw new UnsupportedAlgorithmError(`encrypted content type ${eci.contentType} is not supported`);
  }
  const alg = contentAlgorithmByOid(eci.contentEncryptionAlgorithm.algorithmId);
  if (!authenticated && alg.mode === 'AES-GCM') {
    throw new UnsupportedAlgorithmError('AES-GCM inside EnvelopedData is not standard (RFC 5084 requires AuthEnvelopedData)');
  }
  if (authenticated && alg.mode !== 'AES-GCM') {
    throw new UnsupportedAlgorithmError(`${alg.label} is not an authenticated cipher and cannot be used in AuthEnvelopedData`);
  }
  return parseContentParams(alg, eci.contentEncryptionAlgorithm.algorithmParams);
}

/**
 * Refuses too many RecipientInfos before pkijs builds an object per entry: that build, not
 * the opening loop, is what 10 000 entries make slow (found by test/security E41).
 */
function checkRecipientCount(content: unknown): void {
  if (!(content instanceof asn1js.Sequence)) return;
  const set = content.valueBlock.value.find((item) => item instanceof asn1js.Set);
  if (set instanceof asn1js.Set && set.valueBlock.value.length > MAX_RECIPIENT_INFOS) {
    throw new LimitExceededError(`Message has more than ${MAX_RECIPIENT_INFOS} recipients`);
  }
}

function parseEnvelope(der: Uint8Array): Envelope {
  const ci = parseContentInfo(der);
  checkRecipientCount(ci.content);
  if (ci.contentType === OID.envelopedData) {
    let ed: pkijs.EnvelopedData;
    try {
      ed = new pkijs.EnvelopedData({ schema: ci.content });
    } catch (err) {
      throw new MalformedInputError(`EnvelopedData has an invalid structure: ${(err as Error).message}`, { cause: err });
    }
    const eci = ed.encryptedContentInfo;
    return { recipientInfos: ed.recipientInfos, params: contentParams(eci, false), ciphertext: encryptedContentBytes(eci) };
  }
  if (ci.contentType === OID.authEnvelopedData) {
    const aed = parseAuthEnvelopedData(ci.content);
    const eci = aed.encryptedContentInfo;
    return {
      recipientInfos: aed.recipientInfos,
      params: contentParams(eci, true),
      ciphertext: encryptedContentBytes(eci),
      mac: aed.mac,
      aad: aed.aad,
    };
  }
  throw new BadInputError(`Not an encrypted message (content type ${ci.contentType})`);
}

export interface DecryptOptions {
  /**
   * The caller owns `der` and no longer needs it: CBC plaintext may overwrite the ciphertext
   * in place, saving a copy of up to 25 MB.
   */
  consumeInput?: boolean;
}

export async function decryptData(der: Uint8Array, keys: DecryptionKey[], options: DecryptOptions = {}): Promise<DecryptResult> {
  const envelope = parseEnvelope(der);
  const { params } = envelope;
  const opened = await openRecipient(envelope.recipientInfos, keys, params.alg);
  const content = await decryptContent(params, opened.cek, envelope.ciphertext, envelope.mac, envelope.aad, options.consumeInput);
  return {
    content,
    contentAlgorithm: params.alg.label,
    authenticated: params.alg.mode === 'AES-GCM',
    recipientCount: envelope.recipientInfos.length,
    keyAlgorithm: opened.keyAlgorithm,
  };
}

/** Removes the outer encryption layer of a message and puts its RFC 5322 header back around the content. */
import { decryptData, type DecryptionKey, type DecryptResult } from '../cms/decrypt';
import { MalformedInputError } from '../errors';
import { canonicalizeLineEndings } from '../mime';
import { assembleMessage, splitMessage } from './envelope';
import { isPkcs7Mime } from './media-types';

export interface DecryptMessageResult {
  message: Uint8Array;
  details: Omit<DecryptResult, 'content'>;
}

export async function decryptMessage(message: Uint8Array, keys: DecryptionKey[]): Promise<DecryptMessageResult> {
  const { entity, outerHeaders } = splitMessage(message);
  if (!isPkcs7Mime(entity)) throw new MalformedInputError('The message is not encrypted (no application/pkcs7-mime body)');
  const der = entity.decodeBody();
  // A base64 body decodes into fresh memory that nobody else holds: let CBC decrypt in place.
  const { content, ...details } = await decryptData(der, keys, { consumeInput: der.buffer !== entity.body.buffer });
  return { message: assembleMessage(outerHeaders, canonicalizeLineEndings(content)), details };
}

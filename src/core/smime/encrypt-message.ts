/** Encrypts a whole RFC 5322 message into application/pkcs7-mime, keeping its outer header. */
import type * as pkijs from 'pkijs';
import { encryptData, type EncryptOptions } from '../cms/encrypt';
import { BadInputError } from '../errors';
import { buildLeafParts, toSignable } from '../mime';
import { assembleMessage, splitMessage } from './envelope';

export async function encryptMessage(
  message: Uint8Array,
  recipients: pkijs.Certificate[],
  options: EncryptOptions = {},
): Promise<Uint8Array> {
  if (recipients.length === 0) throw new BadInputError('Encryption needs at least one recipient certificate');
  const { entity, outerHeaders } = splitMessage(message);
  const der = await encryptData(toSignable(entity), recipients, options);
  const authenticated = (options.cipher ?? 'aes-256-cbc').endsWith('-gcm');
  // RFC 8551 §3.4 / RFC 5083: smime-type names the CMS content type.
  const smimeType = authenticated ? 'authEnveloped-data' : 'enveloped-data';
  const body = buildLeafParts({
    contentType: `application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"`,
    headers: [{ name: 'Content-Disposition', value: 'attachment; filename="smime.p7m"' }],
    encoding: 'base64',
    body: der,
  });
  return assembleMessage(outerHeaders, body);
}

/** Encrypts a whole RFC 5322 message into application/pkcs7-mime, keeping its outer header. */
import type * as pkijs from 'pkijs';
import { base64Length, writeBase64 } from '../bytes';
import { encryptDataParts, type EncryptOptions } from '../cms/encrypt';
import { BadInputError } from '../errors';
import { leafHeader, toSignable } from '../mime';
import { assembleMessage, splitMessage } from './envelope';

const BASE64_LINE = 76;

export async function encryptMessage(
  message: Uint8Array,
  recipients: pkijs.Certificate[],
  options: EncryptOptions = {},
): Promise<Uint8Array> {
  if (recipients.length === 0) throw new BadInputError('Encryption needs at least one recipient certificate');
  const { entity, outerHeaders } = splitMessage(message);
  const der = await encryptDataParts(toSignable(entity), recipients, options);
  const authenticated = (options.cipher ?? 'aes-256-cbc').endsWith('-gcm');
  // RFC 8551 §3.4 / RFC 5083: smime-type names the CMS content type.
  const smimeType = authenticated ? 'authEnveloped-data' : 'enveloped-data';
  const head = assembleMessage(
    outerHeaders,
    leafHeader(`application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"`, 'base64', [
      { name: 'Content-Disposition', value: 'attachment; filename="smime.p7m"' },
    ]),
  );
  // The base64 body is written straight into the final buffer: no joined copy of the DER.
  const derLength = der.reduce((total, part) => total + part.length, 0);
  const out = new Uint8Array(head.length + base64Length(derLength, BASE64_LINE));
  out.set(head);
  writeBase64(der, out, head.length, BASE64_LINE);
  return out;
}

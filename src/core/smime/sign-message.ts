/** Signs a whole RFC 5322 message: detached multipart/signed (default) or opaque signed-data. */
import { signData, type SignerIdentity } from '../cms/sign';
import type { DigestName } from '../oids';
import { buildLeaf, buildLeafParts, buildMultipart, toSignable } from '../mime';
import { assembleMessage, splitMessage } from './envelope';

export interface SignMessageOptions {
  opaque?: boolean;
  digest?: DigestName;
  rsaScheme?: 'pkcs1' | 'pss';
  /** Also used as the Date header when the message has none (Thunderbird compares them). */
  signingTime?: Date;
}

export async function signMessage(message: Uint8Array, signer: SignerIdentity, options: SignMessageOptions = {}): Promise<Uint8Array> {
  const { entity, outerHeaders } = splitMessage(message);
  const signingTime = options.signingTime ?? new Date();
  // RFC 8551 §3.1.1: sign the canonical, 7-bit form, and send exactly those bytes.
  const content = toSignable(entity);
  const common = { digest: options.digest, rsaScheme: options.rsaScheme, signingTime };

  let body: Uint8Array | Uint8Array[];
  if (options.opaque) {
    const { der } = await signData(content, signer, { ...common, detached: false });
    body = buildLeafParts({
      contentType: 'application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"',
      headers: [{ name: 'Content-Disposition', value: 'attachment; filename="smime.p7m"' }],
      encoding: 'base64',
      body: der,
    });
  } else {
    const { der, micalg } = await signData(content, signer, { ...common, detached: true });
    const signature = buildLeaf({
      contentType: 'application/pkcs7-signature; name="smime.p7s"',
      headers: [{ name: 'Content-Disposition', value: 'attachment; filename="smime.p7s"' }],
      encoding: 'base64',
      body: der,
    });
    body = buildMultipart('signed', [content, signature], { protocol: 'application/pkcs7-signature', micalg });
  }
  return assembleMessage(outerHeaders, body, { date: signingTime });
}

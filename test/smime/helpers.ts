/** Builds identities from the generated test PKI for message-level tests. */
import type * as pkijs from 'pkijs';
import type { DecryptionKey } from '../../src/core/cms/decrypt';
import type { SignerIdentity } from '../../src/core/cms/sign';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { concatBytes, utf8Encode } from '../../src/core/bytes';
import { signData } from '../../src/core/cms/sign';
import { buildLeaf, buildMultipart } from '../../src/core/mime';
import { readPki } from '../support/fixtures';

export async function signerFor(family: string, who = 'alice'): Promise<SignerIdentity> {
  return {
    certificate: loadCertificate(readPki(family, `${who}.crt`)),
    chain: [loadCertificate(readPki(family, 'inter.crt'))],
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(family, `${who}.key`))),
  };
}

export async function decryptionKeyFor(family: string, who = 'bob'): Promise<DecryptionKey> {
  return {
    certificate: loadCertificate(readPki(family, `${who}.crt`)),
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(family, `${who}.key`))),
  };
}

export function certOf(family: string, who: string): pkijs.Certificate {
  return loadCertificate(readPki(family, `${who}.crt`));
}

export function rootOf(family: string): pkijs.Certificate {
  return loadCertificate(readPki(family, 'root.crt'));
}

export function plainMessage(from = 'Alice <alice@example.com>', body = 'Hello Bob,\r\n\r\nsee you at 10.\r\n'): Uint8Array {
  return utf8Encode(
    `From: ${from}\r\nTo: Bob <bob@example.com>\r\nSubject: Meeting\r\nDate: ${new Date().toUTCString()}\r\n` +
      `Message-ID: <m1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`,
  );
}

/**
 * RFC 8551 §3.1 header protection as older clients send it: the whole message (Subject
 * "Schön", RFC 2047-encoded) in a message/rfc822 wrapper, clear-signed by `family`'s Alice.
 */
export async function wrappedSignedMessage(family: string, body = 'Wrapped body.\r\n'): Promise<Uint8Array> {
  const inner = new TextDecoder().decode(plainMessage('Alice <alice@example.com>', body)).replace('Subject: Meeting', 'Subject: =?utf-8?q?Sch=C3=B6n?=');
  const wrapper = utf8Encode(`Content-Type: message/rfc822\r\n\r\n${inner}`);
  const { der, micalg } = await signData(wrapper, await signerFor(family), { detached: true });
  const signature = buildLeaf({ contentType: 'application/pkcs7-signature; name="smime.p7s"', encoding: 'base64', body: der });
  return concatBytes(
    utf8Encode('From: alice@example.com\r\nTo: bob@example.com\r\nSubject: ...\r\nMIME-Version: 1.0\r\n'),
    buildMultipart('signed', [wrapper, signature], { protocol: 'application/pkcs7-signature', micalg }),
  );
}

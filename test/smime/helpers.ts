/** Builds identities from the generated test PKI for message-level tests. */
import type * as pkijs from 'pkijs';
import type { DecryptionKey } from '../../src/core/cms/decrypt';
import type { SignerIdentity } from '../../src/core/cms/sign';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { utf8Encode } from '../../src/core/bytes';
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

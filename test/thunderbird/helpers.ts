/** Test messages and stores for the Thunderbird host tests. */
import { certificateId } from '../../src/core/keystore/fingerprint';
import { MemoryBackend } from '../../src/core/keystore/memory-backend';
import { buildMessage } from '../../src/core/mime/message';
import { loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { encryptMessage } from '../../src/core/smime/encrypt-message';
import { signMessage } from '../../src/core/smime/sign-message';
import { storesOver, type Stores } from '../../src/thunderbird/stores';
import { readPki } from '../support/fixtures';
import { certOf, plainMessage, rootOf, signerFor } from '../smime/helpers';

export const FAMILY = 'rsa2048';

export async function signedByAlice(body = 'Hello Bob,\r\n\r\nsee you at 10.\r\n'): Promise<Uint8Array> {
  return signMessage(plainMessage('Alice <alice@example.com>', body), await signerFor(FAMILY, 'alice'));
}

/** Alice signs an HTML mail with a tracking pixel and an attachment, then encrypts it to Bob. */
export async function encryptedToBob(): Promise<Uint8Array> {
  const message = buildMessage({
    from: 'Alice <alice@example.com>',
    to: ['bob@example.com'],
    subject: 'Secret',
    html: '<p>Secret plan</p><img src="https://tracker.example/p.gif"><script>alert(1)</script>',
    attachments: [{ filename: 'plan.txt', contentType: 'text/plain', data: new TextEncoder().encode('step 1') }],
  });
  const signed = await signMessage(message, await signerFor(FAMILY, 'alice'));
  return encryptMessage(signed, [certOf(FAMILY, 'bob')]);
}

export function tamper(message: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(message).replace('see you at 10', 'see you at 11');
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export async function newStores(options: { anchor?: boolean; bobIdentity?: boolean } = {}): Promise<Stores> {
  const stores = storesOver(new MemoryBackend());
  if (options.anchor) await (await stores.trust()).addUserAnchor(rootOf(FAMILY), certificateId(rootOf(FAMILY)));
  if (options.bobIdentity) {
    await stores.keys.importIdentity({ pkcs8: loadPrivateKeyPkcs8(readPki(FAMILY, 'bob.key')), certificate: certOf(FAMILY, 'bob') });
  }
  return stores;
}

/** Stand-in for DOMPurify under Node (no DOM): marks its input so tests see it was applied. */
export const markSanitized = (html: string) => `[sanitized]${html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<img[^>]*>/gi, '')}`;

/**
 * The background's verdict logic as a pure function of (raw message bytes, stores): no
 * messenger, no DOM, so it is unit-tested directly. Decryption is opt-in: the badge of an
 * encrypted message says "ENC" until the user opens the popup, which asks for decryption.
 */
import { harvestFromRead } from '../core/keystore/harvest';
import type { DecryptionKey } from '../core/cms/decrypt';
import type { RevocationProvider } from '../core/pki/revocation-types';
import type { RevocationMode } from '../core/pki/validate';
import { readMessage, type ReadResult } from '../core/smime/read-message';
import type { Verdict } from '../core/verdict';
import { badgeFor, type Badge, type BadgeState } from './badge';
import type { Stores } from './stores';

export interface AssessOptions {
  /** Use the user's identities to decrypt; false leaves encrypted messages as 'encrypted'. */
  decrypt: boolean;
  revocation?: RevocationMode;
  revocationProvider?: RevocationProvider;
  now?: Date;
}

export interface Assessment {
  state: BadgeState;
  badge: Badge;
  verdict: Verdict;
  read: ReadResult;
  /** Address book alerts such as a changed certificate for a known sender. */
  alerts: string[];
}

export async function decryptionKeys(stores: Stores): Promise<DecryptionKey[]> {
  const identities = await stores.keys.listIdentities();
  // Handles unwrap nothing until a RecipientInfo actually matches one of them.
  return Promise.all(identities.map(async (i) => ({ certificate: i.certificate, key: await stores.keys.getKeyHandle(i.id) })));
}

export async function assessMessage(raw: Uint8Array, stores: Stores, options: AssessOptions): Promise<Assessment> {
  const trust = await stores.trust();
  const addressBookCerts = (await stores.book.list()).map((e) => e.certificate);
  const read = await readMessage(raw, {
    anchors: trust.anchors(),
    extraCertificates: [...trust.intermediates(), ...addressBookCerts],
    decryptionKeys: options.decrypt ? await decryptionKeys(stores) : [],
    revocation: options.revocation,
    revocationProvider: options.revocationProvider,
    time: options.now,
  });
  const { verdict } = read;
  // Harvesting only ever stores certificates of valid signatures naming the From address.
  const { alerts } = await harvestFromRead(stores.book, read, trust);
  const state: BadgeState = !options.decrypt && verdict.status === 'encrypted-no-key' ? 'encrypted' : verdict.status;
  const title = state === 'encrypted' ? 'Encrypted (S/MIME): open this button to decrypt with your identity' : verdict.banner;
  return { state, badge: badgeFor(state, title), verdict, read, alerts };
}

/**
 * Turns a draft snapshot into the protected RFC 5322 message: build MIME, sign with the
 * identity whose certificate names From, then encrypt to every recipient plus the sender
 * (so the Sent Items copy stays readable). Missing certificates block unless the user chose
 * "sign only".
 */
import type * as pkijs from 'pkijs';
import { buildMessage, chooseContentCipher, encryptMessage, signMessage } from '../../core/index';
import type { ComposePolicy, SendResult } from '../../ui/host-api';
import { ComposeInputError } from '../errors';
import type { Stores } from '../storage';
import { allRecipients, toMessageInput, type ComposeSnapshot } from './collect';

export type ProtectResult = { kind: 'ready'; mime: Uint8Array; signed: boolean; encrypted: boolean } | Extract<SendResult, { kind: 'blocked' }>;

export interface ProtectOptions {
  signOnlyIfMissingCertificates?: boolean;
  now?: Date;
}

async function ownEncryptionCertificate(stores: Stores, from: string, now: Date): Promise<pkijs.Certificate | undefined> {
  const [own] = await stores.addressBook.lookupRecipients([from], now);
  if (own.certificate) return own.certificate;
  const identity = await stores.keys.chooseSigningIdentity(from, now);
  return identity?.certificate;
}

export async function protectDraft(snapshot: ComposeSnapshot, policy: ComposePolicy, stores: Stores, options: ProtectOptions = {}): Promise<ProtectResult> {
  const now = options.now ?? new Date();
  const recipients = allRecipients(snapshot);
  if (recipients.length === 0) throw new ComposeInputError('Add at least one recipient.');
  const from = snapshot.from.emailAddress;

  let encrypt = policy.encrypt;
  let recipientCerts: pkijs.Certificate[] = [];
  let cipherOids: (string[] | undefined)[] = [];
  if (encrypt) {
    const lookups = await stores.addressBook.lookupRecipients(recipients, now);
    for (const lookup of lookups) {
      // Mail to one's own addresses encrypts to one's own certificate, which is not in the address book.
      if (!lookup.certificate) {
        const own = await stores.keys.chooseSigningIdentity(lookup.address, now);
        if (own) {
          lookup.certificate = own.certificate;
          delete lookup.problem;
        }
      }
    }
    const missing = lookups.filter((l) => !l.certificate);
    const self = await ownEncryptionCertificate(stores, from, now);
    if (missing.length > 0) {
      if (!(options.signOnlyIfMissingCertificates && policy.sign)) {
        return {
          kind: 'blocked',
          reason: `No usable encryption certificate for ${missing.map((m) => m.address).join(', ')}. Import their certificates, send signed only, or cancel.`,
          missingCertificates: missing.map((m) => m.address),
        };
      }
      encrypt = false;
    } else {
      recipientCerts = lookups.map((l) => l.certificate as pkijs.Certificate);
      cipherOids = lookups.map((l) => l.capabilities?.map((c) => c.oid));
      if (self) {
        recipientCerts.push(self);
        // Our own capabilities are unknown here; they must not force a weaker cipher than the recipients'.
      }
    }
  }

  let mime = buildMessage({ ...toMessageInput(snapshot), date: now });
  if (policy.sign) {
    const identity = await stores.keys.chooseSigningIdentity(from, now);
    if (!identity) {
      return { kind: 'blocked', reason: `You have no valid signing certificate for ${from}. Import one (PKCS#12) or create a test identity under Keys & certificates.` };
    }
    const key = await stores.keys.getKeyHandle(identity.id);
    mime = await signMessage(mime, { certificate: identity.certificate, chain: identity.chain, key }, { signingTime: now });
  }
  if (encrypt) {
    mime = await encryptMessage(mime, recipientCerts, { cipher: chooseContentCipher(cipherOids) });
  }
  return { kind: 'ready', mime, signed: policy.sign, encrypted: encrypt };
}

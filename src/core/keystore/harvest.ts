/**
 * Learns correspondents' certificates from messages the user reads: only when the verdict
 * is `valid` (the address book refuses anything else, and certificates that do not name the
 * From address). A changed certificate for a known address is kept next to the old one and
 * reported, because it may be a renewal or an impersonation.
 */
import type * as pkijs from 'pkijs';
import { toHex } from '../bytes';
import { nameToString, type EncryptionKeyPreference } from '../cms/attributes';
import { isAeadCipher } from '../cms/content-cipher';
import { subjectKeyIdHex } from '../pki/extensions';
import type { ReadResult } from '../smime/read-message';
import type { Verdict } from '../verdict';
import type { AddressBook } from './address-book';
import { certificateId } from './fingerprint';
import type { TrustStore } from './trust-store';

/** The certificate an SMIMEEncryptionKeyPreference names, among those the message carried. */
export function resolveKeyPreference(pref: EncryptionKeyPreference, certs: pkijs.Certificate[]): pkijs.Certificate | undefined {
  return certs.find((c) =>
    'subjectKeyIdentifier' in pref
      ? subjectKeyIdHex(c) === pref.subjectKeyIdentifier
      : toHex(c.serialNumber.valueBlock.valueHexView) === pref.serialNumber && nameToString(c.issuer) === pref.issuer,
  );
}

/**
 * Stores the signers' certificates of a `valid` read in the address book (and the CA
 * certificates the message carried in `trust`'s intermediate cache, when given). Alerts about
 * changed certificates are returned and also appended to the verdict's warnings.
 */
export async function harvestFromRead(addressBook: AddressBook, read: ReadResult, trust?: TrustStore): Promise<{ alerts: string[] }> {
  const { verdict } = read;
  const alerts: string[] = [];
  // Before harvesting, which would replace the stored capabilities with this message's.
  const downgrade = await downgradeWarning(addressBook, verdict);
  if (downgrade && !verdict.warnings.includes(downgrade)) verdict.warnings.push(downgrade);
  if (verdict.status !== 'valid' || !verdict.from) return { alerts };
  for (const signer of read.signerDetails ?? []) {
    const id = certificateId(signer.certificate);
    const known = (await addressBook.list()).some((e) => e.fingerprint === id);
    const preferred = signer.encryptionKeyPreference && resolveKeyPreference(signer.encryptionKeyPreference, signer.messageCertificates);
    const result = await addressBook.harvest({
      signerCertificate: signer.certificate,
      capabilities: signer.capabilities,
      encryptionKeyPreference: preferred,
      verdictValid: true,
      fromAddress: verdict.from,
    });
    // Only a certificate seen for the first time is news; later messages signed with it are not.
    if (result.changed && !known) {
      const previous = result.previous.map((c) => certificateId(c)).join(', ');
      alerts.push(`${verdict.from}'s certificate changed: new fingerprint ${id} (previously ${previous})`);
    }
    await trust?.addIntermediates(signer.messageCertificates);
  }
  verdict.warnings.push(...alerts);
  return { alerts };
}

/**
 * Checklist E35: legacy CBC mail from a correspondent whose stored SMIMECapabilities say they
 * read AES-GCM. Their client would normally encrypt with authenticated encryption too, so the
 * CBC layer may be an attacker's re-encoding (EFAIL downgrade); the read view then shows plain text.
 */
async function downgradeWarning(addressBook: AddressBook, verdict: Verdict): Promise<string | undefined> {
  if (!verdict.from || !verdict.encryption.some((e) => !e.authenticated)) return undefined;
  const entries = await addressBook.entriesFor(verdict.from);
  if (!entries.some((e) => e.capabilities?.some((c) => isAeadCipher(c.oid)))) return undefined;
  return `${verdict.from} normally uses authenticated encryption (AES-GCM), but this message uses legacy CBC: it may have been altered on the way`;
}

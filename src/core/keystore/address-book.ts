/**
 * Correspondents' certificates for encrypting to them. Certificates are harvested only
 * from signatures that verified and whose certificate names the From address, so a forged
 * or mismatched signature cannot plant a key ("Mailto: Me Your Secrets"). A new
 * certificate for a known address is kept next to the old one and reported as a change.
 */
import * as pkijs from 'pkijs';
import { parsePkiObject, toDer } from '../asn1';
import { BadInputError } from '../errors';
import type { SmimeCapability } from '../cms/capabilities';
import { OID } from '../oids';
import { certificateEmails, emailMatchesCertificate, normalizeAddress } from '../pki/email-binding';
import { certInfo, hasKeyUsage, KeyUsageBit } from '../pki/extensions';
import type { KeyValueBackend } from './backend';
import { parseCertificateFile } from './certificate-files';
import { certificateId, normalizeFingerprint } from './fingerprint';

export interface AddressBookEntry {
  fingerprint: string;
  certificate: pkijs.Certificate;
  /** Normalised addresses (local@domain, domain lower-case). */
  addresses: string[];
  capabilities?: SmimeCapability[];
  /** The signer named this certificate in SMIMEEncryptionKeyPreference. */
  preferredForEncryption: boolean;
  source: 'harvested' | 'imported';
  addedAt: Date;
}

interface EntryRecord extends Omit<AddressBookEntry, 'certificate'> {
  certificate: Uint8Array;
}

export interface HarvestResult {
  stored: boolean;
  /** Set when the address already had a different certificate; both are kept. */
  changed: boolean;
  previous: pkijs.Certificate[];
  reason?: string;
}

export interface RecipientLookup {
  address: string;
  certificate?: pkijs.Certificate;
  capabilities?: SmimeCapability[];
  problem?: string;
}

const PREFIX = 'contact/';

function normalized(address: string): string | undefined {
  const n = normalizeAddress(address);
  return n ? `${n.local}@${n.domain}` : undefined;
}

function addressesOf(cert: pkijs.Certificate): string[] {
  return [...new Set(certificateEmails(cert).map(normalized).filter((a): a is string => !!a))];
}

export class AddressBook {
  constructor(private readonly backend: KeyValueBackend) {}

  private async records(): Promise<EntryRecord[]> {
    const out: EntryRecord[] = [];
    for (const key of await this.backend.list(PREFIX)) {
      const record = await this.backend.get<EntryRecord>(key);
      if (record) out.push(record);
    }
    return out;
  }

  private async store(cert: pkijs.Certificate, fields: Partial<EntryRecord> & Pick<EntryRecord, 'source'>): Promise<void> {
    const fingerprint = certificateId(cert);
    const existing = await this.backend.get<EntryRecord>(PREFIX + fingerprint);
    const record: EntryRecord = {
      fingerprint,
      certificate: toDer(cert),
      addresses: addressesOf(cert),
      preferredForEncryption: fields.preferredForEncryption ?? existing?.preferredForEncryption ?? false,
      source: existing?.source ?? fields.source,
      addedAt: existing?.addedAt ?? new Date(),
    };
    const capabilities = fields.capabilities ?? existing?.capabilities;
    if (capabilities) record.capabilities = capabilities;
    await this.backend.put(PREFIX + fingerprint, record);
  }

  /**
   * Learns the signer's certificate from a verified message. `encryptionKeyPreference` is
   * the certificate the signer's SMIMEEncryptionKeyPreference attribute pointed at, already
   * resolved by the caller from the message's certificates.
   */
  async harvest(input: {
    signerCertificate: pkijs.Certificate;
    capabilities?: SmimeCapability[];
    encryptionKeyPreference?: pkijs.Certificate;
    verdictValid: boolean;
    fromAddress: string;
  }): Promise<HarvestResult> {
    const none = (reason: string): HarvestResult => ({ stored: false, changed: false, previous: [], reason });
    if (!input.verdictValid) return none('the signature is not valid');
    if (!emailMatchesCertificate(input.fromAddress, input.signerCertificate)) {
      return none('the certificate does not name the From address');
    }
    const from = normalized(input.fromAddress)!;
    const toStore = [input.signerCertificate];
    const preferred = input.encryptionKeyPreference;
    if (preferred && emailMatchesCertificate(input.fromAddress, preferred)) toStore.push(preferred);
    const newIds = new Set(toStore.map((c) => certificateId(c)));
    const previous = (await this.records())
      .filter((r) => r.addresses.includes(from) && !newIds.has(r.fingerprint))
      .map((r) => parsePkiObject(pkijs.Certificate, r.certificate, 'stored certificate'));
    await this.store(input.signerCertificate, { source: 'harvested', capabilities: input.capabilities });
    if (preferred && toStore.includes(preferred)) {
      await this.store(preferred, { source: 'harvested', capabilities: input.capabilities, preferredForEncryption: true });
    }
    return { stored: true, changed: previous.length > 0, previous };
  }

  /** Imports end-entity certificates from .cer/.pem/.p7b; CA certificates are skipped. */
  async importCertificates(bytes: Uint8Array): Promise<pkijs.Certificate[]> {
    const imported: pkijs.Certificate[] = [];
    for (const cert of parseCertificateFile(bytes)) {
      if (certInfo(cert).basicConstraints?.cA) continue;
      await this.store(cert, { source: 'imported' });
      imported.push(cert);
    }
    return imported;
  }

  async list(): Promise<AddressBookEntry[]> {
    return (await this.records()).map(toEntry);
  }

  async remove(fingerprint: string): Promise<boolean> {
    const key = PREFIX + normalizeFingerprint(fingerprint);
    if (!(await this.backend.get(key))) return false;
    await this.backend.delete(key);
    return true;
  }

  /** Every stored entry naming this address (normalised like the certificates' addresses). */
  async entriesFor(address: string): Promise<AddressBookEntry[]> {
    const key = normalized(address);
    if (!key) return [];
    return (await this.records()).filter((r) => r.addresses.includes(key)).map(toEntry);
  }

  /**
   * For each address the certificate to encrypt to: valid now, allowed for e-mail, KU allows
   * key transport (RSA: keyEncipherment) or agreement (EC: keyAgreement); absent KU allows
   * both. The signer's preferred certificate wins, then the newest.
   */
  async lookupRecipients(addresses: string[], now = new Date()): Promise<RecipientLookup[]> {
    const records = await this.records();
    return addresses.map((address) => {
      const key = normalized(address);
      if (!key) return { address, problem: `"${address}" is not a valid e-mail address` };
      const known = records.filter((r) => r.addresses.includes(key)).map(toEntry);
      if (known.length === 0) return { address, problem: `no certificate for ${address}` };
      const valid = known.filter((e) => e.certificate.notBefore.value <= now && now <= e.certificate.notAfter.value);
      if (valid.length === 0) return { address, problem: `the certificate for ${address} has expired or is not yet valid` };
      const usable = valid.filter((e) => allowsEncryption(e.certificate));
      if (usable.length === 0) return { address, problem: `the certificate for ${address} does not allow encryption` };
      usable.sort(
        (a, b) =>
          Number(b.preferredForEncryption) - Number(a.preferredForEncryption) ||
          b.certificate.notBefore.value.getTime() - a.certificate.notBefore.value.getTime(),
      );
      const best = usable[0];
      const result: RecipientLookup = { address, certificate: best.certificate };
      if (best.capabilities) result.capabilities = best.capabilities;
      return result;
    });
  }
}

function allowsEncryption(cert: pkijs.Certificate): boolean {
  const info = certInfo(cert);
  if (info.malformed.length > 0 || info.unknownCritical.length > 0) return false;
  if (info.eku && !info.eku.includes(OID.extKeyUsageEmailProtection) && !info.eku.includes(OID.anyExtendedKeyUsage)) return false;
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg === OID.rsaEncryption || alg === OID.rsaesOaep) return hasKeyUsage(info, KeyUsageBit.keyEncipherment);
  if (alg === OID.ecPublicKey) return hasKeyUsage(info, KeyUsageBit.keyAgreement);
  return false;
}

function toEntry(record: EntryRecord): AddressBookEntry {
  if (!record.certificate) throw new BadInputError('damaged address book record');
  return { ...record, certificate: parsePkiObject(pkijs.Certificate, record.certificate, 'stored certificate') };
}

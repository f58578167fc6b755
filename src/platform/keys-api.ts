/**
 * KeysApi (the shared keys view's contract) over the keystore, address book and trust store.
 * Nothing here is host-specific: the Outlook task pane and the Thunderbird extension both
 * use it. PKCS#8 copies are zeroed as soon as the keystore has them.
 */
import type * as pkijs from 'pkijs';
import type { AddressBook } from '../core/keystore/address-book';
import { parseCertificateFile } from '../core/keystore/certificate-files';
import { createSelfSignedTestIdentity, TEST_IDENTITY_ORGANIZATION } from '../core/keystore/generate';
import type { KeyStore, StoredIdentity } from '../core/keystore/key-store';
import { readPkcs12, writePkcs12 } from '../core/keystore/pkcs12';
import type { TrustStore } from '../core/keystore/trust-store';
import { BadInputError } from '../core/errors';
import { summarizeCertificate } from '../core/pki/certificate-info';
import type { IdentityInfo, KeysApi } from '../ui/host-api';

export interface KeyStores {
  keys: KeyStore;
  addressBook: AddressBook;
  /** A current view of the anchors (another page may have changed them). */
  trust(): Promise<TrustStore>;
}

const DAY_MS = 86_400_000;

export function identityInfo(identity: StoredIdentity, now = new Date()): IdentityInfo {
  const certificate = summarizeCertificate(identity.certificate);
  return {
    id: identity.id,
    label: identity.label,
    emails: identity.emails,
    certificate,
    isTestIdentity: certificate.subject.includes(TEST_IDENTITY_ORGANIZATION),
    expiresInDays: Math.floor((identity.certificate.notAfter.value.getTime() - now.getTime()) / DAY_MS),
  };
}

/** `onChanged` runs after every change, e.g. so a background page can drop cached verdicts. */
export function createKeysApi(stores: () => Promise<KeyStores>, onChanged: () => void = () => {}): KeysApi {
  const changed = <T>(value: T): T => {
    onChanged();
    return value;
  };
  return {
    async listIdentities() {
      return (await (await stores()).keys.listIdentities()).map((i) => identityInfo(i));
    },
    async importPkcs12(file, password) {
      const { keys, trust } = await stores();
      const contents = await readPkcs12(file, password);
      const imported: IdentityInfo[] = [];
      for (const entry of contents.entries) {
        try {
          imported.push(identityInfo(await keys.importIdentity({ ...entry, label: entry.friendlyName })));
          await (await trust()).addIntermediates(entry.chain);
        } finally {
          entry.pkcs8.fill(0);
        }
      }
      if (imported.length === 0) throw new BadInputError('The file holds no certificate with its private key.');
      return changed(imported);
    },
    async createTestIdentity(email, commonName) {
      const test = await createSelfSignedTestIdentity({ email, commonName });
      try {
        const label = `${commonName || email} (TEST)`;
        return changed(identityInfo(await (await stores()).keys.importIdentity({ ...test, label })));
      } finally {
        test.pkcs8.fill(0);
      }
    },
    async exportBackup(identityId, passphrase) {
      const { keys } = await stores();
      const identity = await keys.getIdentity(identityId);
      if (!identity) throw new BadInputError('No such identity.');
      const pkcs8 = await keys.exportPkcs8(identityId);
      try {
        return await writePkcs12({ pkcs8, certificate: identity.certificate, chain: identity.chain, friendlyName: identity.label }, passphrase);
      } finally {
        pkcs8.fill(0);
      }
    },
    async deleteIdentity(identityId) {
      changed(await (await stores()).keys.deleteIdentity(identityId));
    },
    async listCertificates() {
      return (await (await stores()).addressBook.list()).map((e) => summarizeCertificate(e.certificate));
    },
    async importCertificates(file) {
      return changed((await (await stores()).addressBook.importCertificates(file)).map(summarizeCertificate));
    },
    async removeCertificate(fingerprint) {
      changed(await (await stores()).addressBook.remove(fingerprint));
    },
    async listAnchors() {
      const trust = await (await stores()).trust();
      const tag = (source: 'deployment' | 'user') => (c: pkijs.Certificate) => ({ certificate: summarizeCertificate(c), source });
      return [...trust.deploymentAnchors().map(tag('deployment')), ...trust.userAnchors().map(tag('user'))];
    },
    async addAnchor(file, confirmedFingerprint) {
      const [certificate] = parseCertificateFile(file, 'anchor certificate');
      if (!certificate) throw new BadInputError('The file holds no certificate.');
      await (await (await stores()).trust()).addUserAnchor(certificate, confirmedFingerprint);
      return changed(summarizeCertificate(certificate));
    },
    async removeAnchor(fingerprint) {
      changed(await (await (await stores()).trust()).removeUserAnchor(fingerprint));
    },
  };
}

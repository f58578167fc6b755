/**
 * KeysApi (the shared keys view's contract) over the extension's stores. Nothing in it is
 * Thunderbird-specific; `onChanged` lets the options page tell the background that cached
 * verdicts are stale. PKCS#8 copies are zeroed as soon as the keystore has them.
 */
import type * as pkijs from 'pkijs';
import { createSelfSignedTestIdentity, TEST_IDENTITY_ORGANIZATION } from '../core/keystore/generate';
import type { StoredIdentity } from '../core/keystore/key-store';
import { readPkcs12, writePkcs12 } from '../core/keystore/pkcs12';
import { parseCertificateFile } from '../core/keystore/certificate-files';
import { summarizeCertificate } from '../core/pki/certificate-info';
import type { CertificateSummary } from '../core/verdict';
import type { IdentityInfo, KeysApi } from '../ui/host-api';
import type { Stores } from './stores';

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

export function createKeysApi(stores: Stores, onChanged: () => void = () => {}): KeysApi {
  const changed = <T>(value: T): T => {
    onChanged();
    return value;
  };
  return {
    async listIdentities() {
      return (await stores.keys.listIdentities()).map((i) => identityInfo(i));
    },
    async importPkcs12(file, password) {
      const contents = await readPkcs12(file, password);
      const imported: IdentityInfo[] = [];
      const trust = await stores.trust();
      for (const entry of contents.entries) {
        try {
          const identity = await stores.keys.importIdentity({ ...entry, label: entry.friendlyName });
          imported.push(identityInfo(identity));
          await trust.addIntermediates(entry.chain);
        } finally {
          entry.pkcs8.fill(0);
        }
      }
      return changed(imported);
    },
    async createTestIdentity(email, commonName) {
      const test = await createSelfSignedTestIdentity({ email, commonName });
      try {
        return changed(identityInfo(await stores.keys.importIdentity(test)));
      } finally {
        test.pkcs8.fill(0);
      }
    },
    async exportBackup(identityId, passphrase) {
      const identity = await stores.keys.getIdentity(identityId);
      const pkcs8 = await stores.keys.exportPkcs8(identityId);
      try {
        return await writePkcs12({ pkcs8, certificate: identity!.certificate, chain: identity!.chain, friendlyName: identity!.label }, passphrase);
      } finally {
        pkcs8.fill(0);
      }
    },
    async deleteIdentity(identityId) {
      changed(await stores.keys.deleteIdentity(identityId));
    },
    async listCertificates() {
      return (await stores.book.list()).map((e) => summarizeCertificate(e.certificate));
    },
    async importCertificates(file) {
      return changed((await stores.book.importCertificates(file)).map(summarizeCertificate));
    },
    async removeCertificate(fingerprint) {
      changed(await stores.book.remove(fingerprint));
    },
    async listAnchors() {
      const trust = await stores.trust();
      const tag = (source: 'deployment' | 'user') => (c: pkijs.Certificate) => ({ certificate: summarizeCertificate(c), source });
      return [...trust.deploymentAnchors().map(tag('deployment')), ...trust.userAnchors().map(tag('user'))];
    },
    async addAnchor(file, confirmedFingerprint): Promise<CertificateSummary> {
      const [certificate] = parseCertificateFile(file, 'anchor certificate');
      await (await stores.trust()).addUserAnchor(certificate, confirmedFingerprint);
      return changed(summarizeCertificate(certificate));
    },
    async removeAnchor(fingerprint) {
      changed(await (await stores.trust()).removeUserAnchor(fingerprint));
    },
  };
}

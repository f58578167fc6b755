/** KeysApi over the task pane's stores: identities, correspondents' certificates, anchors. */
import {
  BadInputError,
  createSelfSignedTestIdentity,
  loadCertificates,
  readPkcs12,
  summarizeCertificate,
  writePkcs12,
  type CertificateSummary,
} from '../core/index';
import { TEST_IDENTITY_ORGANIZATION } from '../core/keystore/generate';
import { certificateId, type StoredIdentity } from '../core/keystore/key-store';
import type { IdentityInfo, KeysApi } from '../ui/host-api';
import type { Stores } from './storage';

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

export function createKeysApi(stores: () => Promise<Stores>): KeysApi {
  return {
    async listIdentities() {
      return (await (await stores()).keys.listIdentities()).map((i) => identityInfo(i));
    },

    async importPkcs12(file, password) {
      const { keys } = await stores();
      const bundle = await readPkcs12(file, password);
      const out: IdentityInfo[] = [];
      for (const entry of bundle.entries) {
        try {
          out.push(identityInfo(await keys.importIdentity({ pkcs8: entry.pkcs8, certificate: entry.certificate, chain: entry.chain })));
        } finally {
          entry.pkcs8.fill(0);
        }
      }
      if (out.length === 0) throw new BadInputError('The file holds no certificate with its private key.');
      return out;
    },

    async createTestIdentity(email, commonName) {
      const { keys } = await stores();
      const test = await createSelfSignedTestIdentity({ email, commonName });
      try {
        return identityInfo(await keys.importIdentity({ pkcs8: test.pkcs8, certificate: test.certificate, label: `${commonName || email} (TEST)` }));
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
      await (await stores()).keys.deleteIdentity(identityId);
    },

    async listCertificates() {
      return (await (await stores()).addressBook.list()).map((e) => summarizeCertificate(e.certificate));
    },

    async importCertificates(file) {
      return (await (await stores()).addressBook.importCertificates(file)).map(summarizeCertificate);
    },

    async removeCertificate(fingerprint) {
      await (await stores()).addressBook.remove(fingerprint);
    },

    async listAnchors() {
      const { trust } = await stores();
      const list = (source: 'deployment' | 'user', certs: ReturnType<typeof trust.anchors>) =>
        certs.map((c) => ({ certificate: summarizeCertificate(c) as CertificateSummary, source }));
      return [...list('deployment', trust.deploymentAnchors()), ...list('user', trust.userAnchors())];
    },

    async addAnchor(file, confirmedFingerprint) {
      const { trust } = await stores();
      const certs = loadCertificates(file, 'anchor file');
      const match = certs.find((c) => certificateId(c) === confirmedFingerprint.replace(/[^0-9a-f]/gi, '').toLowerCase()) ?? certs[0];
      if (!match) throw new BadInputError('The file holds no certificate.');
      await trust.addUserAnchor(match, confirmedFingerprint);
      return summarizeCertificate(match);
    },

    async removeAnchor(fingerprint) {
      await (await stores()).trust.removeUserAnchor(fingerprint);
    },
  };
}

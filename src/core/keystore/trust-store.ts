/**
 * Trust anchors: a read-only set shipped with the deployment (PEM bundle) plus anchors the
 * user added after confirming the fingerprint out of band, and a cache of intermediates
 * seen in messages (never trusted by themselves; only help build paths).
 */
import * as pkijs from 'pkijs';
import { parsePkiObject, toDer } from '../asn1';
import { BadInputError } from '../errors';
import { loadCertificates } from '../pem';
import { certInfo } from '../pki/extensions';
import type { KeyValueBackend } from './backend';
import { certificateId, normalizeFingerprint } from './fingerprint';

const USER = 'trust/user/';
const INTERMEDIATE = 'trust/intermediate/';
const MAX_INTERMEDIATES = 500;

export class TrustStore {
  private readonly deployment: pkijs.Certificate[];
  private user = new Map<string, pkijs.Certificate>();
  private cached = new Map<string, pkijs.Certificate>();

  private constructor(
    private readonly backend: KeyValueBackend,
    deploymentPem?: Uint8Array,
  ) {
    this.deployment = deploymentPem && deploymentPem.length > 0 ? loadCertificates(deploymentPem, 'deployment trust bundle') : [];
  }

  /** Loads user anchors and cached intermediates so `anchors()` can answer synchronously. */
  static async open(backend: KeyValueBackend, deploymentPem?: Uint8Array): Promise<TrustStore> {
    const store = new TrustStore(backend, deploymentPem);
    for (const [prefix, map] of [[USER, store.user], [INTERMEDIATE, store.cached]] as const) {
      for (const key of await backend.list(prefix)) {
        const der = await backend.get<Uint8Array>(key);
        if (der) map.set(key.slice(prefix.length), parsePkiObject(pkijs.Certificate, der, 'stored certificate'));
      }
    }
    return store;
  }

  anchors(): pkijs.Certificate[] {
    return [...this.deployment, ...this.user.values()];
  }

  deploymentAnchors(): pkijs.Certificate[] {
    return [...this.deployment];
  }

  userAnchors(): pkijs.Certificate[] {
    return [...this.user.values()];
  }

  intermediates(): pkijs.Certificate[] {
    return [...this.cached.values()];
  }

  /**
   * Trusts `certificate` as an anchor. `confirmedFingerprint` is the SHA-256 fingerprint the
   * user checked out of band; a mismatch is refused so a swapped file cannot slip in.
   */
  async addUserAnchor(certificate: pkijs.Certificate, confirmedFingerprint: string): Promise<string> {
    const id = certificateId(certificate);
    if (normalizeFingerprint(confirmedFingerprint) !== id) {
      throw new BadInputError('The fingerprint you confirmed does not match this certificate; it was not trusted.');
    }
    await this.backend.put(USER + id, toDer(certificate));
    this.user.set(id, certificate);
    return id;
  }

  async removeUserAnchor(fingerprint: string): Promise<boolean> {
    const id = normalizeFingerprint(fingerprint);
    if (this.deployment.some((c) => certificateId(c) === id)) {
      throw new BadInputError('This anchor comes from the deployment and cannot be removed here.');
    }
    if (!this.user.has(id)) return false;
    await this.backend.delete(USER + id);
    this.user.delete(id);
    return true;
  }

  /** Remembers CA certificates seen in messages to complete later paths; end-entity ones are ignored. */
  async addIntermediates(certificates: pkijs.Certificate[]): Promise<void> {
    for (const cert of certificates) {
      if (!certInfo(cert).basicConstraints?.cA) continue;
      const id = certificateId(cert);
      if (this.cached.has(id) || this.cached.size >= MAX_INTERMEDIATES) continue;
      await this.backend.put(INTERMEDIATE + id, toDer(cert));
      this.cached.set(id, cert);
    }
  }
}

/**
 * The user's own identities (certificate + private key). Private keys are held as
 * non-extractable CryptoKeys, one per usage, where the backend can persist them; the
 * PKCS#8 is kept only AES-GCM-wrapped (device key, and a passphrase when given), for the
 * one operation WebCrypto lacks (RSAES-PKCS1-v1_5 decryption) and for backups, and is
 * unwrapped for a single operation and zeroed afterwards. Nothing here logs.
 */
import * as pkijs from 'pkijs';
import { parsePkiObject, toDer } from '../asn1';
import { toArrayBuffer, toHex } from '../bytes';
import { BadInputError, KeyMismatchError, UnsupportedAlgorithmError, WrongPasswordError } from '../errors';
import { keyHandle, keyUsage, privateKeyFromPkcs8, type KeyType, type NamedCurve, type PrivateKeyHandle } from '../keys';
import { OID } from '../oids';
import { certificateEmails, emailMatchesCertificate } from '../pki/email-binding';
import { certInfo, hasKeyUsage, KeyUsageBit } from '../pki/extensions';
import type { KeyValueBackend } from './backend';
export { certificateId } from './fingerprint';
import { pkcs8MatchesCertificate } from './key-match';
import { spkiFromPkcs8 } from './public-key';
import { syncHash } from '../crypto/sha';
import { generateDeviceKey, unwrapPkcs8, wrapPkcs8, type WrappedKey } from './key-wrap';
import { certificateId } from './fingerprint';

export interface StoredIdentity {
  /** Lower-case hex SHA-256 of the certificate DER. */
  id: string;
  certificate: pkijs.Certificate;
  chain: pkijs.Certificate[];
  label: string;
  emails: string[];
  createdAt: Date;
  keyType: KeyType;
  namedCurve?: NamedCurve;
  bits: number;
  /** True when a wrapped PKCS#8 exists, so the key can be exported as a PKCS#12 backup. */
  exportable: boolean;
}

/** What the backend holds: certificates as DER, the key as CryptoKeys and/or wrapped PKCS#8. */
interface IdentityRecord extends Omit<StoredIdentity, 'certificate' | 'chain' | 'exportable'> {
  certificate: Uint8Array;
  chain: Uint8Array[];
  cryptoKeys?: Record<string, CryptoKey>;
  wrapped?: WrappedKey;
}

export interface KeyStoreOptions {
  backend: KeyValueBackend;
  /** Adds a passphrase layer to wrapped keys; required when the backend cannot hold CryptoKeys. */
  passphrase?: string;
  /** Keep a wrapped PKCS#8 of EC keys too, so they can be backed up (RSA keys always have one). */
  wrapEcKeys?: boolean;
  /** Test hook for the passphrase KDF; production keeps the 600,000 default. */
  passphraseIterations?: number;
  /** Test hook for the back-off clock (ms since the epoch). */
  now?: () => number;
}

/**
 * Wait after `failures` consecutive wrong passphrases (threat checklist G.54): free for two
 * typos, then 1 s doubling up to 15 min. Kept in the backend so restarting does not reset it.
 */
export function unlockDelayMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(1000 * 2 ** (failures - 3), 15 * 60_000);
}

interface FailureRecord {
  count: number;
  last: number;
}

const PREFIX = 'identity/';
const DEVICE_KEY = 'device-key';
const PENDING = 'pending/';
const FAILURES = 'unlock-failures';
const RSA_HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
const OAEP_HASHES = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const;

/** The usage ids stored as non-extractable CryptoKeys at import (see keyUsage in core/keys). */
function usageIds(keyType: KeyType): string[] {
  if (keyType === 'EC') return ['ecdsa', 'ecdh'];
  return [...RSA_HASHES.map((h) => `pkcs1-${h}`), ...RSA_HASHES.map((h) => `pss-${h}`), ...OAEP_HASHES.map((h) => `oaep-${h}`)];
}

export class KeyStore {
  constructor(private readonly options: KeyStoreOptions) {}

  private requirePassphraseIfNeeded(): void {
    if (!this.backend.persistsCryptoKeys && !this.options.passphrase) {
      throw new BadInputError('This key storage cannot hold protected keys; a passphrase is required');
    }
  }

  private get backend() {
    return this.options.backend;
  }

  private async deviceKey(create: boolean): Promise<CryptoKey | undefined> {
    if (!this.backend.persistsCryptoKeys) return undefined;
    let key = await this.backend.get<CryptoKey>(DEVICE_KEY);
    if (!key && create) {
      key = await generateDeviceKey();
      await this.backend.put(DEVICE_KEY, key);
    }
    return key;
  }

  /** Stores an identity; the caller zeroes its own copy of `pkcs8` afterwards. */
  async importIdentity(input: {
    pkcs8: Uint8Array;
    certificate: pkijs.Certificate;
    chain?: pkijs.Certificate[];
    label?: string;
    createdAt?: Date;
  }): Promise<StoredIdentity> {
    this.requirePassphraseIfNeeded();
    if (!(await pkcs8MatchesCertificate(input.pkcs8, input.certificate))) throw new KeyMismatchError();
    const probe = await privateKeyFromPkcs8(input.pkcs8);
    const id = certificateId(input.certificate);
    const emails = certificateEmails(input.certificate);
    const record: IdentityRecord = {
      id,
      certificate: toDer(input.certificate),
      chain: (input.chain ?? []).map((c) => toDer(c)),
      label: input.label || emails[0] || 'Unnamed identity',
      emails,
      createdAt: input.createdAt ?? new Date(),
      keyType: probe.keyType,
      bits: probe.bits,
    };
    if (probe.namedCurve) record.namedCurve = probe.namedCurve;

    if (this.backend.persistsCryptoKeys) {
      record.cryptoKeys = {};
      for (const usageId of usageIds(record.keyType)) {
        const { alg, usages } = keyUsage(usageId, record.namedCurve);
        try {
          record.cryptoKeys[usageId] = await crypto.subtle.importKey('pkcs8', toArrayBuffer(input.pkcs8), alg, false, usages);
        } catch {
          // e.g. an id-RSASSA-PSS key cannot be imported for OAEP; that usage is simply absent.
        }
      }
    }
    const wrap = record.keyType === 'RSA' || this.options.wrapEcKeys || !this.backend.persistsCryptoKeys;
    if (wrap) {
      record.wrapped = await wrapPkcs8(input.pkcs8, id, {
        deviceKey: await this.deviceKey(true),
        passphrase: this.options.passphrase,
        iterations: this.options.passphraseIterations,
      });
    }
    await this.backend.put(PREFIX + id, record);
    return toIdentity(record);
  }

  /**
   * Keeps a freshly generated key (wrapped) until the CA's certificate for it arrives;
   * returns an id derived from its public key.
   */
  async addPendingKey(pkcs8: Uint8Array): Promise<string> {
    this.requirePassphraseIfNeeded();
    const id = toHex(syncHash('SHA-256').digest(toDer(spkiFromPkcs8(pkcs8))));
    const wrapped = await wrapPkcs8(pkcs8, PENDING + id, {
      deviceKey: await this.deviceKey(true),
      passphrase: this.options.passphrase,
      iterations: this.options.passphraseIterations,
    });
    await this.backend.put(PENDING + id, wrapped);
    return id;
  }

  /** If `certificate` certifies a pending key, stores the pair as an identity and drops the pending key. */
  async completePendingKey(certificate: pkijs.Certificate, chain: pkijs.Certificate[] = []): Promise<StoredIdentity | undefined> {
    const id = toHex(syncHash('SHA-256').digest(toDer(certificate.subjectPublicKeyInfo)));
    const wrapped = await this.backend.get<WrappedKey>(PENDING + id);
    if (!wrapped) return undefined;
    const deviceKey = await this.deviceKey(false);
    const pkcs8 = await this.withBackoff(() => unwrapPkcs8(wrapped, PENDING + id, { deviceKey, passphrase: this.options.passphrase }));
    try {
      const identity = await this.importIdentity({ pkcs8, certificate, chain });
      await this.backend.delete(PENDING + id);
      return identity;
    } finally {
      pkcs8.fill(0);
    }
  }

  async listIdentities(): Promise<StoredIdentity[]> {
    const out: StoredIdentity[] = [];
    for (const key of await this.backend.list(PREFIX)) {
      const record = await this.backend.get<IdentityRecord>(key);
      if (record) out.push(toIdentity(record));
    }
    return out;
  }

  async getIdentity(id: string): Promise<StoredIdentity | undefined> {
    const record = await this.backend.get<IdentityRecord>(PREFIX + id);
    return record ? toIdentity(record) : undefined;
  }

  async deleteIdentity(id: string): Promise<void> {
    await this.backend.delete(PREFIX + id);
  }

  /** The PKCS#8 for a PKCS#12 backup; the caller zeroes it. Needs a wrapped copy. */
  async exportPkcs8(id: string): Promise<Uint8Array> {
    const record = await this.record(id);
    if (!record.wrapped) throw new UnsupportedAlgorithmError('This key is stored non-exportable and cannot be backed up');
    return this.unwrap(record);
  }

  private async record(id: string): Promise<IdentityRecord> {
    const record = await this.backend.get<IdentityRecord>(PREFIX + id);
    if (!record) throw new BadInputError(`No identity with id ${id}`);
    return record;
  }

  private async unwrap(record: IdentityRecord): Promise<Uint8Array> {
    const deviceKey = await this.deviceKey(false);
    return this.withBackoff(() => unwrapPkcs8(record.wrapped!, record.id, { deviceKey, passphrase: this.options.passphrase }));
  }

  /** Refuses to try a passphrase during the back-off window; counts wrong ones, clears on success. */
  private async withBackoff<T>(unlock: () => Promise<T>): Promise<T> {
    if (this.options.passphrase === undefined) return unlock();
    const now = this.options.now ?? Date.now;
    const failures = await this.backend.get<FailureRecord>(FAILURES);
    const wait = failures ? failures.last + unlockDelayMs(failures.count) - now() : 0;
    if (wait > 0) throw new WrongPasswordError(`Too many wrong passphrases; try again in ${Math.ceil(wait / 1000)} s.`);
    try {
      const result = await unlock();
      if (failures) await this.backend.delete(FAILURES);
      return result;
    } catch (err) {
      if (err instanceof WrongPasswordError) await this.backend.put(FAILURES, { count: (failures?.count ?? 0) + 1, last: now() });
      throw err;
    }
  }

  async getKeyHandle(id: string): Promise<PrivateKeyHandle> {
    const record = await this.record(id);
    const cache = new Map<string, CryptoKey>();
    const withPkcs8 = async <T>(op: (pkcs8: Uint8Array) => Promise<T>): Promise<T> => {
      if (!record.wrapped) throw new UnsupportedAlgorithmError('This key has no stored copy for this operation');
      const pkcs8 = await this.unwrap(record);
      try {
        return await op(pkcs8);
      } finally {
        pkcs8.fill(0);
      }
    };
    return keyHandle({
      keyType: record.keyType,
      namedCurve: record.namedCurve,
      bits: record.bits,
      withPkcs8,
      async cryptoKey(usageId) {
        const stored = record.cryptoKeys?.[usageId] ?? cache.get(usageId);
        if (stored) return stored;
        // A file-backed store holds no CryptoKeys: import from the wrapped copy, once.
        const { alg, usages } = keyUsage(usageId, record.namedCurve);
        const key = await withPkcs8((pkcs8) => crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), alg, false, usages));
        cache.set(usageId, key);
        return key;
      },
    });
  }

  /**
   * The identity to sign mail from `fromAddress`: its certificate names that address, is
   * valid now, and allows digital signatures for e-mail. Newest (latest notBefore) wins.
   */
  async chooseSigningIdentity(fromAddress: string, now = new Date()): Promise<StoredIdentity | undefined> {
    const candidates = (await this.listIdentities()).filter((identity) => {
      const info = certInfo(identity.certificate);
      const ekuOk = !info.eku || info.eku.includes(OID.extKeyUsageEmailProtection) || info.eku.includes(OID.anyExtendedKeyUsage);
      return (
        emailMatchesCertificate(fromAddress, identity.certificate) &&
        info.notBefore <= now &&
        now <= info.notAfter &&
        hasKeyUsage(info, KeyUsageBit.digitalSignature) &&
        ekuOk
      );
    });
    candidates.sort((a, b) => b.certificate.notBefore.value.getTime() - a.certificate.notBefore.value.getTime());
    return candidates[0];
  }

  /** Identities whose certificate expires within `withinDays` days (already expired ones included), soonest first. */
  async expiringIdentities(withinDays: number, now = new Date()): Promise<StoredIdentity[]> {
    const limit = now.getTime() + withinDays * 86_400_000;
    return (await this.listIdentities())
      .filter((identity) => identity.certificate.notAfter.value.getTime() <= limit)
      .sort((a, b) => a.certificate.notAfter.value.getTime() - b.certificate.notAfter.value.getTime());
  }
}

function toIdentity(record: IdentityRecord): StoredIdentity {
  const identity: StoredIdentity = {
    id: record.id,
    certificate: parsePkiObject(pkijs.Certificate, record.certificate, 'stored certificate'),
    chain: record.chain.map((der) => parsePkiObject(pkijs.Certificate, der, 'stored certificate')),
    label: record.label,
    emails: record.emails,
    createdAt: record.createdAt,
    keyType: record.keyType,
    bits: record.bits,
    exportable: !!record.wrapped,
  };
  if (record.namedCurve) identity.namedCurve = record.namedCurve;
  return identity;
}

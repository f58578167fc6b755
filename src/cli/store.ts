/**
 * The CLI's file-backed store (--store DIR, else $SMIME_HOME or ~/.config/smime): identities,
 * address book and trust anchors. Private keys are wrapped under $SMIME_STORE_PASS; secrets
 * are only ever read from environment variables, never from arguments.
 */
import type * as pkijs from 'pkijs';
import { AddressBook } from '../core/keystore/address-book';
import { KeyStore, type StoredIdentity } from '../core/keystore/key-store';
import { TrustStore } from '../core/keystore/trust-store';
import { normalizeFingerprint } from '../core/keystore/fingerprint';
import { defaultSmimeHome, FileBackend } from './file-key-store';
import { UsageError, type CliIo } from './io';

export const STORE_OPTION = { store: { type: 'string' } } as const;
export const STORE_PASS_ENV = 'SMIME_STORE_PASS';

export interface Store {
  dir: string;
  keys: KeyStore;
  book: AddressBook;
  trust(): Promise<TrustStore>;
}

export function openStore(dir: string | undefined, io: CliIo): Store {
  const path = dir ?? defaultSmimeHome(io.env);
  const backend = new FileBackend(path);
  return {
    dir: path,
    keys: new KeyStore({ backend, passphrase: io.env[STORE_PASS_ENV] || undefined }),
    book: new AddressBook(backend),
    trust: () => TrustStore.open(backend),
  };
}

/** Operations that wrap or unwrap a private key need the store passphrase. */
export function requireStorePass(io: CliIo): void {
  if (!io.env[STORE_PASS_ENV]) throw new UsageError(`set ${STORE_PASS_ENV} to the passphrase that protects the keys in the store`);
}

/** A password named by --pass-env VAR. */
export function passwordFromEnv(io: CliIo, variable: string | undefined): string {
  if (!variable) throw new UsageError('--pass-env VAR is required (the name of the environment variable holding the password)');
  const value = io.env[variable];
  if (value === undefined) throw new UsageError(`environment variable ${variable} is not set`);
  return value;
}

const byNewest = (a: StoredIdentity, b: StoredIdentity) => b.certificate.notBefore.value.getTime() - a.certificate.notBefore.value.getTime();

/**
 * The identities `selector` names: an e-mail address (newest first) or an id (full
 * fingerprint, or a unique prefix of at least 8 hex digits). No selector: all of them.
 */
export async function selectIdentities(keys: KeyStore, selector: string | undefined): Promise<StoredIdentity[]> {
  const all = await keys.listIdentities();
  if (selector === undefined) return all.sort(byNewest);
  if (selector.includes('@')) {
    const wanted = selector.toLowerCase();
    const found = all.filter((i) => i.emails.some((e) => e.toLowerCase() === wanted)).sort(byNewest);
    if (found.length === 0) throw new UsageError(`no identity in the store for ${selector}`);
    return found;
  }
  const id = normalizeFingerprint(selector);
  const found = all.filter((i) => i.id === id || (id.length >= 8 && i.id.startsWith(id)));
  if (found.length !== 1) throw new UsageError(found.length ? `identity id ${selector} is ambiguous` : `no identity with id ${selector}`);
  return found;
}

/** Certificates that help build paths: cached intermediates and the address book's certificates. */
export async function storeCertificates(store: Store, trust: TrustStore): Promise<pkijs.Certificate[]> {
  return [...trust.intermediates(), ...(await store.book.list()).map((e) => e.certificate)];
}

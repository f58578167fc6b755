/**
 * First-run setup of the playground: the demo identity (PKCS#12 made at build time) goes
 * into the same IndexedDB keystore the task pane uses, and Alice's certificate into the
 * address book, so signing and encrypting work at once.
 */
import { readPkcs12 } from '../core/index';
import { certificateId } from '../core/keystore/key-store';
import { browserBackend, openStores } from '../outlook/storage';

/** A playground asset or local endpoint failed. */
export class PlaygroundError extends Error {}

export const DEMO_PASSWORD = 'demo';

async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok) throw new PlaygroundError(`${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function ensureDemoIdentity(): Promise<string> {
  const stores = await openStores(browserBackend(undefined));
  const p12 = await readPkcs12(await fetchBytes('playground/demo-identity.p12'), DEMO_PASSWORD);
  const existing = new Set((await stores.keys.listIdentities()).map((i) => i.id));
  let label = '';
  for (const entry of p12.entries) {
    try {
      const stored = !existing.has(certificateId(entry.certificate)) ? await stores.keys.importIdentity({ pkcs8: entry.pkcs8, certificate: entry.certificate, label: 'Demo User (TEST)' }) : undefined;
      label = stored?.label ?? 'existing identity';
    } finally {
      entry.pkcs8.fill(0);
    }
  }
  if ((await stores.addressBook.list()).length === 0) await stores.addressBook.importCertificates(await fetchBytes('playground/alice.crt'));
  return label;
}

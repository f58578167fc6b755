/**
 * The task pane's stores. Keys live in IndexedDB as non-extractable CryptoKeys; the
 * database name carries Office.context.partitionKey when the host partitions storage, so
 * the add-in finds the same keys in every runtime of the same partition (G.56). Nothing
 * secret goes to roamingSettings, localStorage, logs or URLs.
 */
import { AddressBook, IndexedDbBackend, KeyStore, TrustStore, type KeyValueBackend } from '../core/index';

export const DATABASE_PREFIX = 'smime-addin';
/** Deployment trust anchors, served with the add-in. */
export const ANCHORS_PATH = 'anchors.pem';

export interface Stores {
  keys: KeyStore;
  addressBook: AddressBook;
  trust: TrustStore;
}

export function databaseName(partitionKey?: string): string {
  return partitionKey ? `${DATABASE_PREFIX}:${partitionKey}` : DATABASE_PREFIX;
}

/** Loads the deployment anchors; an absent bundle means "no deployment anchors". */
export async function fetchDeploymentAnchors(fetchFn: typeof fetch, baseUrl: string): Promise<Uint8Array | undefined> {
  try {
    const response = await fetchFn(new URL(ANCHORS_PATH, baseUrl).href, { credentials: 'omit' });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

export async function openStores(backend: KeyValueBackend, deploymentPem?: Uint8Array): Promise<Stores> {
  return {
    keys: new KeyStore({ backend }),
    addressBook: new AddressBook(backend),
    trust: await TrustStore.open(backend, deploymentPem),
  };
}

export function browserBackend(partitionKey?: string): KeyValueBackend {
  return new IndexedDbBackend(databaseName(partitionKey));
}

/**
 * The extension's keystore, address book and trust store, all in its own IndexedDB (the same
 * modules the Outlook pane uses). The trust store is reopened on demand because the options
 * page may add anchors while the background keeps running.
 */
import { AddressBook } from '../core/keystore/address-book';
import type { KeyValueBackend } from '../core/keystore/backend';
import { IndexedDbBackend } from '../core/keystore/indexeddb-backend';
import { KeyStore } from '../core/keystore/key-store';
import { TrustStore } from '../core/keystore/trust-store';

export const DB_NAME = 'smime-thunderbird';

export interface Stores {
  keys: KeyStore;
  book: AddressBook;
  /** A fresh view of anchors and cached intermediates. */
  trust(): Promise<TrustStore>;
}

export function storesOver(backend: KeyValueBackend, deploymentPem?: Uint8Array): Stores {
  return {
    keys: new KeyStore({ backend }),
    book: new AddressBook(backend),
    trust: () => TrustStore.open(backend, deploymentPem),
  };
}

export function openExtensionStores(factory?: IDBFactory): Stores {
  return storesOver(new IndexedDbBackend(DB_NAME, factory));
}

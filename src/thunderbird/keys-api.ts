/**
 * KeysApi for the extension: the shared implementation over its stores. `onChanged` lets the
 * options page tell the background that cached verdicts are stale.
 */
import { createKeysApi as createSharedKeysApi } from '../platform/keys-api';
import type { KeysApi } from '../ui/host-api';
import type { Stores } from './stores';

export { identityInfo } from '../platform/keys-api';

export function createKeysApi(stores: Stores, onChanged?: () => void): KeysApi {
  return createSharedKeysApi(async () => ({ keys: stores.keys, addressBook: stores.book, trust: stores.trust }), onChanged);
}

/** KeysApi for the task pane: the shared implementation over the pane's stores. */
import { createKeysApi as createSharedKeysApi } from '../platform/keys-api';
import type { KeysApi } from '../ui/host-api';
import type { Stores } from './storage';

export { identityInfo } from '../platform/keys-api';

export function createKeysApi(stores: () => Promise<Stores>): KeysApi {
  return createSharedKeysApi(async () => {
    const { keys, addressBook, trust } = await stores();
    return { keys, addressBook, trust: async () => trust };
  });
}

/** Builds the shared UI's HostApi for one extension page over messenger.* and the stores. */
import type { HostApi } from '../ui/host-api';
import { createComposeApi, type ComposeApiOptions } from './compose-api';
import { createKeysApi } from './keys-api';
import { createReadApi } from './read-api';
import type { Stores } from './stores';
import type { MessengerApi } from './types/messenger';

export type Surface = 'read' | 'compose' | 'keys';

export function createHost(messenger: MessengerApi, stores: Stores, surface: Surface, options: ComposeApiOptions = {}): HostApi {
  // Key, certificate or anchor changes make the background's cached verdicts stale.
  const notify = () => void messenger.runtime.sendMessage({ type: 'stores-changed' }).catch(() => undefined);
  const host: HostApi = {
    hostName: 'thunderbird',
    keys: createKeysApi(stores, notify),
    theme: () => (globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
  };
  if (surface === 'read') host.read = createReadApi(messenger);
  if (surface === 'compose') host.compose = createComposeApi(messenger, stores, options);
  return host;
}

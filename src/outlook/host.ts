/**
 * HostApi for Outlook, over the typed Office port. The same function serves production
 * (real Office.js) and the playground (the emulation plus the local Graph endpoint); only
 * `hostName`, the Graph base and the token provider differ.
 */
import type { HostApi } from '../ui/host-api';
import { createComposeApi } from './compose/compose-api';
import type { OutlookFeatures } from './features';
import { detectFeatures } from './features';
import { GraphClient, type TokenProvider } from './graph';
import { createKeysApi } from './keys-api';
import { isComposeItem, type OfficeApi } from './office-port';
import { createReadApi } from './read/read-api';
import type { Stores } from './storage';

export interface OutlookHostOptions {
  office: OfficeApi;
  hostName: 'outlook' | 'playground';
  graphBase: string;
  tokens: TokenProvider;
  stores: () => Promise<Stores>;
  fetchFn: typeof fetch;
  download(fileName: string, data: Uint8Array, contentType: string): void;
  features?: OutlookFeatures;
  /** Whether the page's media query prefers dark (fallback when Office gives no theme). */
  prefersDark?: boolean;
}

/** Office themes give a background colour; dark backgrounds mean a dark theme. */
export function themeFromBackground(color: string | undefined, prefersDark = false): 'light' | 'dark' {
  const hex = /^#?([0-9a-f]{6})$/i.exec(color ?? '')?.[1];
  if (!hex) return prefersDark ? 'dark' : 'light';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128 ? 'dark' : 'light';
}

export function createOutlookHost(options: OutlookHostOptions): HostApi {
  const { office } = options;
  const features = options.features ?? detectFeatures(office);
  let stores: Promise<Stores> | undefined;
  const lazyStores = () => (stores ??= options.stores());
  const graph = new GraphClient(options.graphBase, options.tokens, options.fetchFn);
  const item = office.context.mailbox.item;
  const host: HostApi = {
    hostName: options.hostName,
    keys: createKeysApi(lazyStores),
    theme: () => themeFromBackground(office.context.officeTheme?.bodyBackgroundColor, options.prefersDark),
  };
  if (item && isComposeItem(item)) {
    host.compose = createComposeApi({ office, item, stores: lazyStores, features, graph, download: options.download });
  } else {
    host.read = createReadApi({ office, stores: lazyStores, graph, fetchFn: options.fetchFn, download: options.download });
  }
  return host;
}

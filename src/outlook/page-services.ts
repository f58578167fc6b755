/** Wires a browser page (task pane or function file) to Office, storage, Graph and tokens. */
import { createTokenProvider, playgroundTokens } from './auth';
import { BUILD } from './build-config';
import { downloadBytes } from '../ui/common/files';
import { pageEnvironment } from './environment';
import { detectFeatures } from './features';
import { createOutlookHost } from './host';
import { officeGlobal } from './office-global';
import type { OfficeApi } from './office-port';
import { browserBackend, fetchDeploymentAnchors, openStores } from './storage';
import type { HostApi } from '../ui/host-api';

export async function readyOffice(): Promise<OfficeApi> {
  const office = officeGlobal();
  await office.onReady();
  return office;
}

export function pageHost(office: OfficeApi): HostApi {
  const env = pageEnvironment(window);
  const features = detectFeatures(office);
  const fetchFn: typeof fetch = (input, init) => fetch(input, init);
  return createOutlookHost({
    office,
    hostName: env.hostName,
    graphBase: env.graphBase,
    features,
    tokens: env.hostName === 'playground' ? playgroundTokens : createTokenProvider({ clientId: BUILD.clientId, features, office }),
    fetchFn,
    stores: async () => openStores(browserBackend(office.context.partitionKey), await fetchDeploymentAnchors(fetchFn, location.href)),
    download: (fileName, data, contentType) => downloadBytes(data, fileName, contentType),
    prefersDark: window.matchMedia?.('(prefers-color-scheme: dark)').matches,
  });
}

/**
 * Runs first in a Chromium test page: installs the fake `messenger` global, seeds the
 * extension's IndexedDB from window.__FIXTURES__, then loads the page's real bundles in order
 * (background first, as Thunderbird would have it running already).
 */
import { certificateId } from '../../src/core/keystore/fingerprint';
import { loadCertificate } from '../../src/core/pem';
import { createKeysApi } from '../../src/thunderbird/keys-api';
import { openExtensionStores } from '../../src/thunderbird/stores';
import type { ComposeDetails128 } from '../../src/thunderbird/types/messenger';
import { createFakeMessenger, type FakeMessenger } from './fake-messenger';

export interface PageFixtures {
  messages: Record<string, string>;
  displayed?: number;
  compose?: ComposeDetails128;
  anchorPem?: string;
  certificatesPem?: string[];
  /** Base64 PKCS#12 with password "test", imported through the KeysApi. */
  identityP12?: string;
  scripts: string[];
}

type TestWindow = typeof globalThis & { __FIXTURES__: PageFixtures; __fake: FakeMessenger; __ready: boolean };
const w = globalThis as TestWindow;
const fixtures = w.__FIXTURES__;
const fake = createFakeMessenger();
for (const [id, b64] of Object.entries(fixtures.messages)) fake.store.set(Number(id), Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
if (fixtures.displayed !== undefined) fake.displayed.set(fake.activeTab, fixtures.displayed);
if (fixtures.compose) fake.composeDetails.set(fake.activeTab, fixtures.compose);
Object.assign(w, { messenger: fake });
w.__fake = fake;

async function seed(): Promise<void> {
  const stores = openExtensionStores();
  const enc = new TextEncoder();
  if (fixtures.anchorPem) {
    const anchor = loadCertificate(enc.encode(fixtures.anchorPem));
    await (await stores.trust()).addUserAnchor(anchor, certificateId(anchor));
  }
  for (const pem of fixtures.certificatesPem ?? []) await stores.book.importCertificates(enc.encode(pem));
  if (fixtures.identityP12) await createKeysApi(stores).importPkcs12(Uint8Array.from(atob(fixtures.identityP12), (c) => c.charCodeAt(0)), 'test');
}

async function load(src: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.body.append(script);
  });
}

void seed().then(async () => {
  for (const src of fixtures.scripts) await load(src);
  w.__ready = true;
});

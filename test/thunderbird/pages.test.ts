/**
 * The extension's real page entries (background, message display popup, compose popup,
 * options) in headless Chromium, with a fake `messenger` global and the real IndexedDB,
 * WebCrypto, DOMPurify and shared React UI.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bundleForBrowser, launchChromium, serveStatic, type StaticServer } from '../support/browser';
import { readPki, tempDir } from '../support/fixtures';
import type { FakeMessenger } from './fake-messenger';
import { encryptedToBob, FAMILY, signedByAlice } from './helpers';
import type { PageFixtures } from './page-setup';

let browser: Browser;
let server: StaticServer;
/** Every URL any test page requested, from the browser's side (catches remote fetches too). */
const requests: string[] = [];
const entries = { setup: 'test/thunderbird/page-setup.ts', background: 'src/thunderbird/entries/background.ts', display: 'src/thunderbird/entries/display-popup.ts', compose: 'src/thunderbird/entries/compose-popup.ts', options: 'src/thunderbird/entries/options.ts' };

beforeAll(async () => {
  const dir = tempDir('smime-tb-pages-');
  await Promise.all(Object.entries(entries).map(([name, entry]) => bundleForBrowser(join(process.cwd(), entry), join(dir, `${name}.js`))));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><body><div id="root"></div><div id="csr"></div><script src="setup.js"></script></body>');
  server = await serveStatic(dir);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type FakeWindow = { __fake: FakeMessenger; __ready?: boolean };
const pem = (file: string) => new TextDecoder().decode(readPki(FAMILY, file));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function open(fixtures: Omit<PageFixtures, 'scripts'>, scripts: string[]): Promise<Page> {
  // A fresh context per test: its own IndexedDB, like a fresh profile.
  const context = await browser.newContext();
  const page = await context.newPage();
  context.on('request', (request) => requests.push(request.url()));
  await page.addInitScript((f) => Object.assign(window, { __FIXTURES__: f }), { ...fixtures, scripts } as PageFixtures);
  await page.goto(server.url);
  await page.waitForFunction(() => (window as unknown as FakeWindow).__ready === true, undefined, { timeout: 30_000 });
  return page;
}

test('message display popup: valid verdict from the background, green badge, UI names the signer, no remote fetch', async () => {
  const page = await open({ messages: { 7: b64(await signedByAlice()) }, displayed: 7, anchorPem: pem('root.crt') }, ['background.js', 'display.js']);
  await page.waitForFunction(() => document.body.innerText.includes('alice@example.com'), undefined, { timeout: 30_000 });
  const seen = await page.evaluate(() => {
    const fake = (window as unknown as FakeWindow).__fake;
    return { sent: fake.sent, responses: fake.responses, badge: fake.badges.get(fake.activeTab) };
  });
  expect(seen.sent).toContainEqual({ type: 'read-state', tabId: 1, decrypt: true });
  expect(seen.responses[0]).toMatchObject({ kind: 'verdict', verdict: { status: 'valid' } });
  expect(seen.badge).toMatchObject({ text: 'OK', color: '#2e7d32' });
  expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
}, 60_000);

test('encrypted mail: decrypted in the page with the PKCS#12 identity from IndexedDB, HTML sanitised by DOMPurify', async () => {
  const messages = { 9: b64(await encryptedToBob()) };
  const page = await open({ messages, displayed: 9, anchorPem: pem('root.crt'), identityP12: b64(readPki(FAMILY, 'bob.p12')) }, ['background.js']);
  const state = await page.evaluate(() => (window as unknown as FakeWindow).__fake.runtime.sendMessage({ type: 'read-state', tabId: 1, decrypt: true }));
  expect(state).toMatchObject({ kind: 'verdict', verdict: { status: 'valid' }, content: { attachments: [{ name: 'plan.txt' }] } });
  const html = (state as { content: { html: string } }).content.html;
  expect(html).toContain('Secret plan');
  expect(html).not.toMatch(/tracker\.example|<script/);
  expect(await page.evaluate(() => (window as unknown as FakeWindow).__fake.badges.get(1)?.text)).toBe('OK');
}, 60_000);

test('compose popup: the shared compose view lists the recipient without a certificate', async () => {
  const compose = { from: 'Alice <alice@example.com>', to: ['bob@example.com', 'carol@example.com'], subject: 'Hi' };
  const page = await open({ messages: {}, compose, certificatesPem: [pem('bob.crt')] }, ['background.js', 'compose.js']);
  await page.waitForFunction(() => document.body.innerText.includes('carol@example.com'), undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => document.body.innerText)).toMatch(/carol@example\.com/);
}, 60_000);

test('options page: keys view renders and the CSR form creates a PKCS#10 request', async () => {
  const page = await open({ messages: {} }, ['background.js', 'options.js']);
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
  await page.fill('#csr input[name=email]', 'me@example.com');
  await page.fill('#csr input[name=commonName]', 'Me');
  await page.selectOption('#csr select[name=algorithm]', 'P-256');
  await page.click('#csr button[type=submit]');
  await page.waitForFunction(() => (document.querySelector('#csr textarea') as HTMLTextAreaElement).value.length > 0, undefined, { timeout: 30_000 });
  const csr = await page.evaluate(() => (document.querySelector('#csr textarea') as HTMLTextAreaElement).value);
  expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
  expect(await page.textContent('#csr [role=status]')).toMatch(/Request created/);
}, 60_000);

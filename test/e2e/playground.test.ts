/**
 * End to end in headless Chromium against the playground: the real task pane and function
 * file on the Office emulation, the local Graph endpoint, and OpenSSL checking what was sent.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { mustRun, tempDir } from '../support/fixtures';
import { buildAddin, type Build } from '../manifest/build';
import { startDevServer, type DevServer } from '../../scripts/dev-server/server.mjs';

interface Sample {
  id: string;
  expect: { status: string; notification: 'informationalMessage' | 'errorMessage' | 'none' };
}

const RESULTS = resolve('test-results');
let build: Build;
let server: DevServer;
let browser: Browser;
let mailboxDir: string;

beforeAll(async () => {
  build = buildAddin({ mode: 'development' });
  mailboxDir = join(tempDir('smime-mailbox-'), 'mailbox');
  server = await startDevServer({ root: build.dir, port: 0, host: '127.0.0.1', mailboxDir, seedDir: join(build.samplesDir, 'mailbox') });
  browser = await launchChromium();
  mkdirSync(RESULTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPlayground(): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
  const context = await browser.newContext();
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(`${server.url}/playground.html`);
  await page.waitForSelector('#playground[data-ready=true]', { timeout: 60_000 });
  return { context, page, requests };
}

const taskpane = (page: Page) => page.frameLocator('[data-testid=taskpane-frame]');
const folder = (name: string) => readdirSync(join(mailboxDir, name)).map((f) => join(mailboxDir, name, f));
const priv = (file: string) => join(build.samplesDir, 'private', file);

async function openSample(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid=message-item][data-id="${id}"]`);
  if ((await page.locator('[data-testid=taskpane-frame]').count()) === 0) await page.click('[data-testid=ribbon-verify]');
}

test('each sample message gets the expected banner in the task pane and as an Outlook notification', async () => {
  const samples = JSON.parse(readFileSync(join(build.samplesDir, 'samples.json'), 'utf8')) as Sample[];
  const { context, page } = await openPlayground();
  for (const sample of samples) {
    await openSample(page, sample.id);
    if (sample.expect.status === 'not-smime') {
      await taskpane(page).locator('[data-testid=not-smime]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid=notification]').count()).toBe(0);
    } else {
      const banner = taskpane(page).locator(`[data-testid=banner][data-status="${sample.expect.status}"]`);
      await banner.waitFor({ timeout: 30_000 });
      const note = page.locator(`[data-testid=notification][data-type=${sample.expect.notification}]`);
      await note.waitFor({ timeout: 10_000 });
      const text = (await note.textContent()) ?? '';
      expect(text.length).toBeLessThanOrEqual(150);
      expect(text).toMatch(sample.expect.status === 'sender-mismatch' ? /mallory|alice/i : /alice@playground\.test/);
      expect(await banner.textContent()).toContain(text);
    }
    if (sample.id === 'sample-wrapped-headers') {
      // The signed Subject inside the message/rfc822 wrapper is shown, not only the outer one.
      const signed = taskpane(page).locator('[data-testid=protected-headers]');
      await expect(signed.textContent()).resolves.toContain('Signed subject: board meeting moved to 3 pm');
    }
    await page.screenshot({ path: join(RESULTS, `e2e-${sample.id}.png`) });
  }
  await context.close();
});

test('compose → Sign + Encrypt → Send securely: the local Graph endpoint received MIME that OpenSSL decrypts and verifies; the draft is gone', async () => {
  const { context, page } = await openPlayground();
  const before = folder('sentitems').length;
  await page.click('[data-testid=new-message]');
  await page.fill('[data-testid=compose-subject]', 'E2E secure send');
  // OnNewMessageCompose applied the default policy (sign); add encryption with the ribbon toggle.
  await page.waitForSelector('[data-testid=ribbon-sign][aria-pressed=true]');
  await page.click('[data-testid=ribbon-encrypt]');
  await page.waitForSelector('[data-testid=ribbon-encrypt][aria-pressed=true]');
  await page.click('[data-testid=ribbon-send-securely]');
  await taskpane(page).locator('[data-testid=send-securely]').click({ timeout: 30_000 });
  await page.waitForSelector('[data-testid=compose-window]', { state: 'hidden', timeout: 30_000 });
  const sent = folder('sentitems');
  expect(sent.length).toBe(before + 1);
  const eml = sent.find((f) => readFileSync(f, 'latin1').includes('E2E secure send')) ?? '';
  expect(readFileSync(eml, 'latin1')).toMatch(/application\/pkcs7-mime; smime-type=enveloped-data/);
  const inner = mustRun('openssl', ['cms', '-decrypt', '-in', eml, '-inkey', priv('demo.key'), '-recip', priv('demo.crt')]);
  const text = mustRun('openssl', ['cms', '-verify', '-CAfile', priv('demo.crt')], inner).toString('latin1');
  expect(text).toContain('signed in the S/MIME add-in playground');
  expect(folder('drafts')).toEqual([]);
  await page.screenshot({ path: join(RESULTS, 'e2e-send-securely.png') });
  await context.close();
});

test('the on-send guard blocks a policy-marked message and the Smart Alert action completes a signed send', async () => {
  const { context, page } = await openPlayground();
  await page.click('[data-testid=new-message]');
  await page.fill('[data-testid=compose-subject]', 'E2E guarded send');
  await page.waitForSelector('[data-testid=ribbon-sign][aria-pressed=true]');
  const before = folder('sentitems').length;
  await page.click('[data-testid=compose-send]');
  await page.waitForSelector('[data-testid=smart-alert]:not([hidden])');
  expect(await page.textContent('[data-testid=smart-alert-message]')).toMatch(/must be signed with S\/MIME/);
  expect(folder('sentitems').length).toBe(before);
  await page.screenshot({ path: join(RESULTS, 'e2e-smart-alert.png') });
  await page.click('[data-testid=smart-alert-action]');
  await page.waitForSelector('[data-testid=compose-window]', { state: 'hidden', timeout: 30_000 });
  const eml = folder('sentitems').find((f) => readFileSync(f, 'latin1').includes('E2E guarded send')) ?? '';
  expect(readFileSync(eml, 'latin1')).toMatch(/multipart\/signed/);
  mustRun('openssl', ['cms', '-verify', '-in', eml, '-CAfile', priv('demo.crt'), '-out', '/dev/null']);
  await context.close();
});

test('on a Mailbox 1.14 client the Smart Alert action opens the Send securely task pane; without a policy Send goes through', async () => {
  const { context, page } = await openPlayground();
  await page.selectOption('[data-testid=client-version]', '1.14');
  await page.click('[data-testid=new-message]');
  await page.waitForSelector('[data-testid=ribbon-sign][aria-pressed=true]');
  await page.click('[data-testid=compose-send]');
  await page.click('[data-testid=smart-alert-action]');
  await expect(page.getAttribute('[data-testid=taskpane-frame]', 'src')).resolves.toBe('taskpane.html?view=compose');
  // Switch signing off: nothing to enforce, Outlook's own Send proceeds.
  await page.click('[data-testid=ribbon-sign]');
  await page.waitForSelector('[data-testid=ribbon-sign][aria-pressed=false]');
  await page.fill('[data-testid=compose-subject]', 'E2E plain send');
  await page.click('[data-testid=compose-send]');
  await page.waitForSelector('[data-testid=compose-window]', { state: 'hidden', timeout: 30_000 });
  const eml = folder('sentitems').find((f) => readFileSync(f, 'latin1').includes('E2E plain send')) ?? '';
  expect(readFileSync(eml, 'latin1')).not.toMatch(/pkcs7/);
  await context.close();
});

test('a decrypted message with a remote image, CSS url() and a form makes no request beyond the app itself', async () => {
  const { context, page, requests } = await openPlayground();
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:srcdoc') return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await openSample(page, 'sample-remote-content');
  const frame = taskpane(page).locator('[data-testid=message-frame]');
  await frame.waitFor({ timeout: 30_000 });
  const doc = (await frame.getAttribute('srcdoc')) ?? '';
  expect(doc).toContain('Quarterly numbers attached.');
  expect(doc).not.toMatch(/<form|<script|tracker\.example\/pixel|url\(https|collect\.example/i);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(RESULTS, 'e2e-remote-content.png') });
  expect(foreign).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:srcdoc')).toEqual([]);
  writeFileSync(join(RESULTS, 'e2e-remote-content-requests.txt'), requests.join('\n'));
  await context.close();
});

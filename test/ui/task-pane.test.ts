/**
 * The shared task pane in real headless Chromium over a fake HostApi: banner per status,
 * sandboxed content with zero exfiltration, keyboard-only use, dark theme, send and key flows.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveStatic, type StaticServer } from '../support/browser';
import { readPki, tempDir } from '../support/fixtures';
import { ALL_STATUSES, verdictFor } from './fixtures';
import type { Call } from './fake-host';

const SHOTS = resolve('test-results/ui');
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const dir = tempDir('smime-ui-');
  await build({
    entryPoints: [resolve('test/ui/page.tsx')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: join(dir, 'page.js'),
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>S/MIME</title><body style="margin:0"><div id="root"></div><script src="page.js"></script>');
  mkdirSync(SHOTS, { recursive: true });
  server = await serveStatic(dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the pane and records every request the page (and its frames) makes. */
async function open(query: string, viewport = { width: 420, height: 900 }): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/?${query}`);
  return { page, requests };
}

const calls = (page: Page) => page.evaluate(() => window.__fake.calls) as Promise<Call[]>;
const methods = async (page: Page) => (await calls(page)).map((c) => c.method);

/** Background colour of the 'valid' banner: no other status may paint anything in it. */
async function successColour(): Promise<string> {
  const { page } = await open('view=read&read=valid');
  const colour = await page.getByTestId('banner').evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.close();
  return colour;
}

describe('read view banner', () => {
  test.each(ALL_STATUSES.map((s) => [s]))('%s renders exactly one banner with the right intent', async (status) => {
    const green = await successColour();
    const { page } = await open(`view=read&read=${status}`);
    const banner = page.getByTestId('banner');
    await banner.waitFor();
    expect(await page.getByTestId('banner').count()).toBe(1);
    expect(await banner.getAttribute('data-status')).toBe(status);
    const expected = verdictFor(status).banner;
    expect((await banner.innerText()).trim()).toBe(expected);
    expect(expected.length).toBeLessThanOrEqual(150);
    const intent = await banner.getAttribute('data-intent');
    if (status === 'valid') expect(intent).toBe('success');
    else expect(['warning', 'error']).toContain(intent);
    // Independent of our attributes: nothing in the chrome is painted in the success colour unless valid.
    const greens = await page.evaluate(
      (colour) => Array.from(document.querySelectorAll('*')).filter((el) => getComputedStyle(el).backgroundColor === colour).length,
      green,
    );
    // For 'valid' the banner (and the valid signer badge) may be green; for anything else nothing may.
    if (status === 'valid') expect(greens).toBeGreaterThanOrEqual(1);
    else expect(greens).toBe(0);
    // The banner is first in the pane, above and outside the message frame.
    const frame = await page.getByTestId('message-frame').boundingBox();
    const box = await banner.boundingBox();
    if (frame && box) expect(box.y + box.height).toBeLessThanOrEqual(frame.y);
    await page.close();
  });

  test('a valid signer beside an invalid one shows nothing green', async () => {
    const green = await successColour();
    const { page } = await open('view=read&read=mixed');
    await page.getByTestId('banner').waitFor();
    expect(await page.getByTestId('banner').getAttribute('data-intent')).toBe('error');
    expect(await page.getByTestId('signer-status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['valid', 'invalid']);
    const greens = await page.evaluate(
      (colour) => Array.from(document.querySelectorAll('*')).filter((el) => getComputedStyle(el).backgroundColor === colour).length,
      green,
    );
    expect(greens).toBe(0);
    await page.close();
  });

  test('details show signer certificate, chain anchor → leaf, algorithms and encryption mode', async () => {
    const { page } = await open('view=read&read=weak-algorithm');
    await page.getByTestId('banner').waitFor();
    const signer = page.getByTestId('signer');
    await expect(signer.innerText()).resolves.toContain('alice@example.com');
    const chain = await page.getByTestId('chain').locator('li').allInnerTexts();
    expect(chain[0]).toContain('Example Root CA');
    expect(chain[chain.length - 1]).toContain('Alice Example');
    expect(await page.getByTestId('encryption-mode').innerText()).toBe('legacy, not authenticated (CBC)');
    await expect(page.getByTestId('signer-status').getAttribute('data-status')).resolves.toBe('weak-algorithm');
    await page.close();
  });

  test('not-smime, error and slow loading states', async () => {
    const { page } = await open('view=read&read=not-smime');
    await expect(page.getByTestId('not-smime').innerText()).resolves.toContain('This message is not signed or encrypted with S/MIME');
    expect(await page.getByTestId('banner').count()).toBe(0);
    await page.goto(`${server.url}/?view=read&read=throw`);
    await expect(page.getByTestId('read-error').innerText()).resolves.toContain('Host failed to read the item.');
    await page.goto(`${server.url}/?view=read&read=valid&readDelay=1500`);
    await page.getByTestId('progress').waitFor();
    expect(await page.getByTestId('read-view').getAttribute('aria-busy')).toBe('true');
    await page.getByTestId('banner').waitFor();
    expect(await page.getByTestId('progress').count()).toBe(0);
    await page.close();
  });

  test('a chosen .eml file is verified through loadMessageBytes when the item cannot be read', async () => {
    const { page } = await open('view=read&read=not-smime');
    await page.getByTestId('open-message-file').waitFor();
    await page.getByTestId('message-file').setInputFiles({ name: 'saved.eml', mimeType: 'message/rfc822', buffer: Buffer.from('scenario: invalid\r\n') });
    await page.getByTestId('banner').waitFor();
    expect(await page.getByTestId('banner').getAttribute('data-status')).toBe('invalid');
    expect((await calls(page)).find((c) => c.method === 'loadMessageBytes')?.args).toEqual([19]);
    expect(await page.getByTestId('open-message-file').count()).toBe(0);
    await page.close();
  });

  test('an item change re-verifies and replaces the banner', async () => {
    const { page } = await open('view=read&read=valid');
    await page.getByTestId('banner').waitFor();
    await page.evaluate(() => window.__fake.fireItemChanged('revoked'));
    await page.locator('[data-testid="banner"][data-status="revoked"]').waitFor();
    expect(await page.getByTestId('banner').count()).toBe(1);
    // Announced: the banner sits in a persistent polite live region.
    expect(await page.getByTestId('banner').evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite');
    await page.close();
  });

  test('save sender certificate and attachments call the host', async () => {
    const { page } = await open('view=read&read=valid');
    await page.getByTestId('save-sender-certificate').click();
    await page.getByRole('button', { name: 'Save report.pdf' }).click();
    await page.getByText('report.pdf saved.').waitFor();
    expect(await calls(page)).toEqual(
      expect.arrayContaining([
        { method: 'saveSenderCertificate', args: [] },
        { method: 'saveAttachment', args: ['a1'] },
      ]),
    );
    await page.close();
  });
});

describe('message frame (EFAIL, UI redressing)', () => {
  test('is sandboxed with its own CSP', async () => {
    const { page } = await open('view=read&read=valid');
    const frame = page.getByTestId('message-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'">`);
    expect(srcdoc.indexOf('Content-Security-Policy')).toBeLessThan(srcdoc.indexOf('<body'));
    await page.close();
  });

  test('hostile decrypted HTML makes zero requests and cannot fake our banner', async () => {
    const { page, requests } = await open('view=read&read=efail');
    await page.getByTestId('message-frame').waitFor();
    const content = page.frameLocator('[data-testid="message-frame"]');
    await content.getByText('Visible body text.').waitFor();
    await page.waitForTimeout(1000);
    // Only the page itself and its script; nothing from the frame, not even to our own server.
    const isOwnFile = (u: string) => new URL(u).origin === server.url && ['/', '/page.js'].includes(new URL(u).pathname);
    expect(requests.filter((u) => !isOwnFile(u))).toEqual([]);
    expect(server.requests.filter((p) => p.includes('leak'))).toEqual([]);
    // Forms are gone, the link is inert and shows its URL as text.
    expect(await content.locator('form, input, button, textarea, iframe, link, meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await content.locator('a[href]').count()).toBe(0);
    await expect(content.getByText('click here').innerText()).resolves.toContain(`${server.url}/leak-link-click`);
    // Clicking the former link navigates nowhere.
    await content.getByText('click here').click();
    await page.waitForTimeout(300);
    expect(requests.some((u) => u.includes('leak'))).toBe(false);
    // The lookalike stays inside the frame: our document still has one banner, and it is not green.
    expect(await page.getByTestId('banner').count()).toBe(1);
    expect(await page.getByTestId('banner').getAttribute('data-status')).toBe('not-signed');
    await page.screenshot({ path: join(SHOTS, 'read-efail.png'), fullPage: true });
    await page.close();
  });

  test('the defensive sanitiser strips every remote reference even without the frame CSP', async () => {
    const { page } = await open('view=read&read=not-smime');
    const out = await page.evaluate(() => window.__sanitize(
      '<img src="http://evil.example/a"><div style="background:url(http://evil.example/b)">x</div>' +
        '<p style="background:u\\72l(http://evil.example/c)">y</p><style>@import "http://evil.example/d"; p{color:red}</style>' +
        '<form action="http://evil.example/e"><input name=a></form><base href="http://evil.example/"><img src="data:image/png;base64,AAAA">',
    ));
    expect(out).not.toMatch(/evil\.example|<form|<input|<base|<script|@import/i);
    expect(out).toContain('data:image/png;base64,AAAA');
    await page.close();
  });

  test('signed (protected) headers are listed as text above the content', async () => {
    const { page, requests } = await open('view=read&read=protected-headers');
    const section = page.getByTestId('protected-headers');
    await section.waitFor();
    await expect(section.locator('dt').allTextContents()).resolves.toEqual(['From', 'Subject']);
    await expect(section.locator('dd').allTextContents()).resolves.toEqual([
      'Alice <alice@example.com>',
      expect.stringMatching(/^<img src=".*leak-header"> Schön$/),
    ]);
    expect(await section.locator('img').count()).toBe(0);
    expect(requests.some((u) => u.includes('leak'))).toBe(false);
    await page.close();
  });

  test('text content is shown as text, never as HTML', async () => {
    const { page, requests } = await open('view=read&read=text');
    const content = page.frameLocator('[data-testid="message-frame"]');
    await expect(content.locator('pre').innerText()).resolves.toContain('<b>not bold</b>');
    expect(await content.locator('b, img').count()).toBe(0);
    expect(requests.some((u) => u.includes('leak'))).toBe(false);
    await page.close();
  });
});

describe('screenshots and theme', () => {
  test('read view valid / invalid, compose and keys (light) and dark theme', async () => {
    const shots: [string, string][] = [
      ['view=read&read=valid', 'read-valid.png'],
      ['view=read&read=invalid', 'read-invalid.png'],
      ['view=compose', 'compose.png'],
      ['view=keys', 'keys.png'],
    ];
    for (const [query, file] of shots) {
      const { page } = await open(query);
      await page.locator('[data-testid="banner"], [data-testid="send-securely"], [data-testid="identity"]').first().waitFor();
      await page.screenshot({ path: join(SHOTS, file), fullPage: true });
      await page.close();
    }
  });

  test('dark theme renders dark', async () => {
    const luminance = async (query: string, file: string) => {
      const { page } = await open(query);
      await page.getByTestId('banner').waitFor();
      await page.screenshot({ path: join(SHOTS, file), fullPage: true });
      const rgb = await page.getByTestId('task-pane').evaluate((el) => getComputedStyle(el).backgroundColor);
      await page.close();
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(await luminance('view=read&read=valid&theme=dark', 'read-dark.png')).toBeLessThan(60);
    expect(await luminance('view=read&read=valid', 'read-light.png')).toBeGreaterThan(200);
  });
});

/** Presses Tab until the focused element matches `testId`; fails if it is not reachable. */
async function tabTo(page: Page, testId: string, max = 60, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent ?? '');
    seen.push(id);
    if (id === testId) return seen;
  }
  throw new Error(`${testId} not reachable by Tab; saw ${seen.join(' | ')}`);
}

describe('keyboard only', () => {
  test('read: reach and activate actions, switch tabs with the keyboard', async () => {
    const { page } = await open('view=read&read=valid');
    await page.getByTestId('banner').waitFor();
    await tabTo(page, 'save-sender-certificate');
    await page.keyboard.press('Enter');
    await page.getByText("The sender's certificate was saved").waitFor();
    expect(await methods(page)).toContain('saveSenderCertificate');
    // Back to the tab list and over to Keys.
    await tabTo(page, 'tab-read', 20, 'Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByTestId('keys-view').waitFor();
    await page.close();
  });

  test('compose: Tab to Send securely and press Enter; handle the dialog by keyboard', async () => {
    const { page } = await open('view=compose&sendDelay=900');
    await page.getByTestId('send-securely').waitFor();
    const order = await tabTo(page, 'send-securely');
    expect(order).toEqual(expect.arrayContaining(['policy-sign', 'policy-encrypt']));
    expect(order.indexOf('policy-sign')).toBeLessThan(order.indexOf('send-securely'));
    await page.keyboard.press('Enter');
    await page.getByTestId('progress').waitFor();
    await page.getByTestId('missing-certificates').waitFor();
    await tabTo(page, 'send-signed-only', 10);
    await page.keyboard.press('Enter');
    await page.getByText('The protected message was sent.').waitFor();
    expect((await calls(page)).filter((c) => c.method === 'sendSecurely').map((c) => c.args[0])).toEqual([{}, { signOnlyIfMissingCertificates: true }]);
    await page.close();
  });

  test('keys: reach the import form and the identity actions', async () => {
    const { page } = await open('view=keys');
    await page.getByTestId('identity').first().waitFor();
    const order = await tabTo(page, 'p12-password');
    expect(order.some((t) => t.startsWith('Export backup'))).toBe(true);
    await tabTo(page, 'test-email');
    await page.keyboard.type('kim@example.com');
    await tabTo(page, 'test-create');
    await page.keyboard.press('Enter');
    await page.getByText('Test identity for kim@example.com created.').waitFor();
    expect((await calls(page)).find((c) => c.method === 'createTestIdentity')?.args).toEqual(['kim@example.com', 'kim@example.com']);
    await page.close();
  });
});

describe('compose view', () => {
  test('policy toggles write through to setPolicy', async () => {
    const { page } = await open('view=compose');
    const encrypt = page.getByTestId('policy-encrypt');
    await encrypt.waitFor();
    expect(await encrypt.isChecked()).toBe(true);
    await encrypt.click();
    expect(await encrypt.isChecked()).toBe(false);
    expect((await calls(page)).find((c) => c.method === 'setPolicy')?.args).toEqual([{ sign: true, encrypt: false }]);
    await page.close();
  });

  test('missing certificates: import one, then the list updates; cancel closes', async () => {
    const { page } = await open('view=compose&sendDelay=100');
    await page.getByTestId('send-securely').click();
    const dialog = page.getByTestId('missing-certificates');
    await dialog.waitFor();
    expect(await dialog.getByTestId('missing-address').allInnerTexts()).toEqual(['carol@example.com']);
    await page.getByTestId('missing-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('send-securely').click();
    await dialog.waitFor();
    await page.getByTestId('missing-import-file').setInputFiles({ name: 'carol.cer', mimeType: 'application/pkix-cert', buffer: Buffer.from([0x30, 1, 2]) });
    await page.getByText('Imported 1 certificate(s).').waitFor();
    expect(await page.locator('[data-testid="recipient"][data-has-certificate="false"]').count()).toBe(0);
    await page.getByTestId('send-securely').click();
    await page.getByText('The protected message was sent.').waitFor();
    expect(await methods(page)).toEqual([
      'getPolicy', 'signingIdentity', 'checkRecipients',
      'sendSecurely', 'sendSecurely', 'importCertificates', 'checkRecipients', 'sendSecurely',
    ]);
    await page.close();
  });

  test('Save as .eml confirms the file name', async () => {
    const { page } = await open('view=compose');
    await page.getByTestId('save-eml').click();
    await page.getByText('The protected message was saved as message.eml.').waitFor();
    await page.close();
  });

  test('without an identity it says so and links to the keys view', async () => {
    const { page } = await open('view=compose&identity=none');
    await expect(page.getByTestId('no-identity').innerText()).resolves.toMatch(/^No identity for .* — import one$/);
    await page.getByTestId('go-to-keys').click();
    await page.getByTestId('keys-view').waitFor();
    await page.close();
  });
});

describe('keys view', () => {
  test('expiry warning and TEST badge', async () => {
    const { page } = await open('view=keys');
    const items = page.getByTestId('identity');
    await items.first().waitFor();
    expect(await items.nth(0).getByTestId('expiry-warning').count()).toBe(0);
    expect(await items.nth(0).getByTestId('test-badge').count()).toBe(0);
    expect(await items.nth(1).getByTestId('expiry-warning').innerText()).toBe('Expires soon');
    expect(await items.nth(1).getByTestId('test-badge').innerText()).toBe('TEST');
    await page.close();
  });

  test('wrong PKCS#12 password shows exactly one error; the right one imports', async () => {
    const { page } = await open('view=keys');
    await page.getByTestId('identity').first().waitFor();
    await page.getByTestId('p12-file').setInputFiles({ name: 'ivy.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from([0x30, 0x82]) });
    await page.getByTestId('p12-password').fill('wrong');
    await page.getByTestId('p12-import').click();
    await page.getByText('The password is wrong or the file is damaged.').waitFor();
    expect(await page.getByText('The password is wrong or the file is damaged.').count()).toBe(1);
    expect(await page.getByTestId('p12-password').inputValue()).toBe('');
    await page.getByTestId('p12-password').fill('correct');
    await page.getByTestId('p12-import').click();
    await page.getByText('Imported 1 identity(ies).').waitFor();
    expect(await page.getByText('The password is wrong or the file is damaged.').count()).toBe(0);
    await expect(page.getByTestId('identity').count()).resolves.toBe(3);
    await page.close();
  });

  test('export backup asks for the passphrase twice', async () => {
    const { page } = await open('view=keys');
    await page.getByRole('button', { name: 'Export backup: Alice Example' }).click();
    await page.getByTestId('export-pass1').fill('one');
    await page.getByTestId('export-pass2').fill('two');
    await page.getByTestId('export-confirm').click();
    await page.getByText('The passphrases do not match.').waitFor();
    expect(await methods(page)).not.toContain('exportBackup');
    await page.getByTestId('export-pass2').fill('one');
    await page.getByTestId('export-confirm').click();
    await page.getByText('Backup saved as Alice_Example.p12.').waitFor();
    expect((await calls(page)).find((c) => c.method === 'exportBackup')?.args).toEqual(['id-alice', 'one']);
    await page.close();
  });

  test('delete asks for confirmation', async () => {
    const { page } = await open('view=keys');
    await page.getByRole('button', { name: 'Delete: Test Tess' }).click();
    await page.getByTestId('confirm-cancel').click();
    expect(await methods(page)).not.toContain('deleteIdentity');
    await page.getByRole('button', { name: 'Delete: Test Tess' }).click();
    await page.getByTestId('confirm-ok').click();
    await page.getByText('Test Tess deleted.').waitFor();
    expect((await calls(page)).find((c) => c.method === 'deleteIdentity')?.args).toEqual(['id-test']);
    await page.close();
  });

  test('adding an anchor shows its SHA-256 fingerprint and needs explicit confirmation', async () => {
    const pem = Buffer.from(readPki('p256', 'root.crt'));
    const der = Buffer.from(pem.toString('latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const expected = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)?.join(':');
    const { page } = await open('view=keys');
    await page.getByTestId('anchor').first().waitFor();
    expect(await page.getByTestId('anchor').first().getAttribute('data-source')).toBe('deployment');
    expect(await page.getByTestId('anchor').first().getByRole('button').count()).toBe(0);
    await page.getByTestId('anchor-file').setInputFiles({ name: 'root.crt', mimeType: 'application/x-pem-file', buffer: pem });
    expect(await page.getByTestId('anchor-fingerprint').innerText()).toBe(expected);
    expect(await page.getByTestId('anchor-trust').isDisabled()).toBe(true);
    await page.getByTestId('anchor-confirm').check();
    await page.getByTestId('anchor-trust').click();
    await page.locator('[data-testid="anchor"][data-source="user"]').waitFor();
    expect((await calls(page)).find((c) => c.method === 'addAnchor')?.args).toEqual([pem.length, expected]);
    await page.locator('[data-testid="anchor"][data-source="user"]').getByRole('button', { name: /^Remove/ }).click();
    await page.locator('[data-testid="anchor"][data-source="user"]').waitFor({ state: 'detached' });
    expect(await methods(page)).toContain('removeAnchor');
    await page.close();
  });

  test('correspondent certificates: import and remove', async () => {
    const { page } = await open('view=keys');
    await page.getByTestId('certificate').first().waitFor();
    await page.getByTestId('certificate-file').setInputFiles({ name: 'carol.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from('x') });
    await page.getByText('Imported 1 certificate(s).').waitFor();
    await expect(page.getByTestId('certificate').count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Remove bob@example.com' }).click();
    await page.getByText('bob@example.com removed.').waitFor();
    await expect(page.getByTestId('certificate').count()).resolves.toBe(1);
    await page.close();
  });
});

/**
 * The hosts' HTML sanitiser (src/platform/message-html, used by Outlook and Thunderbird) in real
 * Chromium: hostile decrypted HTML keeps its text and inline images and loses everything that
 * would load, send or run — the rendered result makes zero requests (EFAIL, tracking pixels).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { bundleForBrowser, launchChromium, serveStatic, type StaticServer } from '../support/browser';
import { tempDir } from '../support/fixtures';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const dir = tempDir('smime-html-');
  writeFileSync(
    join(dir, 'entry.ts'),
    `import { sanitizeMessageHtml } from '${process.cwd()}/src/platform/message-html';\n` +
      '(globalThis as unknown as { sanitizeMessageHtml: typeof sanitizeMessageHtml }).sanitizeMessageHtml = sanitizeMessageHtml;\n',
  );
  await bundleForBrowser(join(dir, 'entry.ts'), join(dir, 'html.js'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="html.js"></script><div id="out"></div>');
  server = await serveStatic(dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const HOSTILE = (leak: string) => `
  <style>@import url(${leak}/import.css); body { background: url(${leak}/bg.png) }</style>
  <p>Hello <b>Bob</b></p>
  <img src="${leak}/pixel.gif"><img src="cid:logo@example.com"><img src="cid:missing@example.com">
  <img srcset="${leak}/srcset.png 2x"><div style="background-image: url('${leak}/style.png')">styled</div>
  <a href="${leak}/phish">click</a> <a href="mailto:alice@example.com">mail</a>
  <form action="${leak}/form"><input name="q"></form>
  <script>fetch('${leak}/script')</script><img src="x" onerror="fetch('${leak}/onerror')">
  <svg><image href="${leak}/svg.png"></image></svg><video poster="${leak}/poster.png"></video>
  <iframe src="${leak}/frame"></iframe><link rel="stylesheet" href="${leak}/link.css"><meta http-equiv="refresh" content="0;url=${leak}/meta">`;

test('remote references are removed and counted, cid: images become data: URLs, links are inert', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url);
  const leak = `${server.url}/leak`;
  const result = await page.evaluate(
    ({ html }) => {
      const w = globalThis as unknown as {
        sanitizeMessageHtml: typeof import('../../src/platform/message-html').sanitizeMessageHtml;
      };
      const logo = 'data:image/png;base64,iVBORw0KGgo=';
      const out = w.sanitizeMessageHtml(html, (cid) => (cid === 'logo@example.com' ? logo : undefined));
      // Render the result in this (unsandboxed) page: nothing in it may load anything.
      document.getElementById('out')!.innerHTML = out.html;
      return out;
    },
    { html: HOSTILE(leak) },
  );
  await page.waitForTimeout(300);
  expect(requests.filter((u) => u.includes('/leak'))).toEqual([]);
  expect(result.html).not.toContain('/leak/import.css');
  expect(result.html).not.toMatch(/<(script|form|input|iframe|link|meta)\b/i);
  expect(result.html).not.toMatch(/onerror|srcset|poster/i);
  expect(result.html).toContain('<p>Hello <b>Bob</b></p>');
  expect(result.html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  expect(result.html).toContain('href="mailto:alice@example.com"');
  expect(result.html).toMatch(/<a title="[^"]*\/leak\/phish">click<\/a>/);
  // Counted: the pixel and the style url(); the rest goes with its element or a forbidden attribute.
  expect(result.blockedRemote).toBe(2);
  await page.close();
});

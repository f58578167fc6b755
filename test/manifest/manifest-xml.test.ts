/**
 * Offline contract of manifest.xml (the validation service is online only): structure,
 * resids, URLs that exist in the production build, and every function the manifest names
 * associated in code with Office.actions.associate.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildAddin, type Build } from './build';

const ORIGIN = 'https://smime.example.test';
const xml = readFileSync('manifest.xml', 'utf8');
let build: Build;

beforeAll(() => {
  build = buildAddin({ mode: 'production', origin: ORIGIN });
}, 180_000);

function blocks(source: string, type: string): string[] {
  const re = new RegExp(`<VersionOverrides[^>]*xsi:type="${type}"[^>]*>`, 'g');
  const out: string[] = [];
  for (const m of source.matchAll(re)) out.push(source.slice(m.index));
  return out;
}

/** The V1_1 block (nested) and the V1_0 block without its nested V1_1. */
const v11 = blocks(xml, 'VersionOverridesV1_1')[0];
const v10 = blocks(xml, 'VersionOverridesV1_0')[0].replace(v11, '');

const attr = (source: string, name: string) => [...source.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);
const defined = (source: string) => new Set([...source.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));

test.each([
  ['V1_0', () => v10],
  ['V1_1', () => v11],
])('every resid used in %s is defined in its Resources', (_name, get) => {
  const source = get();
  const ids = defined(source);
  const used = attr(source, 'resid');
  expect(used.length).toBeGreaterThan(5);
  expect(used.filter((r) => !ids.has(r))).toEqual([]);
});

test('shape: Mailbox 1.5 floor, V1_0 ⊃ V1_1, JS-only runtime override, pinning, SoftBlock send event', () => {
  expect(xml).toMatch(/<Set Name="Mailbox" MinVersion="1.5"\/>/);
  expect(blocks(xml, 'VersionOverridesV1_0')[0]).toContain('VersionOverridesV1_1');
  expect(v11).toMatch(/<Runtime resid="WebViewRuntime.Url">\s*<Override type="javascript" resid="JSRuntime.Url"\/>/);
  expect(v11).toMatch(/<LaunchEvent Type="OnMessageSend" FunctionName="onMessageSendHandler" SendMode="SoftBlock"\/>/);
  expect(v11).toMatch(/<LaunchEvent Type="OnNewMessageCompose" FunctionName="onNewMessageComposeHandler"\/>/);
  expect(v11).toMatch(/MessageReadCommandSurface[\s\S]*msgReadVerify[\s\S]*SupportsPinning>true[\s\S]*msgReadDecrypt[\s\S]*SupportsPinning>true/);
  for (const id of ['msgComposeSign', 'msgComposeEncrypt', 'msgComposeSendSecurely', 'msgComposeSecureSendNow', 'msgComposeKeys']) {
    expect(v11).toContain(`id="${id}"`);
  }
  // Smart Alert commandIds in code must be controls of the manifest.
  const launch = readFileSync('src/outlook/launch-events.ts', 'utf8');
  for (const id of [...launch.matchAll(/COMMAND = '([^']+)'/g)].map((m) => m[1])) expect(v11).toContain(`id="${id}"`);
});

test('every FunctionName and launch-event handler is associated in the function file; launch handlers also in the JS-only bundle', () => {
  const functions = new Set([...xml.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]));
  const launch = new Set(attr(v11, 'FunctionName'));
  const associated = (file: string) => new Set([...readFileSync(file, 'utf8').matchAll(/associate\('([^']+)'/g)].map((m) => m[1]));
  const commands = associated('src/outlook/commands-entry.ts');
  const jsOnly = associated('src/outlook/launchevent-entry.ts');
  expect(functions.size).toBe(3);
  expect(launch.size).toBe(2);
  for (const name of [...functions, ...launch]) expect(commands).toContain(name);
  for (const name of launch) expect(jsOnly).toContain(name);
});

test('the production build rewrites every URL to the production origin and each maps to a built file', () => {
  const built = readFileSync(join(build.dir, 'manifest.xml'), 'utf8');
  expect(built).not.toContain('https://localhost:3000');
  const urls = [...built.matchAll(/(?:DefaultValue="|<AppDomain>)(https:\/\/[^"<]+)/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(10);
  for (const url of urls) {
    const { origin, pathname } = new URL(url);
    expect(origin).toBe(ORIGIN);
    if (pathname !== '/') expect([url, existsSync(join(build.dir, pathname))]).toEqual([url, true]);
  }
  expect(existsSync(join(build.dir, 'playground.html'))).toBe(false);
});

test('the JavaScript-only runtime bundle is one self-contained file without DOM, atob/btoa or loaders', () => {
  const js = readFileSync(join(build.dir, 'launchevent.js'), 'utf8');
  for (const banned of [/\bdocument\./, /\batob\(/, /\bbtoa\(/, /\bimportScripts\b/, /\bimport\(/, /\blocalStorage\b/, /\bindexedDB\b/]) expect(js).not.toMatch(banned);
  expect(js).toContain('onMessageSendHandler');
  expect(js.length).toBeLessThan(64 * 1024);
});

test('every page sends a strict CSP and loads scripts only from itself (office.js via the loader)', () => {
  for (const page of ['taskpane.html', 'commands.html']) {
    const html = readFileSync(join(build.dir, page), 'utf8');
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com(;|$)/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // No inline scripts: every <script> has a same-origin src; the loader comes first.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[2].trim())).toEqual(scripts.map(() => ''));
    expect(scripts[0][1]).toMatch(/src="?office-loader\.js/);
    expect(html).not.toMatch(/src="?https?:/);
  }
  const loader = readFileSync(join(build.dir, 'office-loader.js'), 'utf8');
  expect(loader).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  expect(build.ms).toBeLessThan(60_000);
});

test('icons exist at every size the manifests name, as real PNGs of that size', () => {
  for (const size of [16, 20, 24, 32, 40, 48, 64, 80, 128]) {
    const png = readFileSync(`assets/icon-${size}.png`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});

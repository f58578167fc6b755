/**
 * The keystore in real Chromium: a PKCS#12 imported into IndexedDB survives a reload, signs
 * (openssl verifies), its stored keys cannot be exported or wrapped, and no browser storage
 * holds private key material: only wrapped blobs and non-extractable CryptoKeys.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bundleForBrowser, launchChromium, serveStatic, type StaticServer } from '../support/browser';
import { mustRun, pkiPath, readPki, runTool, tempDir } from '../support/fixtures';

type Core = typeof import('../../src/core/index');
interface Finding {
  where: string;
  what: string;
}
interface PageGlobals {
  smime: Core;
  scanValue(value: unknown, where: string, secrets: string[]): Finding[];
  scanAllStorage(secrets: string[]): Promise<{ findings: Finding[]; cryptoKeys: CryptoKey[]; databases: string[]; scanned: number }>;
}

/**
 * Plain JS, loaded by the page. Walks every value and reports private-key DER prefixes,
 * JWK private members, PEM blocks and known secret byte runs.
 */
const SCANNER = String.raw`
// PKCS#8 (RSA or EC), PKCS#1 RSAPrivateKey, SEC1 ECPrivateKey.
const PKCS8 = /30(82[0-9a-f]{4}|81[0-9a-f]{2})020100(300d06092a864886f70d010101|301306072a8648ce3d0201|0282)|30(81)?[0-9a-f]{2}02010104(20|30|42)/;
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
function scanValue(value, where, secrets, keys = [], seen = new Set()) {
  const findings = [];
  const checkHex = (h, at) => {
    if (PKCS8.test(h)) findings.push({ where: at, what: 'PKCS#8 DER' });
    for (const s of secrets) if (h.includes(s)) findings.push({ where: at, what: 'secret key bytes' });
  };
  const walk = (v, at) => {
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return;
    if (typeof v === 'string') {
      if (/-----BEGIN/.test(v)) findings.push({ where: at, what: 'PEM' });
      if (/"d"\s*:/.test(v)) findings.push({ where: at, what: 'JWK "d" in text' });
      checkHex(hex(new TextEncoder().encode(v)), at);
      return;
    }
    if (typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof CryptoKey) { keys.push(v); return; }
    if (v instanceof ArrayBuffer) return checkHex(hex(new Uint8Array(v)), at);
    if (ArrayBuffer.isView(v)) return checkHex(hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)), at);
    if (v instanceof Blob) { findings.push({ where: at, what: 'Blob (unscanned)' }); return; }
    for (const [k, child] of (v instanceof Map ? v.entries() : Object.entries(v))) {
      if (k === 'd' && typeof child === 'string') findings.push({ where: at, what: 'JWK "d" member' });
      walk(child, at + '.' + String(k));
    }
  };
  walk(value, where);
  return findings;
}
async function scanAllStorage(secrets) {
  const findings = [];
  const cryptoKeys = [];
  let scanned = 0;
  const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const databases = (await indexedDB.databases()).map((d) => d.name);
  for (const name of databases) {
    const db = await req(indexedDB.open(name));
    for (const storeName of Array.from(db.objectStoreNames)) {
      const store = db.transaction(storeName).objectStore(storeName);
      const keys = await req(store.getAllKeys());
      const values = await req(store.getAll());
      scanned += values.length;
      findings.push(...scanValue(keys, 'idb:' + name + '/' + storeName + ' keys', secrets));
      values.forEach((v, i) => findings.push(...scanValue(v, 'idb:' + name + '/' + storeName + '/' + String(keys[i]), secrets, cryptoKeys)));
    }
    db.close();
  }
  for (const [label, area] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
    for (let i = 0; i < area.length; i++) {
      const k = area.key(i);
      scanned++;
      findings.push(...scanValue([k, area.getItem(k)], label + ':' + k, secrets));
    }
  }
  for (const cacheName of await caches.keys()) {
    const cache = await caches.open(cacheName);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      scanned++;
      findings.push(...scanValue(new Uint8Array(await response.arrayBuffer()), 'cache:' + cacheName + ':' + request.url, secrets));
    }
  }
  return { findings, cryptoKeys, databases, scanned };
}
globalThis.scanValue = scanValue;
globalThis.scanAllStorage = scanAllStorage;
`;

const MESSAGE = 'From: alice@example.com\r\nTo: bob@example.com\r\nSubject: from IndexedDB\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nSigned with a key kept in IndexedDB.\r\n';

let browser: Browser;
let server: StaticServer;
let dir: string;
/** Hex runs from inside the private key (RSA private exponent and prime p), which must never be stored. */
let secrets: string[];
let p12Base64: string;

beforeAll(async () => {
  dir = tempDir('smime-idb-');
  writeFileSync(join(dir, 'entry.ts'), `import * as core from '${process.cwd()}/src/core/index';\n(globalThis as unknown as { smime: typeof core }).smime = core;\n`);
  await bundleForBrowser(join(dir, 'entry.ts'), join(dir, 'core.js'));
  writeFileSync(join(dir, 'scan.js'), SCANNER);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="core.js"></script><script src="scan.js"></script><p>keystore</p>');
  server = await serveStatic(dir);
  browser = await launchChromium();
  const text = mustRun('openssl', ['rsa', '-in', pkiPath('rsa2048', 'alice.key'), '-noout', '-text']).toString();
  const field = (name: string) => /:\n([\s\S]*?)\n\S/.exec(text.slice(text.indexOf(name)))![1].replace(/[\s:]/g, '').replace(/^00/, '');
  secrets = [field('privateExponent').slice(0, 64), field('prime1').slice(0, 64)];
  expect(secrets.every((s) => s.length === 64)).toBe(true);
  p12Base64 = Buffer.from(readPki('rsa2048', 'alice.p12')).toString('base64');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const evaluate = <R, A>(page: Page, fn: (g: PageGlobals, arg: A) => Promise<R>, arg: A) =>
  page.evaluate(({ body, a }) => new Function('g', 'a', `return (${body})(g, a);`)(globalThis, a) as Promise<R>, { body: fn.toString(), a: arg });

test('import into IndexedDB, reload, sign; keys are non-exportable; storage holds no private key material', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);

  // 1. Import the PKCS#12 into an IndexedDbBackend.
  const imported = await evaluate(page, async (g, { p12 }) => {
    const bytes = Uint8Array.from(atob(p12), (c) => c.charCodeAt(0));
    const backend = new g.smime.IndexedDbBackend('smime-keystore-test');
    const keys = new g.smime.KeyStore({ backend });
    const { entries } = await g.smime.readPkcs12(bytes, 'test');
    const identity = await keys.importIdentity(entries[0]);
    entries[0].pkcs8.fill(0);
    await backend.close();
    return { id: identity.id, emails: identity.emails };
  }, { p12: p12Base64 });
  expect(imported.emails).toEqual(['alice@example.com']);

  // 2. Reload: nothing survives in memory, only in IndexedDB.
  await page.reload();
  expect(await page.evaluate(() => typeof (globalThis as unknown as { smime?: unknown }).smime)).toBe('object');

  // 3. Sign with the stored identity.
  const signed = await evaluate(page, async (g, { message }) => {
    const keys = new g.smime.KeyStore({ backend: new g.smime.IndexedDbBackend('smime-keystore-test') });
    const identity = await keys.chooseSigningIdentity('alice@example.com');
    if (!identity) throw new Error('identity lost after reload');
    const key = await keys.getKeyHandle(identity.id);
    const out = await g.smime.signMessage(new TextEncoder().encode(message), { certificate: identity.certificate, chain: identity.chain, key });
    return Array.from(out, (b) => String.fromCharCode(b)).join('');
  }, { message: MESSAGE });
  const signedFile = join(dir, 'signed.eml');
  writeFileSync(signedFile, Buffer.from(signed, 'latin1'));
  const check = runTool('openssl', ['cms', '-verify', '-in', signedFile, '-CAfile', pkiPath('rsa2048', 'root.crt'), '-purpose', 'any']);
  expect(check.stderr).toMatch(/Verification successful/);
  expect(check.stdout.toString()).toContain('Signed with a key kept in IndexedDB.');
  expect(readFileSync(signedFile, 'latin1')).toContain('Content-Type: multipart/signed');

  // 4. Every storage area: no private material; the CryptoKeys found refuse export and wrapping.
  const report = await evaluate(page, async (g, { secrets: s }) => {
    const { findings, cryptoKeys, databases, scanned } = await g.scanAllStorage(s);
    const wrapper = await crypto.subtle.generateKey({ name: 'AES-KW', length: 256 }, true, ['wrapKey']);
    const refused: string[] = [];
    for (const key of cryptoKeys) {
      const formats = key.type === 'secret' ? ['raw', 'jwk'] : ['pkcs8', 'jwk'];
      for (const format of formats) {
        await crypto.subtle.exportKey(format as 'jwk', key).then(() => undefined, () => refused.push(`export ${format}`));
        await crypto.subtle.wrapKey(format as 'jwk', key, wrapper, 'AES-KW').then(() => undefined, () => refused.push(`wrap ${format}`));
      }
    }
    return {
      findings,
      databases,
      scanned,
      keyCount: cryptoKeys.length,
      extractable: cryptoKeys.filter((k) => k.extractable).length,
      types: [...new Set(cryptoKeys.map((k) => `${k.type}:${k.algorithm.name}`))].sort(),
      refused: refused.length,
    };
  }, { secrets });
  expect(report.databases).toContain('smime-keystore-test');
  expect(report.scanned).toBe(2); // the device key and the identity record
  expect(report.findings).toEqual([]);
  // 3 RSASSA + 3 PSS + 4 OAEP private keys and the AES-GCM device key.
  expect(report.keyCount).toBe(11);
  expect(report.types).toEqual(['private:RSA-OAEP', 'private:RSA-PSS', 'private:RSASSA-PKCS1-v1_5', 'secret:AES-GCM']);
  expect(report.extractable).toBe(0);
  expect(report.refused).toBe(report.keyCount * 4);

  // 5. The scanner is able to fail: planted PKCS#8, JWK and PEM are all found, in every storage kind.
  const pkcs8 = mustRun('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', pkiPath('rsa2048', 'alice.key'), '-outform', 'DER']).toString('base64');
  const control = await evaluate(page, async (g, { der, s }) => {
    const bytes = Uint8Array.from(atob(der), (c) => c.charCodeAt(0));
    const direct = g.scanValue([{ blob: bytes }, { kty: 'RSA', d: 'secret' }, '-----BEGIN PRIVATE KEY-----'], 'control', []).map((f) => f.what);
    localStorage.setItem('planted', '{"kty":"RSA","d":"x"}');
    sessionStorage.setItem('planted', '-----BEGIN PRIVATE KEY-----');
    await (await caches.open('planted')).put('/planted', new Response(bytes));
    const db = await new Promise<IDBDatabase>((ok) => {
      const r = indexedDB.open('planted');
      r.onupgradeneeded = () => r.result.createObjectStore('s');
      r.onsuccess = () => ok(r.result);
    });
    await new Promise((ok) => {
      const tx = db.transaction('s', 'readwrite');
      tx.objectStore('s').put({ wrapped: bytes.buffer }, 'k');
      tx.oncomplete = ok;
    });
    db.close();
    const found = (await g.scanAllStorage(s)).findings.map((f) => `${f.where.split(':')[0]} ${f.what}`);
    return { direct, found: [...new Set(found)].sort() };
  }, { der: pkcs8, s: secrets });
  expect(control.direct).toEqual(['PKCS#8 DER', 'JWK "d" member', 'PEM']);
  expect(control.found).toEqual([
    'cache PKCS#8 DER',
    'cache secret key bytes',
    'idb PKCS#8 DER',
    'idb secret key bytes',
    'localStorage JWK "d" in text',
    'sessionStorage PEM',
  ]);
  await context.close();
});

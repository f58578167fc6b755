/** The host-free engine runs unchanged in real Chromium: sign, encrypt, decrypt and verify in a page. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { bundleForBrowser, launchChromium, serveStatic, type StaticServer } from '../support/browser';
import { readPki, tempDir } from '../support/fixtures';

let browser: Browser;
let server: StaticServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('smime-browser-');
  writeFileSync(
    join(dir, 'entry.ts'),
    `import * as core from '${process.cwd()}/src/core/index';\n(globalThis as unknown as { smime: typeof core }).smime = core;\n`,
  );
  await bundleForBrowser(join(dir, 'entry.ts'), join(dir, 'core.js'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="core.js"></script><p>core</p>');
  server = await serveStatic(dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a message signed and encrypted in Chromium verifies and decrypts there', async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  const pem = (f: string) => new TextDecoder().decode(readPki('p256', f));
  const result = await page.evaluate(
    async ({ aliceCrt, aliceKey, bobCrt, bobKey, rootCrt }) => {
      const s = (globalThis as unknown as { smime: typeof import('../../src/core/index') }).smime;
      const enc = new TextEncoder();
      const cert = (p: string) => s.loadCertificate(enc.encode(p));
      const key = async (p: string) => s.privateKeyFromPkcs8(s.loadPrivateKeyPkcs8(enc.encode(p)));
      const message = s.buildMessage({ from: 'alice@example.com', to: ['bob@example.com'], subject: 'Browser', text: 'Signed in Chromium.' });
      const [leaf, ...chain] = s.loadCertificates(enc.encode(aliceCrt));
      const signed = await s.signMessage(message, { certificate: leaf, chain, key: await key(aliceKey) });
      const encrypted = await s.encryptMessage(signed, [cert(bobCrt)], { cipher: 'aes-256-gcm' });
      const { verdict, content } = await s.readMessage(encrypted, {
        anchors: [cert(rootCrt)],
        extraCertificates: [],
        decryptionKeys: [{ certificate: cert(bobCrt), key: await key(bobKey) }],
        revocation: 'off',
      });
      return { status: verdict.status, encryption: verdict.encryption[0]?.contentAlgorithm, text: content?.text() };
    },
    { aliceCrt: pem('alice-chain.pem'), aliceKey: pem('alice.key'), bobCrt: pem('bob.crt'), bobKey: pem('bob.key'), rootCrt: pem('root.crt') },
  );
  expect(result).toEqual({ status: 'valid', encryption: 'AES-256-GCM', text: 'Signed in Chromium.' });
});

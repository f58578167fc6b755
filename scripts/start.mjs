// `npm start`: builds the add-in (development), serves it on https://localhost:3000 with the
// local Graph endpoint, and prints how to sideload manifest.xml and open the playground.
// `npm run demo` (`--demo`) still runs the engine's command-line demo (scripts/demo/demo.ts).
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import webpack from 'webpack';
import { build } from 'esbuild';
import config from '../webpack.config.js';
import { devCertificates } from './dev-server/certs.mjs';
import { startDevServer } from './dev-server/server.mjs';

async function runDemo() {
  const outfile = '.tmp/demo.mjs';
  await build({
    entryPoints: ['scripts/demo/demo.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  process.exit(spawnSync(process.execPath, [outfile], { stdio: 'inherit' }).status ?? 1);
}

function compile(cfg) {
  return new Promise((resolveBuild, reject) => {
    webpack(cfg, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolveBuild(stats);
    });
  });
}

if (process.argv.includes('--demo')) await runDemo();

const started = Date.now();
const port = Number(process.env.PORT ?? 3000);
await compile(await config({}, { mode: 'development' }));
const server = await startDevServer({
  root: resolve('dist/web'),
  port,
  tls: await devCertificates(),
  mailboxDir: resolve('.tmp/mailbox'),
  seedDir: resolve('.tmp/playground/mailbox'),
});
const url = server.url;
console.log(`
S/MIME add-in built in ${((Date.now() - started) / 1000).toFixed(1)} s and served at ${url}

Playground (no Outlook needed):  ${url}/playground.html
  Open a sample message, press S/MIME › Verify, or New message › Sign/Encrypt › Send securely.
  Sent mail lands in .tmp/mailbox (local Graph endpoint at ${url}/v1.0/me/…).

Sideload into Outlook (the browser must trust the dev certificate in ~/.office-addin-dev-certs):
  Outlook on the web / new Outlook: https://aka.ms/olksideload → My add-ins → Add a custom add-in
    → Add from file… → ${resolve('manifest.xml')}
  Classic Outlook on Windows: File → Manage Add-ins (or Get Add-ins) → My add-ins → Add from file.
  Outlook on Mac: Get Add-ins → My add-ins → Add from file.
  Sending through Graph needs SMIME_CLIENT_ID (an Entra app with Mail.Send/Mail.ReadWrite and an
  SPA redirect brk-multihub://localhost:3000); without it use "Save as .eml".

Press Ctrl+C to stop.`);

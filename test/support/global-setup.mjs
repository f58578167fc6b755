// Builds the test PKI once per `npm test` run with the real openssl (and any other peer a
// script needs). Each script in test/support/pki/ adds its own files under PKI_DIR.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PKI_DIR = resolve('.tmp/pki');

export default function globalSetup() {
  rmSync(PKI_DIR, { recursive: true, force: true });
  mkdirSync(PKI_DIR, { recursive: true });
  const dir = resolve('test/support/pki');
  for (const script of readdirSync(dir).filter((f) => f.endsWith('.sh')).sort()) {
    execFileSync('bash', [join(dir, script)], { env: { ...process.env, PKI_DIR }, stdio: ['ignore', 'inherit', 'inherit'] });
  }
}

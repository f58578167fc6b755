// Builds the test PKI once per Jest run with the real openssl (and any other peer a script
// needs). Each script in test/support/pki/ adds its own files under PKI_DIR. Every run gets
// its own directory, so concurrent runs never see each other's half-made files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default function globalSetup() {
  const pkiDir = resolve(`.tmp/pki-run-${process.pid}`);
  mkdirSync(pkiDir, { recursive: true });
  const dir = resolve('test/support/pki');
  for (const script of readdirSync(dir).filter((f) => f.endsWith('.sh')).sort()) {
    execFileSync('bash', [join(dir, script)], { env: { ...process.env, PKI_DIR: pkiDir }, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  process.env.SMIME_PKI_DIR = pkiDir;
}

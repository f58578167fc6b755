/** Helpers for PKCS#12 tests: peer exports made on the fly with openssl / NSS / gpgsm. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { toDer } from '../../src/core/asn1';
import { bytesEqual } from '../../src/core/bytes';
import { loadCertificate } from '../../src/core/pem';
import { mustRun, pkiPath, readPki, tempDir } from '../support/fixtures';

export function opensslExport(family: string, who: string, extra: string[], password = 'test'): Uint8Array {
  const out = join(tempDir('p12-'), `${who}.p12`);
  mustRun('openssl', [
    'pkcs12', '-export',
    '-inkey', pkiPath(family, `${who}.key`),
    '-in', pkiPath(family, `${who}.crt`),
    '-certfile', pkiPath(family, 'inter.crt'),
    '-passout', `pass:${password}`,
    '-out', out,
    ...extra,
  ]);
  return new Uint8Array(readFileSync(out));
}

/** Imports the fixture p12 into a fresh NSS db and exports it again with pk12util's defaults. */
export function nssExport(family: string, who: string): Uint8Array {
  const dir = tempDir('nss-');
  mustRun('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  mustRun('pk12util', ['-i', pkiPath(family, `${who}.p12`), '-d', `sql:${dir}`, '-W', 'test']);
  const out = join(dir, 'out.p12');
  mustRun('pk12util', ['-o', out, '-n', `${who} (${family})`, '-d', `sql:${dir}`, '-W', 'test']);
  return new Uint8Array(readFileSync(out));
}

/** Imports a p12 into a fresh NSS db; returns certutil's key listing. */
export function nssImport(p12: Uint8Array, password: string): string {
  const dir = tempDir('nss-');
  mustRun('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  const file = join(dir, 'in.p12');
  writeFileSync(file, p12);
  mustRun('pk12util', ['-i', file, '-d', `sql:${dir}`, '-W', password]);
  return mustRun('certutil', ['-K', '-d', `sql:${dir}`]).toString() + mustRun('certutil', ['-L', '-d', `sql:${dir}`]).toString();
}

/** Runs `openssl pkcs12 -nodes` over a p12 and returns the PEM it prints. */
export function opensslRead(p12: Uint8Array, password: string): string {
  const file = join(tempDir('p12-'), 'in.p12');
  writeFileSync(file, p12);
  return mustRun('openssl', ['pkcs12', '-in', file, '-passin', `pass:${password}`, '-nodes']).toString();
}

export function fixtureCert(family: string, file: string): pkijs.Certificate {
  return loadCertificate(readPki(family, file));
}

export function sameCert(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return bytesEqual(toDer(a), toDer(b));
}

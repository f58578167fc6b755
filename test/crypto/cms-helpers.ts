/** Shared helpers for the encryption/decryption tests: a private PKI snapshot and key loading. */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { privateKeyFromPkcs8, type PrivateKeyHandle } from '../../src/core/keys';
import type { DecryptionKey } from '../../src/core/cms/decrypt';
import { KEY_FAMILIES, PKI_DIR, tempDir } from '../support/fixtures';

export interface Party {
  family: string;
  certPath: string;
  keyPath: string;
  p12Path: string;
  cert: pkijs.Certificate;
  pkcs8: Uint8Array;
  key: PrivateKeyHandle;
  decryptionKey: DecryptionKey;
}

/**
 * Copies the generated PKI into a private temp dir: other test runs in this checkout
 * regenerate .tmp/pki, and a key changing under a running test would look like a bug.
 */
export function snapshotPki(): string {
  const dir = tempDir('smime-enc-pki-');
  for (const family of KEY_FAMILIES) {
    for (let attempt = 0; ; attempt++) {
      try {
        cpSync(join(PKI_DIR, family), join(dir, family), { recursive: true });
        if (!existsSync(join(dir, family, 'bob.p12'))) throw new Error('incomplete');
        break;
      } catch (err) {
        if (attempt > 20) {
          rmSync(dir, { recursive: true, force: true });
          throw err;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      }
    }
  }
  return dir;
}

export async function loadParty(pkiDir: string, family: string, who = 'alice'): Promise<Party> {
  const certPath = join(pkiDir, family, `${who}.crt`);
  const keyPath = join(pkiDir, family, `${who}.key`);
  const cert = loadCertificate(new Uint8Array(readFileSync(certPath)));
  const pkcs8 = loadPrivateKeyPkcs8(new Uint8Array(readFileSync(keyPath)));
  const key = await privateKeyFromPkcs8(pkcs8);
  return { family, certPath, keyPath, p12Path: join(pkiDir, family, `${who}.p12`), cert, pkcs8, key, decryptionKey: { certificate: cert, key } };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function writeBytes(path: string, bytes: Uint8Array): string {
  writeFileSync(path, bytes);
  return path;
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** A sample MIME entity with bytes that break naive text handling (CRLF, 8-bit, NUL). */
export function sampleContent(size = 3000): Uint8Array {
  const head = new TextEncoder().encode('Content-Type: text/plain; charset=utf-8\r\n\r\nGrüße \u2603\r\n');
  const out = new Uint8Array(head.length + size);
  out.set(head);
  for (let i = 0; i < size; i++) out[head.length + i] = (i * 31 + 7) & 0xff;
  return out;
}

/**
 * KeyValueBackend over a directory ($SMIME_HOME, default ~/.config/smime): one JSON file
 * per record, mode 0600 in a 0700 directory. Files cannot hold CryptoKeys, so the keystore
 * wraps every private key under the user's passphrase (see KeyStore).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, toBase64 } from '../core/bytes';
import type { KeyValueBackend } from '../core/keystore/backend';

/** JSON cannot carry bytes or dates; tag them. */
function encode(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $b64: toBase64(value) };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) throw new Error('A file store cannot hold CryptoKeys');
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.$b64 === 'string') return fromBase64(obj.$b64);
    if (typeof obj.$date === 'string') return new Date(obj.$date);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export function defaultSmimeHome(env: Record<string, string | undefined>): string {
  if (env.SMIME_HOME) return env.SMIME_HOME;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || env.USERPROFILE || '.', '.config');
  return join(base, 'smime');
}

export class FileBackend implements KeyValueBackend {
  readonly persistsCryptoKeys = false;

  constructor(private readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  private ensureDir(): void {
    if (!existsSync(this.dir)) mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const file = this.path(key);
    if (!existsSync(file)) return undefined;
    return decode(JSON.parse(readFileSync(file, 'utf8'))) as T;
  }

  async put(key: string, value: unknown): Promise<void> {
    this.ensureDir();
    const file = this.path(key);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(encode(value)), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  }

  async delete(key: string): Promise<void> {
    rmSync(this.path(key), { force: true });
  }

  async list(prefix = ''): Promise<string[]> {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => decodeURIComponent(f.slice(0, -'.json'.length)))
      .filter((k) => k.startsWith(prefix))
      .sort();
  }
}

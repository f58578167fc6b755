/** Shared test helpers: the generated PKI, temp dirs and running peer binaries. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Set by the Jest global setup for this run (see global-setup.mjs). */
export const PKI_DIR = process.env.SMIME_PKI_DIR ?? resolve('.tmp/pki');
export const SHARED_DIR = resolve('../shared');
export const VECTORS_DIR = join(SHARED_DIR, 'vectors');

export type KeyFamily = 'rsa2048' | 'rsa3072' | 'p256' | 'p384';
export const KEY_FAMILIES: KeyFamily[] = ['rsa2048', 'rsa3072', 'p256', 'p384'];

export function pkiPath(family: string, file: string): string {
  return join(PKI_DIR, family, file);
}

export function readPki(family: string, file: string): Uint8Array {
  return new Uint8Array(readFileSync(pkiPath(family, file)));
}

export function tempDir(prefix = 'smime-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ToolResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs a peer binary; throws if it is missing (a missing peer is a failure, never a skip). */
export function runTool(cmd: string, args: string[], input?: Uint8Array | string, env?: NodeJS.ProcessEnv): ToolResult {
  const r = spawnSync(cmd, args, { input, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** Runs a peer binary and throws with its stderr unless it exits 0. */
export function mustRun(cmd: string, args: string[], input?: Uint8Array | string, env?: NodeJS.ProcessEnv): Buffer {
  const r = runTool(cmd, args, input, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

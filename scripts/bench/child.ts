/**
 * One measurement in a fresh process. Timing (`runs` > 0): warm up once, time `runs` calls.
 * Memory (`runs` = 0): one call in a process that has done nothing else, so its peak RSS
 * growth is that operation's own and not accumulated heap growth from earlier runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { decryptMessage, encryptMessage, readMessage, signMessage } from '../../src/core/smime';

export async function runChild([op, dir, size, runsText]: string[]): Promise<void> {
  const file = (f: string) => new Uint8Array(readFileSync(join(dir, f)));
  const cert = loadCertificate(file('alice.crt'));
  const root = loadCertificate(file('root.crt'));
  const key = await privateKeyFromPkcs8(loadPrivateKeyPkcs8(file('alice.key')));
  const input = file(op === 'verify' ? `signed-${size}.eml` : op === 'decrypt' ? `enc-${size}.eml` : `msg-${size}.eml`);

  const ops: Record<string, () => Promise<unknown>> = {
    sign: () => signMessage(input, { certificate: cert, chain: [], key }),
    verify: async () => {
      const { verdict } = await readMessage(input, { anchors: [root], revocation: 'off' });
      if (verdict.status !== 'valid') throw new Error(`verify gave ${verdict.status}: ${verdict.errors.join('; ')}`);
    },
    encrypt: () => encryptMessage(input, [cert], { cipher: 'aes-256-cbc', keyTransport: 'rsa-pkcs1' }),
    decrypt: () => decryptMessage(input, [{ certificate: cert, key }]),
  };
  const fn = ops[op];
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // Peak growth = the process's lifetime RSS high-water mark minus the RSS once inputs are loaded.
  const baseline = process.memoryUsage().rss;
  if (runsText === '0') {
    await fn();
    process.stdout.write(JSON.stringify({ ms: 0, peakMiB: (process.resourceUsage().maxRSS * 1024 - baseline) / 1048576 }));
    return;
  }
  await fn(); // warm-up: JIT and lazily imported keys
  gc?.();
  const times: number[] = [];
  for (let i = 0; i < Number(runsText); i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    gc?.();
  }
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ ms: times[Math.floor(times.length / 2)], peakMiB: 0 }));
}

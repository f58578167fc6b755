/**
 * One fuzz target in its own process (bundled and started by scripts/fuzz.mjs, which kills
 * it if it stops making progress: a synchronous hang or an out-of-memory exit). Before each
 * input the runner writes it to `<crashes>/current-<target>.bin`, so the parent can keep the
 * input that hung or exhausted memory. Findings are written as `<kind>-<target>-<hash>.bin`.
 *
 *   node runner.mjs make-corpus <pkiDir> <corpusDir>
 *   node runner.mjs run <target> <corpusDir> <crashesDir> <seconds> <perInputMs> <maxRssMb> <seed>
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { writeCorpus } from './corpus';
import { mutatedInput } from './mutate';
import { FuzzCrash, runTarget, TARGETS, type TargetContext, type TargetName } from './targets';

interface Summary {
  target: TargetName;
  runs: number;
  seeds: number;
  ms: number;
  maxInputBytes: number;
  maxRssMb: number;
  slowestMs: number;
  findings: { kind: 'crash' | 'hang' | 'memory'; file: string; message: string }[];
}

async function loadContext(corpus: string): Promise<TargetContext> {
  const ctx = join(corpus, 'ctx');
  const file = (name: string) => new Uint8Array(readFileSync(join(ctx, name)));
  const ctxOut: TargetContext = { anchors: [], keys: [] };
  for (const family of ['rsa2048', 'p256']) {
    ctxOut.anchors.push(loadCertificate(file(`${family}-root.crt`)));
    ctxOut.keys.push({
      certificate: loadCertificate(file(`${family}-bob.crt`)),
      key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(file(`${family}-bob.key`))),
    });
  }
  return ctxOut;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function run(args: string[]): Promise<void> {
  const [target, corpus, crashes, seconds, perInputMs, maxRssMb, seed] = args;
  if (!TARGETS.includes(target as TargetName)) throw new Error(`unknown target ${target}`);
  const name = target as TargetName;
  mkdirSync(crashes, { recursive: true });
  const seedDir = join(corpus, name);
  const seeds = readdirSync(seedDir)
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(seedDir, f))));
  const ctx = await loadContext(corpus);
  const summary: Summary = { target: name, runs: 0, seeds: seeds.length, ms: 0, maxInputBytes: 0, maxRssMb: 0, slowestMs: 0, findings: [] };
  const started = Date.now();
  const deadline = started + Number(seconds) * 1000;
  const current = join(crashes, `current-${name}.bin`);

  const keep = (kind: Summary['findings'][number]['kind'], input: Uint8Array, message: string) => {
    const file = join(crashes, `${kind}-${name}-${createHash('sha256').update(input).digest('hex').slice(0, 16)}.bin`);
    writeFileSync(file, input);
    summary.findings.push({ kind, file, message: message.slice(0, 2000) });
  };

  const one = async (input: Uint8Array): Promise<boolean> => {
    writeFileSync(current, input);
    const t0 = Date.now();
    try {
      const r = await withTimeout(runTarget(name, input, ctx), Number(perInputMs));
      if (r === 'timeout') {
        keep('hang', input, `no answer within ${perInputMs} ms`);
        return false; // the stuck promise may still run: stop this process
      }
    } catch (err) {
      if (!(err instanceof FuzzCrash)) throw err;
      keep('crash', input, err.message);
    }
    const ms = Date.now() - t0;
    summary.slowestMs = Math.max(summary.slowestMs, ms);
    if (ms > Number(perInputMs)) keep('hang', input, `took ${ms} ms (synchronous work over the per-input budget)`);
    const rss = process.memoryUsage().rss / 1048576;
    summary.maxRssMb = Math.max(summary.maxRssMb, Math.round(rss));
    if (rss > Number(maxRssMb)) {
      keep('memory', input, `RSS ${Math.round(rss)} MB over ${maxRssMb} MB`);
      return false;
    }
    summary.runs++;
    summary.maxInputBytes = Math.max(summary.maxInputBytes, input.length);
    return true;
  };

  let going = true;
  for (const s of seeds) if (going) going = await one(s);
  const arb = mutatedInput(seeds);
  for (let batch = 0; going && Date.now() < deadline; batch++) {
    for (const input of fc.sample(arb, { numRuns: 25, seed: Number(seed) + batch })) {
      if (!going || Date.now() >= deadline) break;
      going = await one(input);
    }
  }
  summary.ms = Date.now() - started;
  process.stdout.write(`FUZZ-SUMMARY ${JSON.stringify(summary)}\n`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'make-corpus') {
    process.stdout.write(`FUZZ-CORPUS ${JSON.stringify(await writeCorpus(args[0], args[1]))}\n`);
  } else if (command === 'run') {
    await run(args);
  } else {
    throw new Error('usage: runner.mjs make-corpus <pkiDir> <dir> | run <target> …');
  }
  process.exit(0);
}

void main().catch((err: unknown) => {
  process.stderr.write(`runner failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});

// `npm run fuzz [-- --seconds 300 --targets mime,decrypt]`: runs each fuzz target (test/fuzz)
// in its own process for a set time. Fails on a crash (an exception that is not a typed
// SmimeError / verdict), a hang (an input over the per-input budget, or no progress at all)
// or unbounded memory (RSS over the cap or an out-of-memory exit). Findings are kept in
// <out>/crashes; copy each into test/fuzz/regressions/<target>/ to make it a regression test.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const TARGETS = ['read-message', 'cms-verify', 'pkcs12', 'mime', 'decrypt'];
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: process.env.FUZZ_SECONDS ?? '60' },
    targets: { type: 'string', default: TARGETS.join(',') },
    'per-input-ms': { type: 'string', default: process.env.FUZZ_PER_INPUT_MS ?? '10000' },
    'max-rss-mb': { type: 'string', default: process.env.FUZZ_MAX_RSS_MB ?? '1536' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 1e9) },
    out: { type: 'string', default: '.tmp/fuzz' },
  },
});
const out = resolve(values.out);
const crashes = join(out, 'crashes');
const corpus = join(out, 'corpus');
mkdirSync(out, { recursive: true });
rmSync(corpus, { recursive: true, force: true });

// The runner is TypeScript: bundle it (and the core) once, like the CLI.
const runner = join(out, 'runner.mjs');
await build({
  entryPoints: ['test/fuzz/runner.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: runner,
  banner: { js: "import { createRequire as __fuzzCreateRequire } from 'node:module';\nconst require = __fuzzCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The seed corpus comes from the same generated PKI the tests use (built here if not given).
let pkiDir = process.env.SMIME_PKI_DIR;
if (!pkiDir || !existsSync(pkiDir)) {
  pkiDir = join(out, 'pki');
  if (!existsSync(join(pkiDir, 'rsa2048', 'alice.p12'))) {
    mkdirSync(pkiDir, { recursive: true });
    for (const script of readdirSync('test/support/pki').filter((f) => f.endsWith('.sh')).sort()) {
      const r = spawnSync('bash', [join('test/support/pki', script)], { env: { ...process.env, PKI_DIR: pkiDir }, stdio: 'inherit' });
      if (r.status !== 0) process.exit(1);
    }
  }
}
const made = spawnSync(process.execPath, [runner, 'make-corpus', pkiDir, corpus], { encoding: 'utf8' });
if (made.status !== 0) {
  console.error(made.stderr);
  process.exit(1);
}
console.log(made.stdout.trim());

function runOne(target) {
  const seconds = Number(values.seconds);
  const perInput = Number(values['per-input-ms']);
  const args = [`--max-old-space-size=${values['max-rss-mb']}`, runner, 'run', target, corpus, crashes, values.seconds, values['per-input-ms'], values['max-rss-mb'], values.seed];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Watchdog for synchronous hangs, which the runner cannot interrupt itself.
    let killed = false;
    const watchdog = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, seconds * 1000 + perInput + 60_000);
    child.on('exit', (code) => {
      clearTimeout(watchdog);
      const line = stdout.split('\n').find((l) => l.startsWith('FUZZ-SUMMARY '));
      if (line && code === 0) return done(JSON.parse(line.slice('FUZZ-SUMMARY '.length)));
      // No summary: the process hung or died (out of memory, native crash). Keep the input it was on.
      const kind = killed ? 'hang' : /heap out of memory|Allocation failed/i.test(stderr) ? 'memory' : 'crash';
      const current = join(crashes, `current-${target}.bin`);
      const file = join(crashes, `${kind}-${target}-process.bin`);
      if (existsSync(current)) copyFileSync(current, file);
      done({ target, runs: 0, ms: 0, findings: [{ kind, file, message: `runner exit ${code}${killed ? ' (killed by watchdog)' : ''}: ${stderr.slice(-2000)}` }] });
    });
  });
}

let failed = false;
for (const target of values.targets.split(',')) {
  const s = await runOne(target);
  console.log(
    `FUZZ ${target}: ${s.runs} runs in ${Math.round(s.ms / 1000)} s` +
      (s.maxInputBytes !== undefined ? `, largest input ${s.maxInputBytes} B, slowest ${s.slowestMs} ms, max RSS ${s.maxRssMb} MB` : '') +
      `, ${s.findings.length} finding(s)`,
  );
  for (const f of s.findings) console.log(`  ${f.kind}: ${f.file}\n    ${f.message.split('\n')[0]}`);
  if (s.findings.length > 0) failed = true;
}
process.exit(failed ? 1 : 0);

/**
 * The bounded CI run of all five fuzz targets (issue 6): FUZZ_CI_SECONDS per target (default
 * 14 s, so ≤ 2 minutes in `npm test` with bundling and corpus generation). Any crash, hang or
 * memory finding fails the test and names the saved input (see scripts/fuzz.mjs).
 * The seed is fixed (FUZZ_CI_SEED) so a CI run repeats the mutations a local run checked;
 * exploring new inputs is `npm run fuzz`, whose seed changes every run.
 */
import { spawnSync } from 'node:child_process';
import { PKI_DIR } from '../support/fixtures';

const SECONDS = process.env.FUZZ_CI_SECONDS ?? '14';
const SEED = process.env.FUZZ_CI_SEED ?? '20261130';

test('each fuzz target runs for a bounded time without a crash, hang or memory blow-up', () => {
  const r = spawnSync(process.execPath, ['scripts/fuzz.mjs', '--seconds', SECONDS, '--out', `.tmp/fuzz-ci-${process.pid}`, '--per-input-ms', '10000', '--seed', SEED], {
    env: { ...process.env, SMIME_PKI_DIR: PKI_DIR, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 110_000 + 5 * Number(SECONDS) * 1000,
  });
  const report = r.stdout.split('\n').filter((l) => l.startsWith('FUZZ') || l.startsWith('  '));
  // The per-target lines are the evidence: runs, largest input, slowest input, RSS.
  expect(report.filter((l) => /^FUZZ (read-message|cms-verify|pkcs12|mime|decrypt):/.test(l))).toHaveLength(5);
  // On failure the message names each finding and the file that reproduces it.
  if (r.status !== 0) throw new Error(`fuzzing failed (exit ${r.status}):\n${report.join('\n')}\n${r.stderr.slice(-2000)}`);
  for (const line of report.filter((l) => l.startsWith('FUZZ ') && !l.startsWith('FUZZ-CORPUS'))) {
    expect(line).toMatch(/ 0 finding\(s\)$/);
    expect(Number(/: (\d+) runs/.exec(line)?.[1])).toBeGreaterThan(20);
  }
}, 300_000);

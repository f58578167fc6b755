// `npm test`: builds the CLI the interop tests drive, runs every Jest suite, and ends with one
// plain "N passed, N failed" line so any CI log reader can tell the result.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

if (run(process.execPath, ['scripts/build-cli.mjs']) !== 0) process.exit(1);
mkdirSync('.tmp', { recursive: true });
const results = '.tmp/jest-results.json';
const status = run(
  process.execPath,
  ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim() },
);
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''));
  if (r.numTotalTests === 0) process.exit(1);
} catch {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
process.exit(status);

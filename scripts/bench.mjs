// `npm run bench`: bundles scripts/bench/bench.ts (it imports the TypeScript core) and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const outfile = '.tmp/bench.mjs';
await build({ entryPoints: ['scripts/bench/bench.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

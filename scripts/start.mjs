// `npm start`: bundles and runs the engine demo (scripts/demo/demo.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const outfile = '.tmp/demo.mjs';
await build({
  entryPoints: ['scripts/demo/demo.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
process.exit(spawnSync(process.execPath, [outfile], { stdio: 'inherit' }).status ?? 1);

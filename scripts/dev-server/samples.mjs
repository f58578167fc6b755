// Builds the playground samples with the core (bundled for Node by esbuild) into `outDir`.
// Reuses an existing set so rebuilds stay fast and the demo identity stays the same.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export async function ensureSamples(outDir = resolve('.tmp/playground'), { fresh = false } = {}) {
  if (!fresh && existsSync(join(outDir, 'samples.json'))) return outDir;
  const script = join(outDir, '..', `write-samples-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve('src/playground/samples/write-samples.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  execFileSync(process.execPath, [script, outDir], { stdio: 'inherit' });
  return outDir;
}

// Bundles the `smime` CLI into one ESM file so it starts fast and needs no TypeScript at run time.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const outfile = 'dist/smime.mjs';
await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);

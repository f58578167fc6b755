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
  // CommonJS dependencies (node-forge) call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __smimeCreateRequire } from 'node:module';\nconst require = __smimeCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);

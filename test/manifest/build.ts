/** Runs the real webpack build into a temp directory (shared by manifest and e2e tests). */
import { join } from 'node:path';
import { mustRun, tempDir } from '../support/fixtures';

export interface Build {
  dir: string;
  samplesDir: string;
  ms: number;
}

export function buildAddin(options: { mode: 'production' | 'development'; origin?: string; samplesDir?: string }): Build {
  const dir = tempDir('smime-addin-build-');
  const samplesDir = options.samplesDir ?? join(dir, '..', `${dir.split('/').pop()}-samples`);
  const started = Date.now();
  mustRun(
    process.execPath,
    ['node_modules/webpack-cli/bin/cli.js', '--mode', options.mode, '--env', `outDir=${join(dir, 'web')}`, '--env', `samplesDir=${samplesDir}`, '--env', 'noCore'],
    undefined,
    { SMIME_ADDIN_ORIGIN: options.origin ?? '' },
  );
  return { dir: join(dir, 'web'), samplesDir, ms: Date.now() - started };
}

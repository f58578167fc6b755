/** `npm run build:thunderbird` produces an installable .xpi that `web-ext lint` accepts (0 errors). */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const EXT = 'dist/thunderbird/ext';
const XPI = 'dist/thunderbird/smime-helper.xpi';

beforeAll(() => {
  execFileSync('node', ['scripts/build-thunderbird.mjs'], { stdio: 'ignore' });
}, 300_000);

test('the .xpi holds a Thunderbird 128+ manifest and every file it names', () => {
  expect(statSync(XPI).size).toBeGreaterThan(10_000);
  const listing = execFileSync('unzip', ['-Z1', XPI]).toString().split('\n');
  const manifest = JSON.parse(execFileSync('unzip', ['-p', XPI, 'manifest.json']).toString());
  expect(manifest.browser_specific_settings.gecko).toEqual({ id: 'smime-helper@smime-addin.example', strict_min_version: '128.0' });
  const named = [
    ...manifest.background.scripts,
    manifest.message_display_action.default_popup,
    manifest.compose_action.default_popup,
    manifest.options_ui.page,
    ...['valid', 'warning', 'danger', 'info', 'none'].map((t) => `icons/${t}.svg`),
  ];
  for (const file of named) expect(listing).toContain(file);
  // Extension pages forbid eval: the bundles must not need it.
  for (const file of ['background.js', 'display.js']) expect(readFileSync(join(EXT, file), 'utf8')).not.toMatch(/\beval\(/);
  expect(manifest.permissions.sort()).toEqual(['compose', 'messagesRead']);
});

test('web-ext lint reports no errors (Thunderbird-only permissions only warn)', () => {
  expect(existsSync(join(EXT, 'manifest.json'))).toBe(true);
  const run = spawnSync('npx', ['web-ext', 'lint', '--source-dir', EXT, '--output=json', '--self-hosted'], { encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { summary: { errors: number }; errors: { code: string }[]; warnings: { code: string }[] };
  expect(report.errors).toEqual([]);
  expect(report.summary.errors).toBe(0);
  expect(report.warnings.map((w) => w.code)).toContain('MANIFEST_PERMISSIONS');
}, 120_000);

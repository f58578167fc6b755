// Builds the Thunderbird extension with webpack, then zips it with web-ext into
// dist/thunderbird/smime-helper.xpi (an .xpi is a zip with manifest.json at its root).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('npx', ['webpack', '--config', 'webpack.thunderbird.config.js', '--mode', process.argv.includes('--dev') ? 'development' : 'production']);
run('npx', [
  'web-ext', 'build', '--source-dir', 'dist/thunderbird/ext', '--artifacts-dir', 'dist/thunderbird',
  '--filename', 'smime-helper.xpi', '--overwrite-dest',
]);
console.log(`dist/thunderbird/smime-helper.xpi: ${statSync('dist/thunderbird/smime-helper.xpi').size} bytes`);

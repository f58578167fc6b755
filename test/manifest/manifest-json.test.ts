/**
 * The unified manifest validates offline with office-addin-manifest (JSON schemas bundled in
 * @microsoft/app-manifest), a broken copy is rejected, and it declares the same controls,
 * functions and events as manifest.xml.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, tempDir } from '../support/fixtures';

const validate = (file: string) => runTool(process.execPath, ['node_modules/office-addin-manifest/cli.js', 'validate', file]);

test('manifest.json passes office-addin-manifest validate offline', () => {
  const r = validate('manifest.json');
  expect([r.status, r.stderr]).toEqual([0, '']);
});

test('the validator really validates: a broken copy fails', () => {
  const broken = JSON.parse(readFileSync('manifest.json', 'utf8'));
  broken.version = 5;
  const file = join(tempDir('manifest-'), 'manifest.json');
  writeFileSync(file, JSON.stringify(broken));
  expect(validate(file).status).not.toBe(0);
});

test('same controls, functions and send events as manifest.xml', () => {
  const json = readFileSync('manifest.json', 'utf8');
  const xml = readFileSync('manifest.xml', 'utf8');
  const manifest = JSON.parse(json);
  const controls = [...json.matchAll(/"id": "(msg[A-Za-z]+)"/g)].map((m) => m[1]).filter((id) => !id.endsWith('Group'));
  for (const id of controls) expect(xml).toContain(`id="${id}"`);
  const functions = manifest.extensions[0].runtimes[1].actions.map((a: { id: string }) => a.id);
  for (const name of [...xml.matchAll(/<FunctionName>([^<]+)</g), ...xml.matchAll(/FunctionName="([^"]+)"/g)].map((m) => m[1])) expect(functions).toContain(name);
  expect(manifest.extensions[0].autoRunEvents[0].events).toContainEqual({ type: 'messageSending', actionId: 'onMessageSendHandler', options: { sendMode: 'softBlock' } });
});

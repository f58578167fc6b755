/**
 * Every input the fuzzer ever crashed on (test/fuzz/regressions/<target>/*.bin) is replayed
 * through its target: it must now end in a verdict or a typed SmimeError.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { readPki } from '../support/fixtures';
import { runTarget, TARGETS, type TargetContext } from './targets';

const DIR = 'test/fuzz/regressions';
const cases = TARGETS.flatMap((target) =>
  existsSync(join(DIR, target)) ? readdirSync(join(DIR, target)).map((file) => [target, file] as const) : [],
);

let ctx: TargetContext;
beforeAll(async () => {
  const anchors: pkijs.Certificate[] = ['rsa2048', 'p256'].map((f) => loadCertificate(readPki(f, 'root.crt')));
  const keys = await Promise.all(
    ['rsa2048', 'p256'].map(async (f) => ({
      certificate: loadCertificate(readPki(f, 'bob.crt')),
      key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(f, 'bob.key'))),
    })),
  );
  ctx = { anchors, keys };
});

test('there is at least one regression input', () => {
  expect(cases.length).toBeGreaterThan(0);
});

test.each(cases)('%s: %s no longer crashes', async (target, file) => {
  const input = new Uint8Array(readFileSync(join(DIR, target, file)));
  await expect(runTarget(target, input, ctx)).resolves.toBeUndefined();
});

/** Exponential back-off after wrong store passphrases (threat checklist G.54). */
import { WrongPasswordError } from '../../src/core/errors';
import { KeyStore, unlockDelayMs } from '../../src/core/keystore/key-store';
import { MemoryBackend } from '../../src/core/keystore/memory-backend';
import { loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { readPki } from '../support/fixtures';
import { fixtureCert } from './p12-helpers';

class FileLikeBackend extends MemoryBackend {
  override readonly persistsCryptoKeys = false;
}

test('unlockDelayMs: two free attempts, then 1 s doubling, capped at 15 minutes', () => {
  expect([0, 1, 2, 3, 4, 5, 10].map(unlockDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 128_000]);
  expect(unlockDelayMs(40)).toBe(15 * 60_000);
});

test('wrong passphrases lock the store for a growing time that survives a new KeyStore; success resets', async () => {
  const backend = new FileLikeBackend();
  let clock = 1_000_000;
  const now = () => clock;
  const open = (passphrase: string) => new KeyStore({ backend, passphrase, passphraseIterations: 1000, now });
  const { id } = await open('right').importIdentity({
    pkcs8: loadPrivateKeyPkcs8(readPki('p256', 'alice.key')),
    certificate: fixtureCert('p256', 'alice.crt'),
  });
  const attempt = async (passphrase: string) => (await open(passphrase).exportPkcs8(id)).length;

  for (let i = 0; i < 3; i++) await expect(attempt('wrong')).rejects.toThrow('The passphrase is wrong.');
  // Third failure → 1 s lock: even the right passphrase is refused without being tried.
  await expect(attempt('right')).rejects.toThrow(/Too many wrong passphrases; try again in 1 s/);
  clock += 1000;
  await expect(attempt('wrong')).rejects.toBeInstanceOf(WrongPasswordError);
  await expect(attempt('right')).rejects.toThrow(/try again in 2 s/);
  clock += 2000;
  expect(await attempt('right')).toBeGreaterThan(0);
  // Reset: two typos are free again.
  await expect(attempt('wrong')).rejects.toThrow('The passphrase is wrong.');
  await expect(attempt('wrong')).rejects.toThrow('The passphrase is wrong.');
  expect(await attempt('right')).toBeGreaterThan(0);
});

/**
 * CBC is encrypted and decrypted in 1 MiB chunks (WebCrypto has no streaming cipher). Around
 * the chunk boundaries the result must equal one-shot CBC: checked against openssl both ways.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from '../../src/core/bytes';
import { decryptData } from '../../src/core/cms/decrypt';
import { encryptData } from '../../src/core/cms/encrypt';
import { DecryptionError } from '../../src/core/errors';
import { decryptionKeyFor, certOf } from '../smime/helpers';
import { mustRun, pkiPath, tempDir } from '../support/fixtures';

const MiB = 1024 * 1024;
const SIZES = [MiB - 1, MiB, MiB + 1, MiB + 15, 2 * MiB, 2 * MiB + 17];

test.each(SIZES)('%i bytes: ours → openssl and openssl → ours are byte-exact', async (size) => {
  const dir = tempDir('smime-cbc-');
  const content = randomBytes(size);
  writeFileSync(join(dir, 'in.bin'), content);
  const bob = await decryptionKeyFor('rsa2048', 'bob');

  writeFileSync(join(dir, 'ours.der'), await encryptData(content, [certOf('rsa2048', 'bob')], { cipher: 'aes-256-cbc' }));
  const decrypted = mustRun('openssl', ['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', join(dir, 'ours.der'),
    '-recip', pkiPath('rsa2048', 'bob.crt'), '-inkey', pkiPath('rsa2048', 'bob.key')]);
  expect(Buffer.compare(decrypted, Buffer.from(content))).toBe(0);

  mustRun('openssl', ['cms', '-encrypt', '-binary', '-aes-128-cbc', '-in', join(dir, 'in.bin'), '-outform', 'DER',
    '-out', join(dir, 'theirs.der'), pkiPath('rsa2048', 'bob.crt')]);
  const theirs = new Uint8Array(readFileSync(join(dir, 'theirs.der')));
  const result = await decryptData(theirs, [bob]);
  expect(Buffer.compare(Buffer.from(result.content), Buffer.from(content))).toBe(0);
  // In place (the caller gives up its buffer): same plaintext, written over the ciphertext.
  const consumed = theirs.slice();
  const inPlace = await decryptData(consumed, [bob], { consumeInput: true });
  expect(Buffer.compare(Buffer.from(inPlace.content), Buffer.from(content))).toBe(0);
  expect(inPlace.content.buffer).toBe(consumed.buffer);

  // Flipping 0x40 in the last byte of the next-to-last ciphertext block turns the padding
  // length (1..16) into 65..80: the final chunk's padding check must fail, with the one generic error.
  const damaged = theirs.slice();
  damaged[damaged.length - 17] ^= 0x40;
  await expect(decryptData(damaged, [bob])).rejects.toBeInstanceOf(DecryptionError);
});

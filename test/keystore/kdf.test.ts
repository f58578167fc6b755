import fc from 'fast-check';
import forge from 'node-forge';
import { syncHash } from '../../src/core/crypto/sha';
import { bmpPassword, pkcs12Kdf } from '../../src/core/keystore/pkcs12-kdf';
import { latin1Decode, latin1Encode, toHex } from '../../src/core/bytes';
import type { DigestName } from '../../src/core/oids';

const NAMES: DigestName[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

describe('sync SHA', () => {
  test.each(NAMES)('%s matches WebCrypto on random inputs', async (name) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (data) => {
        const expected = new Uint8Array(await crypto.subtle.digest(name, data));
        expect(toHex(syncHash(name).digest(data))).toBe(toHex(expected));
      }),
      { numRuns: 200 },
    );
  });
  test('SHA-256 known answer for "abc"', () => {
    expect(toHex(syncHash('SHA-256').digest(latin1Encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('PKCS#12 KDF', () => {
  const forgeMd = (name: DigestName) =>
    ({ 'SHA-1': forge.md.sha1, 'SHA-256': forge.md.sha256, 'SHA-384': forge.md.sha384, 'SHA-512': forge.md.sha512 })[name].create();

  test.each(NAMES)('%s matches node-forge pkcs12.generateKey', async (name) => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.uint8Array({ minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 150 }),
        (pw, salt, id, iter, n) => {
          const ours = pkcs12Kdf(name, bmpPassword(pw), salt, id, iter, n);
          // forge takes the password as a JS string and appends the NUL itself.
          const theirs = forge.pkcs12.generateKey(pw, forge.util.createBuffer(latin1Decode(salt)), id, iter, n, forgeMd(name));
          expect(toHex(ours)).toBe(toHex(latin1Encode(theirs.getBytes())));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('published vector (BouncyCastle PKCS12Test: smeg, SHA-1, id 1, 1 iteration)', () => {
    // From BouncyCastle's PKCS12 PBE test: password "smeg", salt 0A58CF64530D823F, 24-byte key.
    const key = pkcs12Kdf('SHA-1', bmpPassword('smeg'), Uint8Array.from([0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f]), 1, 1, 24);
    expect(toHex(key)).toBe('8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3');
  });

  test('600,000 SHA-256 iterations (NSS default) finish quickly', () => {
    const t = Date.now();
    pkcs12Kdf('SHA-256', bmpPassword('test'), new Uint8Array(16), 3, 600_000, 32);
    // Generous bound for a loaded 2-core CI box; one async digest per round would take ~10x longer.
    expect(Date.now() - t).toBeLessThan(15000);
  });
});

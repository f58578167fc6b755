/** The local 3DES and RC2 against published known answers and against OpenSSL on random data. */
import { randomBytes } from 'node:crypto';
import { fromHex, toHex } from '../../src/core/bytes';
import { des, tripleDes, type BlockCipher } from '../../src/core/keystore/des';
import { rc2 } from '../../src/core/keystore/rc2';
import { mustRun } from '../support/fixtures';

const h = (hex: string) => fromHex(hex.replace(/\s/g, ''));

function ecb(cipher: BlockCipher, data: Uint8Array, mode: 'encrypt' | 'decrypt'): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 8) {
    out.set(mode === 'encrypt' ? cipher.encryptBlock(data.subarray(i, i + 8)) : cipher.decryptBlock(data.subarray(i, i + 8)), i);
  }
  return out;
}

describe('DES / 3DES', () => {
  // FIPS 81 / SP 800-17 style known answers.
  test.each([
    ['0101010101010101', '8000000000000000', '95f8a5e5dd31d900'], // SP 800-17 Table A.1 (variable plaintext), round 1
    ['0101010101010101', '0000000000000001', '166b40b44aba4bd6'], // SP 800-17 Table A.1, last entry
    ['8001010101010101', '0000000000000000', '95a8d72813daa94d'], // SP 800-17 Table A.2 (variable key), round 1
    ['0123456789abcdef', '4e6f772069732074', '3fa40e8a984d4815'], // FIPS 81 "Now is t"
    ['133457799bbcdff1', '0123456789abcdef', '85e813540f0ab405'],
  ])('DES key %s: %s → %s', (key, pt, ct) => {
    const cipher = des(h(key));
    expect(toHex(cipher.encryptBlock(h(pt)))).toBe(ct);
    expect(toHex(cipher.decryptBlock(h(ct)))).toBe(pt);
  });

  test('3DES, SP 800-67 Rev. 1 example ("The qufck brown fox jump")', () => {
    const cipher = tripleDes(h('0123456789abcdef 23456789abcdef01 456789abcdef0123'));
    const pt = new TextEncoder().encode('The qufck brown fox jump');
    const ct = 'a826fd8ce53b855fcce21c8112256fe668d5c05dd9b6b900';
    expect(toHex(ecb(cipher, pt, 'encrypt'))).toBe(ct);
    expect(ecb(cipher, h(ct), 'decrypt')).toEqual(pt);
  });

  test('2-key 3DES equals 3-key with K3 = K1; with K1 = K2 = K3 it is single DES', () => {
    const k = new Uint8Array(randomBytes(16));
    const block = new Uint8Array(randomBytes(8));
    const three = new Uint8Array([...k, ...k.subarray(0, 8)]);
    expect(tripleDes(k).encryptBlock(block)).toEqual(tripleDes(three).encryptBlock(block));
    const single = k.subarray(0, 8);
    expect(tripleDes(new Uint8Array([...single, ...single, ...single])).encryptBlock(block)).toEqual(des(single).encryptBlock(block));
  });

  test.each([16, 24])('%d-byte 3DES matches openssl on 64 random blocks', (keyLength) => {
    const key = new Uint8Array(randomBytes(keyLength));
    const data = new Uint8Array(randomBytes(512));
    const alg = keyLength === 24 ? '-des-ede3' : '-des-ede';
    const theirs = mustRun('openssl', ['enc', alg, '-K', toHex(key), '-nopad', '-e'], data);
    expect(toHex(ecb(tripleDes(key), data, 'encrypt'))).toBe(theirs.toString('hex'));
    expect(ecb(tripleDes(key), new Uint8Array(theirs), 'decrypt')).toEqual(data);
  });

  test('wrong key sizes are refused', () => {
    expect(() => des(new Uint8Array(7))).toThrow(/8 bytes/);
    expect(() => tripleDes(new Uint8Array(8))).toThrow(/16 or 24/);
  });
});

describe('RC2 (RFC 2268 §5 test vectors)', () => {
  test.each([
    ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
    ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
    ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
    ['88', 64, '0000000000000000', '61a8a244adacccf0'],
    ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
    ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
    ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
    ['88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', 129, '0000000000000000', '5b78d3a43dfff1f1'],
  ])('key %s, %d effective bits', (key, bits, pt, ct) => {
    const cipher = rc2(h(key), bits);
    expect(toHex(cipher.encryptBlock(h(pt)))).toBe(ct);
    expect(toHex(cipher.decryptBlock(h(ct)))).toBe(pt);
  });

  test.each([
    ['-rc2-ecb', 16, 128],
    ['-rc2-40-cbc', 5, 40],
  ])('%s matches openssl (legacy provider) on random data', (alg, keyLength, bits) => {
    const key = new Uint8Array(randomBytes(keyLength));
    const data = new Uint8Array(randomBytes(256));
    const iv = new Uint8Array(randomBytes(8));
    const args = ['enc', alg, '-K', toHex(key), '-nopad', '-e', '-provider', 'legacy', '-provider', 'default'];
    const theirs = new Uint8Array(mustRun('openssl', alg.includes('cbc') ? [...args, '-iv', toHex(iv)] : args, data));
    const cipher = rc2(key, bits);
    const ours = new Uint8Array(data.length);
    let prev = iv;
    for (let i = 0; i < data.length; i += 8) {
      const block = data.slice(i, i + 8);
      if (alg.includes('cbc')) block.forEach((b, j) => (block[j] = b ^ prev[j]));
      ours.set(cipher.encryptBlock(block), i);
      prev = ours.subarray(i, i + 8);
    }
    expect(toHex(ours)).toBe(toHex(theirs));
  });
});

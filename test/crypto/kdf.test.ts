import { createHash } from 'node:crypto';
import { syncHash } from '../../src/core/crypto/sha';

const sha224 = (data: Uint8Array) => syncHash('SHA-224').digest(data);
import { x963Kdf } from '../../src/core/crypto/kdf';
import { eccCmsSharedInfo } from '../../src/core/cms/ecdh';
import { fromHex, toHex } from '../../src/core/bytes';
import { OID } from '../../src/core/oids';
import { mustRun } from '../support/fixtures';

test('SHA-224 matches node:crypto for lengths around the block boundaries', () => {
  for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 200]) {
    const data = Uint8Array.from({ length: len }, (_, i) => (i * 13 + len) & 0xff);
    expect(toHex(sha224(data))).toBe(createHash('sha224').update(data).digest('hex'));
  }
});

test('X9.63 KDF matches `openssl kdf X963KDF` and the NIST CAVS vector', async () => {
  // NIST CAVS ansx963_2001, SHA-1, no SharedInfo, 128-bit output.
  expect(toHex(await x963Kdf('SHA-1', fromHex('1c7d7b5f0597b03d06a018466ed1a93e30ed4b04dc64ccdd'), new Uint8Array(0), 16))).toBe(
    'bf71dffd8f4d99223936beb46fee8ccc',
  );
  const z = fromHex('96c05619d56c328ab95fe84b18264b08725b85e33fd34f0896c05619d56c328a');
  const info = eccCmsSharedInfo(OID.aes256Wrap, undefined, 32);
  for (const [hash, md] of [['SHA-1', 'SHA1'], ['SHA-224', 'SHA224'], ['SHA-256', 'SHA256'], ['SHA-384', 'SHA384'], ['SHA-512', 'SHA512']] as const) {
    const out = mustRun('openssl', ['kdf', '-keylen', '72', '-kdfopt', `digest:${md}`, '-kdfopt', `hexsecret:${toHex(z)}`, '-kdfopt', `hexinfo:${toHex(info)}`, 'X963KDF']);
    expect(toHex(await x963Kdf(hash, z, info, 72))).toBe(out.toString().trim().replace(/:/g, '').toLowerCase());
  }
});

test('ECC-CMS-SharedInfo omits entityUInfo when there is no ukm (pkijs #335) and includes it otherwise', () => {
  expect(toHex(eccCmsSharedInfo(OID.aes128Wrap, undefined, 16))).toBe('3015300b0609608648016503040105a206040400000080');
  expect(toHex(eccCmsSharedInfo(OID.aes128Wrap, Uint8Array.of(1, 2), 16))).toBe(
    '301b300b0609608648016503040105a00404020102a206040400000080',
  );
});

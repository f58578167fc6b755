/**
 * OpenSSL 3.0, NSS 3.87 cmsutil and gpgsm 2.2 encrypt to bob → our `smime decrypt` returns
 * the inner entity byte for byte, with the outer headers kept.
 */
import { type KeyFamily } from '../support/fixtures';
import {
  type Cipher, type Digest, type PeerSet, type Recipient, defaultHeaders, emailOf, gpgsmEncrypt, headerValue,
  nssEncrypt, opensslDecrypt, opensslEncrypt, ourDecrypt, pkcs7Der, peerPool, sameEntity, splitEntity, textEntity, wrapPkcs7,
} from '../support/peers';

interface DecCase {
  peer: 'openssl' | 'nss' | 'gpgsm';
  name: string;
  family: KeyFamily;
  make: (set: PeerSet, entity: Buffer) => Buffer;
}

const ALL_CIPHERS: Cipher[] = ['aes-256-cbc', 'aes-128-cbc', 'aes-256-gcm', 'aes-128-gcm'];

function openssl(family: KeyFamily, cipher: Cipher, opts: Omit<Recipient, 'family' | 'who'> = {}): DecCase {
  const how = opts.oaep ? `OAEP${typeof opts.oaep === 'string' ? `-${opts.oaep}` : ''}` : opts.ecdhKdf ? `ECDH kdf ${opts.ecdhKdf}` : family.startsWith('p') ? 'ECDH default kdf' : 'PKCS#1 v1.5';
  return {
    peer: 'openssl',
    name: `${how} ${cipher}`,
    family,
    make: (_set, entity) => opensslEncrypt({ recipients: [{ family, who: 'bob', ...opts }], content: entity, cipher }),
  };
}

const CASES: DecCase[] = [
  ...ALL_CIPHERS.flatMap((c) => [openssl('rsa2048', c), openssl('rsa2048', c, { oaep: true })]),
  openssl('rsa2048', 'aes-256-cbc', { oaep: 'sha256' as Digest }),
  openssl('rsa3072', 'aes-256-cbc'),
  openssl('rsa3072', 'aes-128-gcm', { oaep: true }),
  ...(['aes-256-cbc', 'aes-128-gcm'] as Cipher[]).flatMap((c) => [
    openssl('p256', c),
    openssl('p256', c, { ecdhKdf: 'sha256' }),
    openssl('p384', c),
    openssl('p384', c, { ecdhKdf: 'sha384' }),
  ]),
  ...(['rsa2048', 'rsa3072'] as KeyFamily[]).flatMap((family): DecCase[] => [
    {
      peer: 'nss',
      name: 'cmsutil -E (AES-128-CBC)',
      family,
      make: (set, entity) => wrapPkcs7(nssEncrypt(set.nss, [emailOf('bob')], entity), 'enveloped-data', defaultHeaders()),
    },
    {
      peer: 'gpgsm',
      name: '--encrypt (AES-128-CBC)',
      family,
      make: (set, entity) => wrapPkcs7(gpgsmEncrypt(set.gpgsm, [emailOf('bob')], entity), 'enveloped-data', defaultHeaders()),
    },
    {
      peer: 'gpgsm',
      name: '--encrypt --cipher-algo AES256',
      family,
      make: (set, entity) => wrapPkcs7(gpgsmEncrypt(set.gpgsm, [emailOf('bob')], entity, 'AES256'), 'enveloped-data', defaultHeaders()),
    },
  ]),
];

const pool = peerPool();
afterAll(() => pool.dispose());

/** Flips one ciphertext byte near the end of the DER (inside the encrypted content). */
function flipCiphertext(message: Buffer): Buffer {
  const der = pkcs7Der(message);
  const at = der.length - 40;
  der[at] ^= 0x01;
  const { header } = splitEntity(message);
  return Buffer.concat([Buffer.from(`${header}\r\n\r\n`, 'latin1'), Buffer.from(der.toString('base64').replace(/.{76}/g, '$&\r\n') + '\r\n')]);
}

describe('peer encrypt → our decrypt', () => {
  test.each(CASES)('$peer $family $name → byte-exact', ({ family, make }) => {
    const entity = textEntity();
    const r = ourDecrypt({ family, who: 'bob' }, make(pool.get(family), entity));
    expect(r.status === 0 ? 'ok' : r.stderr).toBe('ok');
    expect(sameEntity(r.stdout, entity)).toBe(true);
    const { header } = splitEntity(r.stdout);
    expect(headerValue(header, 'From')).toBe('alice@example.com');
    expect(headerValue(header, 'Subject')).toBe('interop test');
  });

  test.each([
    { peer: 'openssl', family: 'rsa2048' as KeyFamily, make: (_s: PeerSet, e: Buffer) => opensslEncrypt({ recipients: [{ family: 'rsa2048', who: 'bob' }], content: e, cipher: 'aes-256-cbc' }) },
    { peer: 'openssl', family: 'p256' as KeyFamily, make: (_s: PeerSet, e: Buffer) => opensslEncrypt({ recipients: [{ family: 'p256', who: 'bob' }], content: e, cipher: 'aes-256-gcm' }) },
    { peer: 'nss', family: 'rsa2048' as KeyFamily, make: (s: PeerSet, e: Buffer) => wrapPkcs7(nssEncrypt(s.nss, [emailOf('bob')], e), 'enveloped-data', defaultHeaders()) },
    { peer: 'gpgsm', family: 'rsa2048' as KeyFamily, make: (s: PeerSet, e: Buffer) => wrapPkcs7(gpgsmEncrypt(s.gpgsm, [emailOf('bob')], e), 'enveloped-data', defaultHeaders()) },
  ])('$peer $family to bob: alice (not a recipient) cannot decrypt', ({ family, make }) => {
    const r = ourDecrypt({ family, who: 'alice' }, make(pool.get(family), textEntity()));
    expect(r.status).not.toBe(0);
    expect(r.stdout.toString('latin1')).not.toContain('INTEROP-MARKER');
  });

  test.each(['aes-256-gcm', 'aes-128-gcm'] as Cipher[])('openssl %s with a flipped ciphertext byte → refused (AEAD)', (cipher) => {
    const message = opensslEncrypt({ recipients: [{ family: 'rsa2048', who: 'bob' }], content: textEntity(), cipher });
    const flipped = flipCiphertext(message);
    // The flip hits the ciphertext: openssl itself refuses it.
    expect(opensslDecrypt({ family: 'rsa2048', who: 'bob', message: flipped }).ok).toBe(false);
    const r = ourDecrypt({ family: 'rsa2048', who: 'bob' }, flipped);
    expect(r.status).not.toBe(0);
    expect(r.stdout.length).toBe(0);
  });
});

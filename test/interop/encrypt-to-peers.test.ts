/**
 * Our `smime encrypt` → OpenSSL 3.0, NSS 3.87 cmsutil and gpgsm 2.2 decrypt it as bob, and
 * the inner entity comes out byte for byte. NSS and gpgsm only read RSA PKCS#1 v1.5 + AES-CBC;
 * OpenSSL also OAEP, ECDH and AES-GCM (AuthEnvelopedData).
 */
import { type KeyFamily } from '../support/fixtures';
import {
  type Cipher, type Party, type PeerName, mailMessage, mediaType, ourEncrypt, peerDecryptMessage, peerPool,
  sameEntity, splitEntity, textEntity, headerValue,
} from '../support/peers';

type KeyTransport = 'rsa-pkcs1' | 'rsa-oaep';

interface EncCase {
  peer: PeerName;
  family: KeyFamily;
  /** undefined: the CLI default, which must be readable by every peer. */
  cipher?: Cipher;
  keyTransport?: KeyTransport;
}

const RSA: KeyFamily[] = ['rsa2048', 'rsa3072'];
const ALL_CIPHERS: Cipher[] = ['aes-256-cbc', 'aes-128-cbc', 'aes-256-gcm', 'aes-128-gcm'];

const CASES: EncCase[] = [
  // OpenSSL: every cipher with both RSA key transports, ECDH on both curves.
  ...RSA.flatMap((family) =>
    ALL_CIPHERS.flatMap((cipher) =>
      (['rsa-pkcs1', 'rsa-oaep'] as KeyTransport[]).map((keyTransport) => ({ peer: 'openssl' as PeerName, family, cipher, keyTransport })),
    ),
  ),
  ...(['p256', 'p384'] as KeyFamily[]).flatMap((family) => ALL_CIPHERS.map((cipher) => ({ peer: 'openssl' as PeerName, family, cipher }))),
  ...(['rsa2048', 'p256'] as KeyFamily[]).map((family) => ({ peer: 'openssl' as PeerName, family })),
  // NSS and gpgsm: PKCS#1 v1.5 + AES-CBC, explicitly and by default.
  ...(['nss', 'gpgsm'] as PeerName[]).flatMap((peer) =>
    RSA.flatMap((family) => [
      { peer, family, cipher: 'aes-256-cbc' as Cipher, keyTransport: 'rsa-pkcs1' as KeyTransport },
      { peer, family, cipher: 'aes-128-cbc' as Cipher },
      { peer, family },
    ]),
  ),
];

// Readable test names: the CLI defaults are spelled out.
const ROWS = CASES.map((c) => ({
  ...c,
  cipherName: c.cipher ?? 'default cipher',
  transportName: c.keyTransport ?? (c.family.startsWith('p') ? 'ECDH' : 'default transport'),
}));

const pool = peerPool();
afterAll(() => pool.dispose());

const bob = (family: KeyFamily): Party => ({ family, who: 'bob' });

describe('our encrypt → peer decrypt', () => {
  test.each(ROWS)('$family $cipherName $transportName → $peer', ({ peer, family, cipher, keyTransport }) => {
    const entity = textEntity();
    const message = ourEncrypt({ recipients: [bob(family)], message: mailMessage(entity), cipher, keyTransport });
    expect(mediaType(message)).toBe('application/pkcs7-mime');
    const type = headerValue(splitEntity(message).header, 'Content-Type') ?? '';
    expect(type).toMatch(cipher?.endsWith('gcm') ? /smime-type="?authEnveloped-data/i : /smime-type="?enveloped-data/i);

    const r = peerDecryptMessage(peer, bob(family), message, pool.get(family));
    expect(r.ok ? 'ok' : r.log).toBe('ok');
    expect(sameEntity(r.content, entity)).toBe(true);
  });

  test('outer headers stay outside the envelope', () => {
    const message = ourEncrypt({ recipients: [bob('rsa2048')], message: mailMessage(textEntity()) });
    const { header } = splitEntity(message);
    expect(headerValue(header, 'From')).toBe('alice@example.com');
    expect(headerValue(header, 'Subject')).toBe('interop test');
  });

  test('RSA + ECDH recipients in one message → openssl decrypts as each', () => {
    const entity = textEntity();
    const recipients: Party[] = [bob('rsa2048'), bob('p256'), bob('p384')];
    const message = ourEncrypt({ recipients, message: mailMessage(entity), cipher: 'aes-256-cbc' });
    for (const p of recipients) {
      const r = peerDecryptMessage('openssl', p, message, pool.get(p.family));
      expect(r.ok ? 'ok' : r.log).toBe('ok');
      expect(sameEntity(r.content, entity)).toBe(true);
    }
  });

  test('a non-recipient cannot decrypt (openssl as alice)', () => {
    const message = ourEncrypt({ recipients: [bob('rsa2048')], message: mailMessage(textEntity()) });
    expect(peerDecryptMessage('openssl', { family: 'rsa2048', who: 'alice' }, message, pool.get('rsa2048')).ok).toBe(false);
  });
});

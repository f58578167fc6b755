/**
 * Sign-then-encrypt in both directions: our sign + encrypt → a peer decrypts, then verifies
 * the inner signed entity; a peer signs + encrypts → our `verify --decrypt-with` says valid
 * and reports the envelope.
 */
import { type KeyFamily, pkiPath } from '../support/fixtures';
import {
  type Cipher, type PeerName, type PeerSet, MARKER, defaultHeaders, emailOf, gpgsmEncrypt, gpgsmSign, mailMessage,
  nssEncrypt, nssNickname, nssSign, opensslEncrypt, opensslSign, ourEncrypt, ourSign, ourVerify, peerDecryptMessage,
  peerPool, peerVerifyMessage, tamper, textEntity, verdictSummary, wrapPkcs7,
} from '../support/peers';

const pool = peerPool();
afterAll(() => pool.dispose());

interface OutCase {
  peer: PeerName;
  family: KeyFamily;
  opaque: boolean;
  cipher?: Cipher;
}

const OUT: OutCase[] = [
  ...(['openssl', 'nss', 'gpgsm'] as PeerName[]).flatMap((peer) => [
    { peer, family: 'rsa2048' as KeyFamily, opaque: false },
    { peer, family: 'rsa2048' as KeyFamily, opaque: true },
  ]),
  { peer: 'openssl', family: 'rsa3072', opaque: false, cipher: 'aes-256-gcm' },
  { peer: 'openssl', family: 'p256', opaque: false, cipher: 'aes-128-gcm' },
  { peer: 'openssl', family: 'p384', opaque: true, cipher: 'aes-256-cbc' },
];

describe('our sign + encrypt → peer decrypts and verifies', () => {
  test.each(OUT.map((c) => ({ ...c, cipherName: c.cipher ?? 'default cipher' })))('$peer $family opaque=$opaque $cipherName', ({ peer, family, opaque, cipher }) => {
    const digest = family === 'p384' ? 'sha384' : 'sha256';
    const signed = ourSign({ family, who: 'alice', message: mailMessage(textEntity()), opaque, digest });
    const encrypted = ourEncrypt({ recipients: [{ family, who: 'bob' }], message: signed, cipher });
    const set = pool.get(family);

    const plain = peerDecryptMessage(peer, { family, who: 'bob' }, encrypted, set);
    expect(plain.ok ? 'ok' : plain.log).toBe('ok');
    const inner = peerVerifyMessage(peer, family, plain.content, set);
    expect(inner.ok ? 'ok' : inner.log).toBe('ok');
    expect(inner.content.toString('latin1')).toContain(MARKER);
  });
});

interface InCase {
  peer: PeerName;
  name: string;
  family: KeyFamily;
  /** Signed entity (no outer headers), then the encrypted message from alice to bob. */
  make: (set: PeerSet, signedTampered: boolean) => Buffer;
  contentAlgorithm: RegExp;
  authenticated: boolean;
}

function maybeTamper(entity: Buffer, yes: boolean): Buffer {
  return yes ? tamper(entity) : entity;
}

function openssl(family: KeyFamily, cipher: Cipher, detached: boolean, oaep = false): InCase {
  const digest = family === 'p384' ? 'sha384' : 'sha256';
  return {
    peer: 'openssl',
    name: `${detached ? 'detached' : 'opaque'} ${oaep ? 'OAEP ' : ''}${cipher}`,
    family,
    make: (_set, t) => {
      const signed = maybeTamper(opensslSign({ family, who: 'alice', content: textEntity(), detached, digest, headers: null }), t);
      return opensslEncrypt({ recipients: [{ family, who: 'bob', oaep }], content: signed, cipher, headers: defaultHeaders() });
    },
    contentAlgorithm: new RegExp(cipher.replace(/-/g, '-?'), 'i'),
    authenticated: cipher.endsWith('gcm'),
  };
}

const IN: InCase[] = [
  openssl('rsa2048', 'aes-256-cbc', true),
  openssl('rsa2048', 'aes-256-gcm', false, true),
  openssl('rsa3072', 'aes-128-cbc', false),
  openssl('p256', 'aes-128-gcm', true),
  openssl('p384', 'aes-256-cbc', false),
  {
    peer: 'nss',
    name: 'cmsutil -S then -E',
    family: 'rsa2048',
    make: (set, t) => {
      const signed = maybeTamper(wrapPkcs7(nssSign(set.nss, nssNickname('rsa2048', 'alice'), textEntity(), false), 'signed-data'), t);
      return wrapPkcs7(nssEncrypt(set.nss, [emailOf('bob')], signed), 'enveloped-data', defaultHeaders());
    },
    contentAlgorithm: /aes-?128-?cbc/i,
    authenticated: false,
  },
  {
    peer: 'gpgsm',
    name: '--sign then --encrypt',
    family: 'rsa3072',
    make: (set, t) => {
      const signed = maybeTamper(wrapPkcs7(gpgsmSign(set.gpgsm, 'alice', textEntity(), false), 'signed-data'), t);
      return wrapPkcs7(gpgsmEncrypt(set.gpgsm, [emailOf('bob')], signed, 'AES256'), 'enveloped-data', defaultHeaders());
    },
    contentAlgorithm: /aes-?256-?cbc/i,
    authenticated: false,
  },
];

const decryptWith = (family: KeyFamily): string[] => [
  '--decrypt-with', pkiPath(family, 'bob.crt'), '--key', pkiPath(family, 'bob.key'),
];

describe('peer sign + encrypt → our verify --decrypt-with', () => {
  test.each(IN)('$peer $family $name → valid, envelope reported', ({ family, make, contentAlgorithm, authenticated }) => {
    const r = ourVerify(family, make(pool.get(family), false), decryptWith(family));
    expect(verdictSummary(r)).toBe('exit 0, valid');
    const v = r.verdict;
    expect(v?.signers[0]?.certificate?.emails).toContain('alice@example.com');
    expect(v?.encryption).toHaveLength(1);
    expect(v?.encryption[0]?.contentAlgorithm).toMatch(contentAlgorithm);
    expect(v?.encryption[0]?.authenticated).toBe(authenticated);
    expect(v?.encryption[0]?.recipientCount).toBe(1);
  });

  test.each(IN)('$peer $family $name, inner signature tampered → not valid', ({ family, make }) => {
    const r = ourVerify(family, make(pool.get(family), true), decryptWith(family));
    expect(r.status).not.toBe(0);
    expect(r.verdict?.status ?? 'no verdict').not.toBe('valid');
  });
});

/**
 * Our `smime sign` → OpenSSL 3.0, NSS 3.87 cmsutil and gpgsm 2.2 verify it (and reject it
 * once one byte of the signed text is changed).
 */
import { type KeyFamily } from '../support/fixtures';
import {
  type Digest, type PeerName, MARKER, headerValue, isRsa, mailMessage, opensslVerify, ourSign, peerPool,
  peerVerifyMessage, sameEntity, splitEntity, splitSigned, tamper, textEntity,
} from '../support/peers';

interface SignCase {
  family: KeyFamily;
  digest: Digest;
  pss: boolean;
  opaque: boolean;
}

const SCHEMES: Omit<SignCase, 'opaque'>[] = [
  { family: 'rsa2048', digest: 'sha256', pss: false },
  { family: 'rsa3072', digest: 'sha512', pss: false },
  { family: 'rsa2048', digest: 'sha256', pss: true },
  { family: 'rsa3072', digest: 'sha384', pss: true },
  { family: 'p256', digest: 'sha256', pss: false },
  // gpgsm refuses a 256-bit hash on a P-384 key, so P-384 signs with SHA-384.
  { family: 'p384', digest: 'sha384', pss: false },
];

// All three peers verify every scheme; gpgsm needs no private key to verify ECDSA.
const PEERS: PeerName[] = ['openssl', 'nss', 'gpgsm'];
const rows = SCHEMES.flatMap((s) =>
  [false, true].flatMap((opaque) => PEERS.map((peer) => ({ ...s, opaque, peer, mode: opaque ? 'opaque' : 'detached' }))),
);

const pool = peerPool();
afterAll(() => pool.dispose());

// One signature per case, shared by the three peers' tests.
const signed = new Map<string, Buffer>();
function signedMessage(c: SignCase): Buffer {
  const key = JSON.stringify(c);
  let m = signed.get(key);
  if (!m) {
    m = ourSign({ ...c, who: 'alice', message: mailMessage(textEntity()) });
    signed.set(key, m);
  }
  return m;
}

describe('our sign → peer verify', () => {
  test.each(rows)(
    '$family $digest pss=$pss $mode → $peer',
    ({ family, digest, pss, opaque, peer }) => {
      const message = signedMessage({ family, digest, pss, opaque });
      const good = peerVerifyMessage(peer, family, message, pool.get(family));
      expect(good.ok ? 'ok' : good.log).toBe('ok');
      expect(good.content.toString('latin1')).toContain(MARKER);

      const bad = peerVerifyMessage(peer, family, tamper(message), pool.get(family));
      expect(bad.ok).toBe(false);
    },
  );

  test.each(SCHEMES.filter((s) => isRsa(s.family) || s.family === 'p256'))(
    '$family $digest pss=$pss detached: the signed part is byte-exact (openssl -binary on DER)',
    (s) => {
      const message = signedMessage({ ...s, opaque: false });
      const { content, signature } = splitSigned(message);
      const r = opensslVerify({ family: s.family, der: signature, content });
      expect(r.ok ? 'ok' : r.log).toBe('ok');
      // The signed part carries the original body byte for byte.
      expect(sameEntity(content, textEntity())).toBe(true);
    },
  );

  test.each([false, true])('outer headers are kept (opaque=%s)', (opaque) => {
    const message = signedMessage({ family: 'rsa2048', digest: 'sha256', pss: false, opaque });
    const { header } = splitEntity(message);
    expect(headerValue(header, 'From')).toBe('alice@example.com');
    expect(headerValue(header, 'To')).toBe('bob@example.com');
    expect(headerValue(header, 'Subject')).toBe('interop test');
    expect(headerValue(header, 'Message-ID')).toBe('<interop@example.com>');
  });

  test.each(['openssl', 'nss'] as PeerName[])('signing from a PKCS#12 (--p12 --pass-env) → %s', (peer) => {
    const message = ourSign({ family: 'p256', who: 'alice', message: mailMessage(textEntity()), p12: true });
    const r = peerVerifyMessage(peer, 'p256', message, pool.get('p256'));
    expect(r.ok ? 'ok' : r.log).toBe('ok');
  });
});

/**
 * Proves the peer harness before our product is involved: every peer's signatures and
 * envelopes are checked by the other peers, positives and negatives, including the MIME
 * wrap/split helpers NSS and gpgsm need.
 */
import { KEY_FAMILIES, type KeyFamily, pkiPath } from '../support/fixtures';
import {
  type Digest, type PeerName, type PeerResult, type PeerSet, defaultHeaders, emailOf, gpgsmDecrypt, gpgsmEncrypt,
  gpgsmSign, isRsa, MARKER, nssDecrypt, nssEncrypt, nssNickname, nssSign, opensslDecrypt, opensslEncrypt, opensslSign,
  opensslVerify, peerPool, peerVerifyMessage, tamper, textEntity, wrapPkcs7, wrapSigned,
} from '../support/peers';

type Mode = 'detached' | 'opaque';

const digestOf = (family: KeyFamily): Digest => (family === 'p384' ? 'sha384' : 'sha256');

/** A signed S/MIME message from `peer` as alice; NSS/gpgsm DER is wrapped by our helpers. */
function peerSign(peer: PeerName, family: KeyFamily, mode: Mode, p: PeerSet): Buffer {
  const content = textEntity();
  const detached = mode === 'detached';
  const headers = defaultHeaders();
  if (peer === 'openssl') return opensslSign({ family, who: 'alice', content, detached, digest: digestOf(family) });
  const der =
    peer === 'nss'
      ? nssSign(p.nss, nssNickname(family, 'alice'), content, detached, digestOf(family))
      : gpgsmSign(p.gpgsm, 'alice', content, detached);
  return detached ? wrapSigned(content, der, digestOf(family), headers) : wrapPkcs7(der, 'signed-data', headers);
}

/** An EnvelopedData (DER) to bob from `peer`. */
function peerEncrypt(peer: PeerName, family: KeyFamily, content: Buffer, p: PeerSet): Buffer {
  switch (peer) {
    case 'openssl':
      return opensslEncrypt({ recipients: [{ family, who: 'bob' }], content, cipher: 'aes-256-cbc', outform: 'DER' });
    case 'nss':
      return nssEncrypt(p.nss, [emailOf('bob')], content);
    case 'gpgsm':
      return gpgsmEncrypt(p.gpgsm, [emailOf('bob')], content, 'AES256');
  }
}

function peerDecrypt(peer: PeerName, family: KeyFamily, who: 'alice' | 'bob', der: Buffer, p: PeerSet): PeerResult {
  switch (peer) {
    case 'openssl':
      return opensslDecrypt({ family, who, der });
    case 'nss':
      return nssDecrypt(p.nss, der);
    case 'gpgsm':
      return gpgsmDecrypt(p.gpgsm, der);
  }
}

const PEERS: PeerName[] = ['openssl', 'nss', 'gpgsm'];
const MODES: Mode[] = ['detached', 'opaque'];

// gpgsm holds no EC keys (it segfaults importing EC p12) but verifies ECDSA.
const signRows = KEY_FAMILIES.flatMap((family) =>
  PEERS.filter((s) => s !== 'gpgsm' || isRsa(family)).flatMap((signer) =>
    MODES.flatMap((mode) => PEERS.map((verifier) => ({ family, signer, mode, verifier }))),
  ),
);

// NSS and gpgsm do RSA PKCS#1 v1.5 key transport only.
const encRows = (['rsa2048', 'rsa3072'] as KeyFamily[]).flatMap((family) =>
  PEERS.flatMap((sender) => PEERS.map((recipient) => ({ family, sender, recipient }))),
);

const pool = peerPool();
afterAll(() => pool.dispose());

describe('signatures between peers', () => {
  test.each(signRows)('$family: $signer signs $mode → $verifier verifies', ({ family, signer, mode, verifier }) => {
    const p = pool.get(family);
    const message = peerSign(signer, family, mode, p);
    const good = peerVerifyMessage(verifier, family, message, p);
    expect(good.ok ? 'ok' : good.log).toBe('ok');
    expect(good.content.toString('latin1')).toContain(MARKER);

    const bad = peerVerifyMessage(verifier, family, tamper(message), p);
    expect(bad.ok).toBe(false);
  });
});

describe('envelopes between peers', () => {
  test.each(encRows)('$family: $sender encrypts to bob → $recipient decrypts', ({ family, sender, recipient }) => {
    const p = pool.get(family);
    const content = textEntity();
    const der = peerEncrypt(sender, family, content, p);
    const r = peerDecrypt(recipient, family, 'bob', der, p);
    expect(r.ok ? 'ok' : r.log).toBe('ok');
    expect(r.content.equals(content)).toBe(true);
  });

  test.each(['rsa2048', 'p256'] as KeyFamily[])('%s: openssl refuses to decrypt as a non-recipient', (family) => {
    const content = textEntity();
    const der = opensslEncrypt({ recipients: [{ family, who: 'bob' }], content, cipher: 'aes-256-cbc', outform: 'DER' });
    expect(opensslDecrypt({ family, who: 'alice', der }).ok).toBe(false);
  });

  test('NSS refuses a message for a key it does not hold', () => {
    const p = pool.get('rsa2048');
    // Encrypted to rsa3072 bob, whose key the rsa2048 DB does not have.
    const der = opensslEncrypt({ recipients: [{ family: 'rsa3072', who: 'bob' }], content: textEntity(), cipher: 'aes-128-cbc', outform: 'DER' });
    expect(nssDecrypt(p.nss, der).ok).toBe(false);
    expect(gpgsmDecrypt(p.gpgsm, der).ok).toBe(false);
  });
});

describe('openssl option coverage (round trip)', () => {
  const rows = [
    { family: 'rsa2048', cipher: 'aes-128-cbc', oaep: true, kdf: undefined, smimeType: 'enveloped-data' },
    { family: 'rsa2048', cipher: 'aes-256-gcm', oaep: false, kdf: undefined, smimeType: 'authEnveloped-data' },
    { family: 'rsa3072', cipher: 'aes-128-gcm', oaep: 'sha256', kdf: undefined, smimeType: 'authEnveloped-data' },
    { family: 'p256', cipher: 'aes-256-cbc', oaep: false, kdf: 'sha256', smimeType: 'enveloped-data' },
    { family: 'p384', cipher: 'aes-256-gcm', oaep: false, kdf: 'sha384', smimeType: 'authEnveloped-data' },
  ] as const;
  test.each(rows)('$family $cipher oaep=$oaep kdf=$kdf', ({ family, cipher, oaep, kdf, smimeType }) => {
    const content = textEntity();
    const message = opensslEncrypt({ recipients: [{ family, who: 'alice', oaep, ecdhKdf: kdf }], content, cipher });
    expect(message.toString('latin1')).toContain(`smime-type=${smimeType}`);
    const r = opensslDecrypt({ family, who: 'alice', message });
    expect(r.ok ? 'ok' : r.log).toBe('ok');
    expect(r.content.equals(content)).toBe(true);
  });

  test.each([
    { name: 'pss', pss: true, stream: false, nocerts: false },
    { name: 'stream', pss: false, stream: true, nocerts: false },
    { name: 'nocerts', pss: false, stream: false, nocerts: true },
  ])('rsa2048 sign $name verifies (nocerts needs the certs supplied)', ({ pss, stream, nocerts }) => {
    const message = opensslSign({ family: 'rsa2048', who: 'alice', content: textEntity(), pss, stream, nocerts });
    const certfiles = nocerts ? [pkiPath('rsa2048', 'alice-chain.pem')] : undefined;
    const r = opensslVerify({ family: 'rsa2048', message, certfiles });
    expect(r.ok ? 'ok' : r.log).toBe('ok');
    if (nocerts) expect(opensslVerify({ family: 'rsa2048', message }).ok).toBe(false);
  });
});

/**
 * OpenSSL 3.0, NSS 3.87 cmsutil and gpgsm 2.2 sign as alice → our `smime verify` says valid
 * (From: alice@example.com, so the sender binding holds), and not valid once tampered.
 */
import { type KeyFamily, pkiPath } from '../support/fixtures';
import {
  type Digest, type PeerSet, defaultHeaders, gpgsmSign, nssNickname, nssSign, opensslSign, ourVerify, peerPool,
  tamper, textEntity, verdictSummary, wrapPkcs7, wrapSigned,
} from '../support/peers';

interface PeerSignCase {
  peer: 'openssl' | 'nss' | 'gpgsm';
  name: string;
  family: KeyFamily;
  make: (set: PeerSet) => Buffer;
  /** Extra verify arguments (certificates for -nocerts signatures). */
  extra?: string[];
}

const content = textEntity();

function openssl(name: string, family: KeyFamily, o: { detached?: boolean; digest?: Digest; pss?: boolean; stream?: boolean; nocerts?: boolean; lfOnly?: boolean } = {}): PeerSignCase {
  const extra = o.nocerts ? ['--cert', pkiPath(family, 'alice.crt'), '--cert', pkiPath(family, 'inter.crt')] : undefined;
  return { peer: 'openssl', name, family, extra, make: () => opensslSign({ family, who: 'alice', content, ...o }) };
}

function nss(family: KeyFamily, detached: boolean): PeerSignCase {
  const digest: Digest = family === 'p384' ? 'sha384' : 'sha256';
  return {
    peer: 'nss',
    name: detached ? 'cmsutil -S -T, wrapped multipart/signed' : 'cmsutil -S, wrapped pkcs7-mime',
    family,
    make: (set) => {
      const der = nssSign(set.nss, nssNickname(family, 'alice'), content, detached, digest);
      return detached ? wrapSigned(content, der, digest, defaultHeaders()) : wrapPkcs7(der, 'signed-data', defaultHeaders());
    },
  };
}

function gpgsm(family: KeyFamily, detached: boolean): PeerSignCase {
  return {
    peer: 'gpgsm',
    name: detached ? '--detach-sign, wrapped multipart/signed' : '--sign, wrapped pkcs7-mime',
    family,
    make: (set) => {
      const der = gpgsmSign(set.gpgsm, 'alice', content, detached);
      return detached ? wrapSigned(content, der, 'sha256', defaultHeaders()) : wrapPkcs7(der, 'signed-data', defaultHeaders());
    },
  };
}

const CASES: PeerSignCase[] = [
  openssl('detached sha256', 'rsa2048'),
  openssl('opaque (-nodetach)', 'rsa2048', { detached: false }),
  openssl('detached -stream (BER)', 'rsa2048', { stream: true }),
  openssl('opaque -nodetach -stream (BER)', 'rsa2048', { detached: false, stream: true }),
  openssl('detached sha512', 'rsa3072', { digest: 'sha512' }),
  openssl('detached -nocerts, certs via --cert', 'rsa2048', { nocerts: true }),
  openssl('opaque -nocerts, certs via --cert', 'rsa3072', { detached: false, nocerts: true }),
  openssl('detached PSS sha256', 'rsa2048', { pss: true }),
  openssl('opaque PSS sha384', 'rsa3072', { pss: true, digest: 'sha384', detached: false }),
  openssl('detached ECDSA sha256', 'p256'),
  openssl('opaque ECDSA sha256', 'p256', { detached: false }),
  openssl('detached ECDSA sha384', 'p384', { digest: 'sha384' }),
  openssl('opaque ECDSA sha384', 'p384', { digest: 'sha384', detached: false }),
  openssl('detached, openssl default LF line endings', 'rsa2048', { lfOnly: true }),
  ...(['rsa2048', 'rsa3072', 'p256', 'p384'] as KeyFamily[]).flatMap((f) => [nss(f, true), nss(f, false)]),
  ...(['rsa2048', 'rsa3072'] as KeyFamily[]).flatMap((f) => [gpgsm(f, true), gpgsm(f, false)]),
];

const pool = peerPool();
afterAll(() => pool.dispose());

describe('peer sign → our verify', () => {
  test.each(CASES)('$peer $family $name → valid', ({ family, make, extra }) => {
    const r = ourVerify(family, make(pool.get(family)), extra);
    expect(verdictSummary(r)).toBe('exit 0, valid');
    const signer = r.verdict?.signers[0];
    expect(r.verdict?.signers).toHaveLength(1);
    expect(signer?.status).toBe('valid');
    expect(signer?.certificate?.emails).toContain('alice@example.com');
    expect(r.verdict?.from).toBe('alice@example.com');
  });

  test.each(CASES)('$peer $family $name, tampered → not valid', ({ family, make, extra }) => {
    const r = ourVerify(family, tamper(make(pool.get(family))), extra);
    expect(r.status).not.toBe(0);
    expect(r.verdict?.status ?? 'no verdict').not.toBe('valid');
  });

  test('openssl -nocerts without the certs supplied → not valid', () => {
    const r = ourVerify('rsa2048', opensslSign({ family: 'rsa2048', who: 'alice', content, nocerts: true }));
    expect(r.status).not.toBe(0);
    expect(r.verdict?.status ?? 'no verdict').not.toBe('valid');
  });

  test('a valid openssl signature under another root → not valid', () => {
    const message = opensslSign({ family: 'rsa2048', who: 'alice', content });
    const r = ourVerify('rsa3072', message);
    expect(r.status).not.toBe(0);
    expect(r.verdict?.status).toBe('untrusted');
  });
});

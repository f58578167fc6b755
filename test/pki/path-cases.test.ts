/**
 * Own path-validation cases made by test/support/pki/20-pki-cases.sh (openssl), plus the
 * base PKI of 10-base.sh: the S/MIME policy checks pkijs' engine misses (EKU, leaf KU,
 * pathLen, critical extensions), time, algorithms, name constraints and revocation modes.
 */
import { readFileSync } from 'node:fs';
import * as pkijs from 'pkijs';
import { parsePkiObject, toDer } from '../../src/core/asn1';
import { loadCertificate, loadCertificates } from '../../src/core/pem';
import { PathValidationOptions, RevocationEvidence, validatePath } from '../../src/core/pki/validate';
import { KEY_FAMILIES, pkiPath, readPki } from '../support/fixtures';

const cert = (name: string): pkijs.Certificate => loadCertificate(readPki('cases', `${name}.crt`), name);
const crl = (name: string): pkijs.CertificateRevocationList =>
  parsePkiObject(pkijs.CertificateRevocationList, new Uint8Array(readFileSync(pkiPath('cases', `${name}.crl`))), name);

const CAS = ['inter', 'plainca', 'nobc', 'ncca', 'critca', 'subca', 'fakeca'];

function opts(extra: Partial<PathValidationOptions> = {}): PathValidationOptions {
  return {
    anchors: [cert('root')],
    intermediates: CAS.map(cert),
    purpose: 'email-signing',
    revocation: 'off',
    ...extra,
  };
}

async function status(leaf: string, extra: Partial<PathValidationOptions> = {}) {
  return validatePath(cert(leaf), opts(extra));
}

describe('base PKI families', () => {
  test.each(KEY_FAMILIES)('%s: alice validates for signing and encryption, leaf first and anchor last', async (family) => {
    const [alice, inter] = loadCertificates(readPki(family, 'alice-chain.pem'));
    const root = loadCertificate(readPki(family, 'root.crt'));
    for (const purpose of ['email-signing', 'email-encryption'] as const) {
      const r = await validatePath(alice, { anchors: [root], intermediates: [inter], purpose });
      expect(r.errors).toEqual([]);
      expect(r.status).toBe('valid');
      expect(r.chain).toHaveLength(3);
      expect(r.chain[0]).toBe(alice);
      expect(r.chain[2]).toBe(root);
      expect(r.warnings.join()).toMatch(/no revocation information published/);
    }
  });
});

describe('S/MIME policy', () => {
  test('good leaf is valid (soft revocation, no source published: warning only)', async () => {
    const r = await status('good', { revocation: 'soft' });
    expect(r.status).toBe('valid');
    expect(r.warnings.some((w) => /no revocation information published/.test(w))).toBe(true);
  });
  test('EKU serverAuth only is untrusted for e-mail', async () => {
    const r = await status('eku-server');
    expect(r.status).toBe('untrusted');
    expect(r.errors.join()).toMatch(/not valid for e-mail \(extended key usage\)/);
    expect((await status('eku-server', { purpose: 'any' })).status).toBe('valid');
  });
  test('anyExtendedKeyUsage is accepted by default and refused when configured', async () => {
    expect((await status('anyeku')).status).toBe('valid');
    expect((await status('anyeku', { acceptAnyExtendedKeyUsage: false })).status).toBe('untrusted');
  });
  test('no EKU extension is unrestricted', async () => {
    expect((await status('noeku')).status).toBe('valid');
  });
  test('keyEncipherment-only key cannot sign but can encrypt', async () => {
    const r = await status('ku-encipher-only');
    expect(r.status).toBe('untrusted');
    expect(r.errors.join()).toMatch(/signing \(key usage\)/);
    expect((await status('ku-encipher-only', { purpose: 'email-encryption' })).status).toBe('valid');
  });
  test('encryption KU follows the key type (EC needs keyAgreement, RSA keyEncipherment)', async () => {
    expect((await status('good', { purpose: 'email-encryption' })).status).toBe('valid');
    expect((await status('rsa-sign', { purpose: 'email-encryption' })).status).toBe('valid');
    expect((await status('eku-server', { purpose: 'email-encryption' })).status).toBe('untrusted');
  });
  test('unknown critical extension on the leaf and on the intermediate', async () => {
    const leaf = await status('crit-leaf');
    expect(leaf.status).toBe('untrusted');
    expect(leaf.errors.join()).toMatch(/critical extension 1\.3\.6\.1\.4\.1\.55555\.2/);
    const inter = await status('crit-inter-leaf');
    expect(inter.status).toBe('untrusted');
    expect(inter.errors.join()).toMatch(/critical extension 1\.3\.6\.1\.4\.1\.55555\.1/);
  });
  test('expired and not-yet-valid leaves name the certificate', async () => {
    const expired = await status('expired');
    expect(expired.status).toBe('expired');
    expect(expired.errors.join()).toMatch(/"expired" expired on 2021-01-01/);
    const future = await status('not-yet-valid');
    expect(future.status).toBe('expired');
    expect(future.errors.join()).toMatch(/not valid before 2099/);
    // Validating at a time inside the leaf's validity but before the CA existed: the CA is named.
    const early = await status('expired', { time: new Date('2020-06-01T00:00:00Z') });
    expect(early.status).toBe('expired');
    expect(early.errors.join()).toMatch(/Cases Intermediate/);
  });
  test('pathLenConstraint 0 violated', async () => {
    const r = await status('pathlen');
    expect(r.status).toBe('untrusted');
    expect(r.errors.join()).toMatch(/path length/);
  });
  test('a CA:FALSE issuer and an issuer without basicConstraints', async () => {
    const fake = await status('under-fakeca');
    expect(fake.status).toBe('untrusted');
    expect(fake.errors.join()).toMatch(/not a CA certificate/);
    const nobc = await status('nobc-leaf');
    expect(nobc.status).toBe('untrusted');
    expect(nobc.errors.join()).toMatch(/not a CA certificate/);
    expect((await status('plain')).status).toBe('valid');
  });
  test('name constraints on rfc822Name SAN and on the subject emailAddress', async () => {
    expect((await status('nc-ok')).status).toBe('valid');
    const san = await status('nc-bad-san');
    expect(san.status).toBe('untrusted');
    expect(san.errors.join()).toMatch(/mallory@evil\.org/);
    const dn = await status('nc-bad-dn');
    expect(dn.status).toBe('untrusted');
    expect(dn.errors.join()).toMatch(/mallory@evil\.org/);
  });
  test('self-signed leaf, wrong anchor, missing intermediate', async () => {
    const self = await status('selfsigned');
    expect(self.status).toBe('untrusted');
    expect(self.errors.join()).toMatch(/self-signed/);
    expect(self.chain).toHaveLength(1);
    const wrong = await status('good', { anchors: [cert('other-root')] });
    expect(wrong.status).toBe('untrusted');
    const missing = await status('good', { intermediates: [] });
    expect(missing.status).toBe('untrusted');
    expect(missing.errors.join()).toMatch(/Cases Intermediate/);
    // A self-signed certificate that is itself an anchor is trusted directly.
    expect((await status('selfsigned', { anchors: [cert('selfsigned')] })).status).toBe('valid');
  });
  test('a corrupted signature is invalid', async () => {
    const der = toDer(cert('good'));
    der[der.length - 3] ^= 0x01;
    const bad = parsePkiObject(pkijs.Certificate, der, 'corrupted');
    const r = await validatePath(bad, opts());
    expect(r.status).toBe('invalid');
    expect(r.errors.join()).toMatch(/does not verify/);
  });
  test('SHA-1-signed leaf is weak unless allowed; RSA-1024 is weak', async () => {
    const sha1 = await status('sha1');
    expect(sha1.status).toBe('weak-algorithm');
    expect(sha1.errors.join()).toMatch(/SHA-1/);
    expect((await status('sha1', { allowSha1: true })).status).toBe('valid');
    const rsa = await status('rsa1024');
    expect(rsa.status).toBe('weak-algorithm');
    expect(rsa.errors.join()).toMatch(/1024-bit/);
    expect((await status('rsa1024', { minRsaBits: 1024 })).status).toBe('valid');
  });
});

describe('revocation', () => {
  const crls = () => [crl('inter'), crl('root')];
  test('revoked leaf via supplied CRL', async () => {
    const r = await status('revoked', { revocation: 'soft', crls: crls() });
    expect(r.status).toBe('revoked');
    expect(r.errors.join()).toMatch(/revoked.*key compromise/);
    expect((await status('revoked', { revocation: 'off', crls: crls() })).status).toBe('valid');
  });
  test('good leaf with full CRL coverage is valid even in hard mode', async () => {
    const r = await status('good', { revocation: 'hard', crls: crls() });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('valid');
  });
  test('only the intermediate CRL supplied: soft is valid, hard lacks the root CRL', async () => {
    expect((await status('good', { revocation: 'soft', crls: [crl('inter')] })).status).toBe('valid');
    expect((await status('good', { revocation: 'hard', crls: [crl('inter')] })).status).toBe('revocation-unknown');
  });
  test('stale CRL gives revocation-unknown in soft mode', async () => {
    const r = await status('revoked', { revocation: 'soft', crls: [crl('inter-stale')] });
    expect(r.status).toBe('revocation-unknown');
    expect(r.errors.join()).toMatch(/stale/);
  });
  test('a published CRL DP without data: unknown in soft and hard, valid when off', async () => {
    expect((await status('crldp', { revocation: 'soft' })).status).toBe('revocation-unknown');
    expect((await status('crldp', { revocation: 'hard' })).status).toBe('revocation-unknown');
    expect((await status('crldp', { revocation: 'off' })).status).toBe('valid');
  });
  test('hard mode: a certificate without any source is unknown', async () => {
    expect((await status('good', { revocation: 'hard' })).status).toBe('revocation-unknown');
  });
  test('provider evidence: fetched CRL and OCSP answers are used; not called when off', async () => {
    const calls: string[] = [];
    const provider = async (c: pkijs.Certificate): Promise<RevocationEvidence> => {
      calls.push(c.subject.typesAndValues.map((t) => t.value.valueBlock.value).join('/'));
      return { crls: [crl('inter'), crl('root')], unreachable: [], publishedSources: 1 };
    };
    expect((await status('revoked', { revocation: 'soft', revocationProvider: provider })).status).toBe('revoked');
    expect((await status('crldp', { revocation: 'soft', revocationProvider: provider })).status).toBe('valid');
    const before = calls.length;
    await status('crldp', { revocation: 'off', revocationProvider: provider });
    expect(calls.length).toBe(before);
    const ocspRevoked = async (): Promise<RevocationEvidence> => ({
      crls: [], ocsp: { status: 'revoked', revocationTime: new Date('2024-01-01T00:00:00Z') }, unreachable: [], publishedSources: 1,
    });
    expect((await status('good', { revocation: 'soft', revocationProvider: ocspRevoked })).status).toBe('revoked');
    const unreachable = async (): Promise<RevocationEvidence> => ({ crls: [], unreachable: ['http://127.0.0.1:9/x.crl'], publishedSources: 1 });
    const u = await status('crldp', { revocation: 'soft', revocationProvider: unreachable });
    expect(u.status).toBe('revocation-unknown');
    expect(u.errors.join()).toMatch(/127\.0\.0\.1/);
  });
  test('no revocation lookups for an untrusted chain', async () => {
    let called = 0;
    const provider = async (): Promise<RevocationEvidence> => {
      called++;
      return { crls: [], unreachable: [], publishedSources: 0 };
    };
    const r = await status('crldp', { anchors: [cert('other-root')], revocation: 'hard', revocationProvider: provider });
    expect(r.status).toBe('untrusted');
    expect(called).toBe(0);
  });
});

describe('precedence', () => {
  test('invalid beats expired; untrusted beats weak-algorithm', async () => {
    const der = toDer(cert('expired'));
    der[der.length - 3] ^= 0x01;
    const bad = parsePkiObject(pkijs.Certificate, der, 'corrupted');
    const r = await validatePath(bad, opts());
    expect(r.status).toBe('invalid');
    expect(r.errors.length).toBeGreaterThanOrEqual(2);
    const w = await status('sha1', { purpose: 'any', time: new Date('2099-06-01T00:00:00Z') });
    expect(w.errors.join()).toMatch(/SHA-1/);
    expect(w.status).toBe('expired');
  });
});

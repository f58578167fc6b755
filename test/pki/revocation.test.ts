/**
 * Revocation fetching against real peers: CRLs made by `openssl ca`, OCSP answered by the
 * `openssl ocsp` responder, served over HTTP on 127.0.0.1.
 */
import * as pkijs from 'pkijs';
import type { LeafUrls } from '../support/revocation-server';
import { loadCertificate } from '../../src/core/pem';
import { fetcherFromFetch, type HttpFetcher } from '../../src/core/pki/http';
import { buildOcspRequest, validateOcspResponse } from '../../src/core/pki/ocsp';
import { RevocationCache } from '../../src/core/pki/revocation-cache';
import { createRevocationProvider, parseCrl, revocationSources } from '../../src/core/pki/revocation-fetch';
import { SmimeError } from '../../src/core/errors';
import {
  closedPort,
  opensslOcsp,
  opensslTime,
  revocationPki,
  type RevocationPki,
  startServer,
  staticReply,
  type TestServer,
} from '../support/revocation-server';

let pki: RevocationPki;
let server: TestServer;
let deadPort: number;
let ca: pkijs.Certificate;
let root: pkijs.Certificate;
const leaves: Record<string, pkijs.Certificate> = {};
let requests = 0;
const realFetcher = fetcherFromFetch(fetch);
const fetcher: HttpFetcher = (r) => {
  requests++;
  return realFetcher(r);
};
const HOUR = 3600_000;

beforeAll(async () => {
  pki = revocationPki();
  server = await startServer();
  deadPort = await closedPort();
  const u = server.url;
  const std = { ocsp: [u('/ocsp/delegated')], crl: [u('/ca.crl')] };
  const specs: Record<string, LeafUrls> = {
    good: std,
    revoked: std,
    direct: { ocsp: [u('/ocsp/ca')], crl: [u('/ca.crl')] },
    rogue: { ocsp: [u('/ocsp/rogue')], crl: [u('/ca.crl')] },
    noeku: { ocsp: [u('/ocsp/noeku')] },
    rootresp: { ocsp: [u('/ocsp/rootresp')] },
    dead: { ocsp: [`http://127.0.0.1:${deadPort}/ocsp`], crl: [`http://127.0.0.1:${deadPort}/ca.crl`] },
    stale: { crl: [u('/stale.crl')] },
    expiring: { crl: [u('/expiring.crl')] },
    pem: { crl: [u('/ca.pem')] },
    cached: { ocsp: [u('/ocsp/cache')], crl: [u('/cache.crl')] },
    fallback: { crlAlternatives: [u('/missing.crl'), u('/ca.crl')] },
    twodps: { crl: [u('/missing.crl'), u('/ca.crl')] },
    garbage: { ocsp: [u('/ocsp/garbage')], crl: [u('/garbage.crl')] },
  };
  for (const [name, urls] of Object.entries(specs)) pki.issue(name, urls);
  pki.issue('stranger', std, { inIndex: false });
  pki.revoke('revoked');
  for (const name of [...Object.keys(specs), 'stranger']) leaves[name] = loadCertificate(pki.read(`${name}.crt`));
  leaves.ldap = loadCertificate(pki.read('ldap-only.crt'));
  ca = loadCertificate(pki.read('ca.crt'));
  root = loadCertificate(pki.read('root.crt'));

  const now = Date.now();
  const crl = pki.crl();
  server.route('/ca.crl', staticReply(crl, 'application/pkix-crl'));
  server.route('/cache.crl', staticReply(crl, 'application/pkix-crl'));
  server.route('/ca.pem', staticReply(pki.crl({ pem: true }), 'application/x-pem-file'));
  server.route('/stale.crl', staticReply(pki.crl({ lastUpdate: opensslTime(new Date(now - 48 * HOUR)), nextUpdate: opensslTime(new Date(now - 24 * HOUR)) })));
  server.route('/expiring.crl', staticReply(pki.crl({ nextUpdate: opensslTime(new Date(now + HOUR)) })));
  server.route('/garbage.crl', staticReply(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])));
  server.route('/ocsp/garbage', staticReply(new Uint8Array([1, 2, 3])));
  server.route('/ocsp/delegated', opensslOcsp(pki, 'responder'));
  server.route('/ocsp/cache', opensslOcsp(pki, 'responder'));
  server.route('/ocsp/ca', opensslOcsp(pki, 'ca'));
  server.route('/ocsp/rogue', opensslOcsp(pki, 'rogue'));
  server.route('/ocsp/noeku', opensslOcsp(pki, 'responder-noeku'));
  server.route('/ocsp/rootresp', opensslOcsp(pki, 'responder-root'));
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(() => {
  server.resetCounts();
  requests = 0;
});

const serialOf = (c: pkijs.Certificate) => Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex');
const listed = (crl: pkijs.CertificateRevocationList, c: pkijs.Certificate) =>
  (crl.revokedCertificates ?? []).some((r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex') === serialOf(c));

describe('sources', () => {
  test('reads CRL DP and AIA OCSP URIs', () => {
    const s = revocationSources(leaves.good);
    expect(s.ocsp).toEqual([server.url('/ocsp/delegated')]);
    expect(s.crlDistributionPoints).toEqual([[server.url('/ca.crl')]]);
    expect(revocationSources(leaves.fallback).crlDistributionPoints).toEqual([[server.url('/missing.crl'), server.url('/ca.crl')]]);
    expect(revocationSources(leaves.twodps).crlDistributionPoints).toEqual([[server.url('/missing.crl')], [server.url('/ca.crl')]]);
    expect(revocationSources(root)).toEqual({ crlDistributionPoints: [], ocsp: [] });
  });
});

describe('OCSP via the openssl responder', () => {
  const provider = createRevocationProvider({ fetcher });

  test('good (delegated responder): no CRL fetched', async () => {
    const ev = await provider(leaves.good, ca, new Date());
    expect(ev).toEqual({ crls: [], ocsp: { status: 'good' }, unreachable: [], publishedSources: 2 });
    expect(server.count('/ocsp/delegated')).toBe(1);
    expect(server.count('/ca.crl')).toBe(0);
  });

  test('good (signed by the issuing CA itself)', async () => {
    const ev = await provider(leaves.direct, ca, new Date());
    expect(ev.ocsp).toEqual({ status: 'good' });
    expect(ev.unreachable).toEqual([]);
  });

  test('revoked, with the revocation time', async () => {
    const before = Date.now();
    const ev = await provider(leaves.revoked, ca, new Date());
    expect(ev.ocsp?.status).toBe('revoked');
    expect(ev.ocsp?.revocationTime).toBeInstanceOf(Date);
    expect(Math.abs((ev.ocsp?.revocationTime?.getTime() ?? 0) - before)).toBeLessThan(10 * 60_000);
    expect(ev.crls).toEqual([]);
  });

  test('unknown for a serial the CA database does not hold; CRL consulted as fallback', async () => {
    const ev = await createRevocationProvider({ fetcher, useCrl: false })(leaves.stranger, ca, new Date());
    expect(ev).toEqual({ crls: [], ocsp: { status: 'unknown' }, unreachable: [], publishedSources: 2 });
    const withCrl = await provider(leaves.stranger, ca, new Date());
    expect(withCrl.ocsp).toEqual({ status: 'unknown' });
    expect(withCrl.crls).toHaveLength(1);
    expect(listed(withCrl.crls[0], leaves.stranger)).toBe(false);
  });

  test.each([
    ['an unrelated key', 'rogue', '/ocsp/rogue'],
    ['a CA-issued certificate without id-kp-OCSPSigning', 'noeku', '/ocsp/noeku'],
    ['an OCSPSigning certificate issued by the root, not the issuer', 'rootresp', '/ocsp/rootresp'],
  ])('a response signed by %s is unreachable, never good', async (_label, leaf, path) => {
    const ev = await provider(leaves[leaf], ca, new Date());
    expect(server.count(path)).toBe(1);
    expect(ev.ocsp).toBeUndefined();
    expect(ev.unreachable).toEqual([server.url(path)]);
  });

  test('a rejected OCSP answer falls back to the CRL', async () => {
    const ev = await provider(leaves.rogue, ca, new Date());
    expect(ev.crls).toHaveLength(1);
    expect(listed(ev.crls[0], leaves.good)).toBe(false);
  });

  test('garbage from both sources: both unreachable', async () => {
    const ev = await provider(leaves.garbage, ca, new Date());
    expect(ev).toEqual({
      crls: [],
      unreachable: [server.url('/ocsp/garbage'), server.url('/garbage.crl')],
      publishedSources: 2,
    });
  });

  test('validation time after the answer\'s nextUpdate: unusable', async () => {
    const ev = await createRevocationProvider({ fetcher, useCrl: false })(leaves.good, ca, new Date(Date.now() + 3 * HOUR));
    expect(ev.ocsp).toBeUndefined();
    expect(ev.unreachable).toEqual([server.url('/ocsp/delegated')]);
  });
});

describe('OCSP response validation details', () => {
  async function ask(cert: pkijs.Certificate, hash: 'SHA-1' | 'SHA-256' = 'SHA-1', path = '/ocsp/delegated') {
    const req = await buildOcspRequest(cert, ca, { hash });
    const res = await realFetcher({ url: server.url(path), method: 'POST', body: req.der, headers: { 'content-type': 'application/ocsp-request' }, timeoutMs: 10_000 });
    expect(res.status).toBe(200);
    return { req, body: res.body };
  }

  test('SHA-256 CertID is answered and matched', async () => {
    const { req, body } = await ask(leaves.good, 'SHA-256');
    const answer = await validateOcspResponse(body, { cert: leaves.good, issuer: ca, time: new Date(), nonce: req.nonce });
    expect(answer.status).toBe('good');
    expect(answer.nextUpdate!.getTime()).toBeGreaterThan(Date.now());
  });

  test('nonce mismatch is rejected', async () => {
    const { body } = await ask(leaves.good);
    await expect(validateOcspResponse(body, { cert: leaves.good, issuer: ca, time: new Date(), nonce: new Uint8Array(16) })).rejects.toThrow(/nonce/);
  });

  test('an answer about another certificate is rejected', async () => {
    const { req, body } = await ask(leaves.revoked);
    await expect(validateOcspResponse(body, { cert: leaves.good, issuer: ca, time: new Date(), nonce: req.nonce })).rejects.toThrow(/does not cover/);
  });

  test('thisUpdate more than 5 minutes after the validation time is rejected', async () => {
    // Signed by the CA itself: the delegated responder certificate is younger than an hour.
    const { req, body } = await ask(leaves.good, 'SHA-1', '/ocsp/ca');
    const check = { cert: leaves.good, issuer: ca, nonce: req.nonce };
    await expect(validateOcspResponse(body, { ...check, time: new Date(Date.now() - HOUR) })).rejects.toThrow(/future/);
    await expect(validateOcspResponse(body, { ...check, time: new Date(Date.now() - 60_000) })).resolves.toMatchObject({ status: 'good' });
  });

  test('a responder refusal (OCSPResponseStatus unauthorized) is an error', async () => {
    const unauthorized = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x06]);
    await expect(validateOcspResponse(unauthorized, { cert: leaves.good, issuer: ca, time: new Date() })).rejects.toMatchObject({ code: 'network', message: /unauthorized/ });
  });

  test('an answer about a CA the responder does not serve is not believed', async () => {
    // openssl answers "unknown", signed by a responder the root never authorised.
    const req = await buildOcspRequest(ca, root);
    const res = await realFetcher({ url: server.url('/ocsp/delegated'), method: 'POST', body: req.der, timeoutMs: 10_000 });
    await expect(validateOcspResponse(res.body, { cert: ca, issuer: root, time: new Date(), nonce: req.nonce })).rejects.toMatchObject({ code: 'signature-invalid' });
  });

  test('a response checked against the wrong issuer is rejected', async () => {
    const { req, body } = await ask(leaves.good);
    await expect(validateOcspResponse(body, { cert: leaves.good, issuer: root, time: new Date(), nonce: req.nonce })).rejects.toBeInstanceOf(SmimeError);
  });
});

describe('CRL', () => {
  const crlOnly = createRevocationProvider({ fetcher, useOcsp: false });

  test('CRL-only good: the CRL is returned and does not list the certificate', async () => {
    const ev = await crlOnly(leaves.good, ca, new Date());
    expect(ev.ocsp).toBeUndefined();
    expect(ev.unreachable).toEqual([]);
    expect(ev.publishedSources).toBe(2);
    expect(ev.crls).toHaveLength(1);
    expect(ev.crls[0]).toBeInstanceOf(pkijs.CertificateRevocationList);
    expect(listed(ev.crls[0], leaves.good)).toBe(false);
    expect(server.count('/ocsp/delegated')).toBe(0);
  });

  test('revoked: the CRL lists the serial when OCSP is disabled', async () => {
    const ev = await crlOnly(leaves.revoked, ca, new Date());
    expect(ev.ocsp).toBeUndefined();
    expect(listed(ev.crls[0], leaves.revoked)).toBe(true);
    expect(await ev.crls[0].verify({ issuerCertificate: ca })).toBe(true);
  });

  test('PEM CRL is accepted', async () => {
    const ev = await crlOnly(leaves.pem, ca, new Date());
    expect(ev.unreachable).toEqual([]);
    expect(listed(ev.crls[0], leaves.revoked)).toBe(true);
  });

  test('second URI of the same distribution point is tried when the first fails', async () => {
    const ev = await crlOnly(leaves.fallback, ca, new Date());
    expect(server.count('/missing.crl')).toBe(1);
    expect(ev.crls).toHaveLength(1);
    expect(ev.unreachable).toEqual([]);
  });

  test('two distribution points, one failing: the failing one is listed', async () => {
    const ev = await crlOnly(leaves.twodps, ca, new Date());
    expect(ev.crls).toHaveLength(1);
    expect(ev.unreachable).toEqual([server.url('/missing.crl')]);
    expect(ev.publishedSources).toBe(2);
  });

  test('stale CRL (nextUpdate in the past) is returned, but never cached', async () => {
    const cache = new RevocationCache();
    const provider = createRevocationProvider({ fetcher, cache, useOcsp: false });
    const ev = await provider(leaves.stale, ca, new Date());
    expect(ev.crls).toHaveLength(1);
    expect(ev.crls[0].nextUpdate!.value.getTime()).toBeLessThan(Date.now());
    await provider(leaves.stale, ca, new Date());
    expect(server.count('/stale.crl')).toBe(2);
  });

  test('a cached CRL is not served after its nextUpdate', async () => {
    let clock = Date.now();
    const cache = new RevocationCache({ now: () => new Date(clock) });
    const provider = createRevocationProvider({ fetcher, cache, useOcsp: false });
    await provider(leaves.expiring, ca, new Date());
    await provider(leaves.expiring, ca, new Date());
    expect(server.count('/expiring.crl')).toBe(1);
    clock += 2 * HOUR;
    await provider(leaves.expiring, ca, new Date());
    expect(server.count('/expiring.crl')).toBe(2);
  });

  test('parseCrl refuses a PEM file without a CRL block', () => {
    expect(() => parseCrl(new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'))).toThrow(/X509 CRL/);
  });
});

describe('unreachable and unpublished sources', () => {
  const provider = createRevocationProvider({ fetcher, timeoutMs: 5000 });

  test('closed port: both sources listed as unreachable', async () => {
    const ev = await provider(leaves.dead, ca, new Date());
    expect(ev).toEqual({
      crls: [],
      unreachable: [`http://127.0.0.1:${deadPort}/ocsp`, `http://127.0.0.1:${deadPort}/ca.crl`],
      publishedSources: 2,
    });
  });

  test('ldap distribution point: counted, reported unreachable, never fetched', async () => {
    const ev = await provider(leaves.ldap, ca, new Date());
    expect(requests).toBe(0);
    expect(ev.publishedSources).toBe(1);
    expect(ev.unreachable).toEqual([expect.stringMatching(/^ldap:\/\//)]);
    expect(ev.crls).toEqual([]);
  });

  test('a certificate publishing nothing: no request', async () => {
    const ev = await provider(ca, root, new Date());
    expect(ev).toEqual({ crls: [], unreachable: [], publishedSources: 0 });
    expect(requests).toBe(0);
  });

  test('called with an issuer that did not sign the certificate: nothing is fetched', async () => {
    const ev = await provider(leaves.good, root, new Date());
    expect(requests).toBe(0);
    expect(ev.ocsp).toBeUndefined();
    expect(ev.unreachable).toHaveLength(2);
  });
});

describe('cache', () => {
  test('second call is served from the cache (no request), clear() forgets', async () => {
    const cache = new RevocationCache();
    const provider = createRevocationProvider({ fetcher, cache });
    const first = await provider(leaves.cached, ca, new Date());
    const second = await provider(leaves.cached, ca, new Date());
    expect(first.ocsp).toEqual({ status: 'good' });
    expect(second).toEqual(first);
    expect(server.count('/ocsp/cache')).toBe(1);

    const crlOnly = createRevocationProvider({ fetcher, cache, useOcsp: false });
    await crlOnly(leaves.cached, ca, new Date());
    await crlOnly(leaves.cached, ca, new Date());
    expect(server.count('/cache.crl')).toBe(1);

    cache.clear();
    await provider(leaves.cached, ca, new Date());
    await crlOnly(leaves.cached, ca, new Date());
    expect(server.count('/ocsp/cache')).toBe(2);
    expect(server.count('/cache.crl')).toBe(2);
  });

  test('an OCSP answer is not reused for a validation time past its nextUpdate', async () => {
    const cache = new RevocationCache();
    const provider = createRevocationProvider({ fetcher, cache, useCrl: false });
    await provider(leaves.cached, ca, new Date());
    const later = await provider(leaves.cached, ca, new Date(Date.now() + 3 * HOUR));
    expect(server.count('/ocsp/cache')).toBe(2);
    expect(later.ocsp).toBeUndefined();
  });
});

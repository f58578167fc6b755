/** RevocationCache: freshness by nextUpdate, max age without it, size bound, clear(). */
import { RevocationCache, type OcspAnswer } from '../../src/core/pki/revocation-cache';
import { parseCrl } from '../../src/core/pki/revocation-fetch';
import { opensslTime, revocationPki } from '../support/revocation-server';

const HOUR = 3600_000;
const t0 = Date.now();
let clock = t0;
const now = () => new Date(clock);
beforeEach(() => {
  clock = t0;
});

const answer = (nextUpdate?: Date): OcspAnswer => ({ status: 'good', thisUpdate: new Date(t0), nextUpdate });

test('OCSP answer served until nextUpdate, then dropped', () => {
  const cache = new RevocationCache({ now });
  cache.putOcsp('id', answer(new Date(t0 + HOUR)));
  clock = t0 + HOUR - 1;
  expect(cache.getOcsp('id')?.status).toBe('good');
  clock = t0 + HOUR;
  expect(cache.getOcsp('id')).toBeUndefined();
});

test('without nextUpdate the max age applies', () => {
  const cache = new RevocationCache({ now, maxAgeMs: 10 * 60_000 });
  cache.putOcsp('id', answer());
  clock = t0 + 9 * 60_000;
  expect(cache.getOcsp('id')).toBeDefined();
  clock = t0 + 10 * 60_000;
  expect(cache.getOcsp('id')).toBeUndefined();
});

test('an answer already past nextUpdate is not stored', () => {
  const cache = new RevocationCache({ now });
  cache.putOcsp('id', answer(new Date(t0 - 1)));
  expect(cache.getOcsp('id')).toBeUndefined();
  expect(cache.size).toBe(0);
});

test('CRLs keyed by URL honour their nextUpdate; stale ones are not kept', () => {
  const pki = revocationPki();
  const fresh = parseCrl(pki.crl({ nextUpdate: opensslTime(new Date(t0 + 2 * HOUR)) }));
  const stale = parseCrl(pki.crl({ lastUpdate: opensslTime(new Date(t0 - 2 * HOUR)), nextUpdate: opensslTime(new Date(t0 - HOUR)) }));
  const cache = new RevocationCache({ now });
  cache.putCrl('http://a/ca.crl', fresh);
  cache.putCrl('http://a/stale.crl', stale);
  expect(cache.getCrl('http://a/ca.crl')).toBe(fresh);
  expect(cache.getCrl('http://b/ca.crl')).toBeUndefined();
  expect(cache.getCrl('http://a/stale.crl')).toBeUndefined();
  clock = t0 + 2 * HOUR + 1000;
  expect(cache.getCrl('http://a/ca.crl')).toBeUndefined();
});

test('size bound drops the oldest entries; clear() empties', () => {
  const cache = new RevocationCache({ now, maxEntries: 2 });
  cache.putOcsp('a', answer());
  cache.putOcsp('b', answer());
  cache.putOcsp('c', answer());
  expect(cache.getOcsp('a')).toBeUndefined();
  expect(cache.getOcsp('c')).toBeDefined();
  cache.clear();
  expect(cache.size).toBe(0);
  expect(cache.getOcsp('c')).toBeUndefined();
});

/** fetcherFromFetch against a real loopback server with Node's fetch. */
import { LimitExceededError, SmimeError } from '../../src/core/errors';
import { fetcherFromFetch } from '../../src/core/pki/http';
import { closedPort, startServer, type TestServer } from '../support/revocation-server';

let server: TestServer;
const fetcher = fetcherFromFetch(fetch, { maxResponseBytes: 1024 * 1024 });

beforeAll(async () => {
  server = await startServer();
  server.route('/echo', ({ method, body }) => ({
    status: 201,
    body: new Uint8Array([...new TextEncoder().encode(method), ...body]),
    headers: { 'X-Test': 'yes', 'content-type': 'application/ocsp-response' },
  }));
  server.route('/big', () => ({ status: 200, body: new Uint8Array(2 * 1024 * 1024) }));
  server.route('/big-chunked', () => ({ status: 200, body: new Uint8Array(2 * 1024 * 1024), headers: { 'transfer-encoding': 'chunked' } }));
  server.route('/hang', () => new Promise(() => undefined));
});

afterAll(async () => {
  await server?.stop();
});

test('POST body arrives, status and lower-cased headers come back', async () => {
  const res = await fetcher({ url: server.url('/echo'), method: 'POST', body: new Uint8Array([1, 2, 3]), headers: { 'content-type': 'application/ocsp-request' }, timeoutMs: 5000 });
  expect(res.status).toBe(201);
  expect(Array.from(res.body)).toEqual([0x50, 0x4f, 0x53, 0x54, 1, 2, 3]);
  expect(res.headers['x-test']).toBe('yes');
  expect(res.headers['content-type']).toBe('application/ocsp-response');
});

test('a non-2xx status is returned, not thrown', async () => {
  const res = await fetcher({ url: server.url('/nothing-here'), method: 'GET', timeoutMs: 5000 });
  expect(res.status).toBe(404);
});

test('response over the size cap (declared length) is refused', async () => {
  await expect(fetcher({ url: server.url('/big'), method: 'GET', timeoutMs: 5000 })).rejects.toBeInstanceOf(LimitExceededError);
});

test('response over the size cap (chunked, no length) is refused while streaming', async () => {
  await expect(fetcher({ url: server.url('/big-chunked'), method: 'GET', timeoutMs: 5000 })).rejects.toBeInstanceOf(LimitExceededError);
});

test('a default fetcher accepts the same 2 MB response', async () => {
  const res = await fetcherFromFetch(fetch)({ url: server.url('/big-chunked'), method: 'GET', timeoutMs: 5000 });
  expect(res.body.length).toBe(2 * 1024 * 1024);
});

test('timeout gives a network error quickly', async () => {
  const started = Date.now();
  await expect(fetcher({ url: server.url('/hang'), method: 'GET', timeoutMs: 300 })).rejects.toMatchObject({ code: 'network', message: /300 ms/ });
  expect(Date.now() - started).toBeLessThan(3000);
});

test('connection refused gives a network error', async () => {
  const port = await closedPort();
  const err = await fetcher({ url: `http://127.0.0.1:${port}/x`, method: 'GET', timeoutMs: 5000 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SmimeError);
  expect((err as SmimeError).code).toBe('network');
});

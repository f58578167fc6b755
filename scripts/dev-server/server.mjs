// The dev server: static files from the build with the security headers, plus the local
// Graph endpoint. https on localhost:3000 for Outlook; tests use http on 127.0.0.1.
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { securityHeaders } from './csp.mjs';
import { createMailbox, graphMiddleware } from './graph-mock.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pem': 'application/x-pem-file',
  '.p12': 'application/x-pkcs12',
  '.crt': 'application/x-pem-file',
  '.map': 'application/json',
};

export function staticHandler(root, { production = false } = {}) {
  const headers = securityHeaders({ production });
  return async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) return res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };
}

/**
 * Starts the server. `mailboxDir` holds the local mailbox, seeded from `seedDir` (the
 * build-time samples). Returns its URL, the mailbox, and close().
 */
export async function startDevServer({ root, port = 3000, host = 'localhost', tls, mailboxDir, seedDir, production = false }) {
  const mailbox = createMailbox(mailboxDir, seedDir);
  const graph = graphMiddleware(mailbox);
  const files = staticHandler(root, { production });
  const handler = (req, res) => graph(req, res, () => files(req, res));
  const server = tls ? createHttps({ cert: tls.cert, key: tls.key }, handler) : createHttp(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${actualPort}`,
    mailbox,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

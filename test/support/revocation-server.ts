/**
 * A real revocation infrastructure for tests: a node:http server on 127.0.0.1 (random port)
 * that serves CRLs made by `openssl ca` and answers OCSP POSTs by running the real
 * `openssl ocsp` responder on each request (-reqin/-respout; `openssl ocsp -port` cannot
 * bind to loopback only). Leaves are issued at test time because their CRL DP and AIA URLs
 * must name the server's port.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { mustRun, PKI_DIR, tempDir } from './fixtures';

export interface Reply {
  status: number;
  body: Uint8Array;
  headers?: Record<string, string>;
}
export type Handler = (request: { method: string; path: string; body: Uint8Array }) => Reply | Promise<Reply>;

export interface TestServer {
  port: number;
  url(path: string): string;
  route(path: string, handler: Handler): void;
  /** Requests received per path. */
  count(path: string): number;
  resetCounts(): void;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    counts.set(path, (counts.get(path) ?? 0) + 1);
    void (async () => {
      try {
        const body = await readBody(req);
        const handler = routes.get(path);
        const reply = handler ? await handler({ method: req.method ?? 'GET', path, body }) : { status: 404, body: new Uint8Array() };
        // A reply that asks for chunked encoding gets no Content-Length (tests streamed size caps).
        const length = reply.headers?.['transfer-encoding'] ? {} : { 'content-length': String(reply.body.length) };
        res.writeHead(reply.status, { ...length, ...reply.headers });
        res.end(reply.body);
      } catch (err) {
        res.writeHead(500);
        res.end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    count: (path) => counts.get(path) ?? 0,
    resetCounts: () => counts.clear(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export const staticReply =
  (body: Uint8Array, contentType = 'application/octet-stream'): Handler =>
  () => ({ status: 200, body, headers: { 'content-type': contentType } });

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(new Error(`cannot run ${cmd}: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${stderr}`))));
  });
}

/** An OCSP handler backed by the real `openssl ocsp` responder logic. */
export function opensslOcsp(pki: RevocationPki, signer: string, extraArgs: string[] = ['-nmin', '60']): Handler {
  let n = 0;
  return async ({ method, body }) => {
    if (method !== 'POST') return { status: 405, body: new Uint8Array() };
    const stem = join(pki.dir, `ocsp-${signer}-${process.pid}-${n++}`);
    writeFileSync(`${stem}.req`, body);
    await run('openssl', [
      'ocsp', '-index', join(pki.dir, 'index.txt'), '-CA', join(pki.dir, 'ca.crt'),
      '-rsigner', join(pki.dir, `${signer}.crt`), '-rkey', join(pki.dir, `${signer}.key`),
      '-reqin', `${stem}.req`, '-respout', `${stem}.resp`, ...extraArgs,
    ]);
    return { status: 200, body: new Uint8Array(readFileSync(`${stem}.resp`)), headers: { 'content-type': 'application/ocsp-response' } };
  };
}

export interface LeafUrls {
  ocsp?: string[];
  /** One distribution point per URI. */
  crl?: string[];
  /** One distribution point holding all these URIs as alternative locations. */
  crlAlternatives?: string[];
}

export interface RevocationPki {
  dir: string;
  file(name: string): string;
  read(name: string): Uint8Array;
  /** Issues a leaf through `openssl ca` (recorded in index.txt) with the given URLs. */
  issue(name: string, urls: LeafUrls, options?: { inIndex?: boolean }): string;
  revoke(name: string): void;
  /** A CRL (DER) made by `openssl ca -gencrl`; dates as YYYYMMDDHHMMSSZ when given. */
  crl(options?: { lastUpdate?: string; nextUpdate?: string; pem?: boolean }): Uint8Array;
}

const CA_MATERIAL = ['root.crt', 'ca.crt', 'ca.key', 'responder.crt', 'responder.key', 'responder-noeku.crt',
  'responder-noeku.key', 'responder-root.crt', 'responder-root.key', 'rogue.crt', 'rogue.key', 'leaf.key', 'ldap-only.crt'];

/** Copies the CA made by 30-revocation.sh into a fresh directory with its own openssl ca database. */
export function revocationPki(): RevocationPki {
  const dir = tempDir('smime-revocation-');
  const src = join(PKI_DIR, 'revocation');
  for (const f of CA_MATERIAL) copyFileSync(join(src, f), join(dir, f));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '4000\n');
  writeFileSync(join(dir, 'crlnumber'), '1000\n');
  const cnf = join(dir, 'ca.cnf');
  writeFileSync(
    cnf,
    `[ca]
default_ca = CA_default
[CA_default]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = $dir/ca.crt
private_key = $dir/ca.key
default_md = sha256
default_days = 365
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
crl_extensions = crl_ext
[policy_any]
commonName = supplied
[crl_ext]
authorityKeyIdentifier = keyid
`,
  );
  mustRun('openssl', ['req', '-new', '-key', join(dir, 'leaf.key'), '-subj', '/CN=leaf', '-out', join(dir, 'leaf.csr')]);
  let extSerial = 0x7000;
  const file = (name: string) => join(dir, name);
  return {
    dir,
    file,
    read: (name) => new Uint8Array(readFileSync(file(name))),
    issue(name, urls, options = {}) {
      const lines = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=emailProtection',
        `subjectAltName=email:${name}@example.com`, 'authorityKeyIdentifier=keyid'];
      if (urls.crl?.length) lines.push(`crlDistributionPoints=${urls.crl.map((u) => `URI:${u}`).join(',')}`);
      if (urls.ocsp?.length) lines.push(`authorityInfoAccess=${urls.ocsp.map((u) => `OCSP;URI:${u}`).join(',')}`);
      let extra = '';
      if (urls.crlAlternatives?.length) {
        lines.push('crlDistributionPoints=dp');
        extra = `[dp]\nfullname=${urls.crlAlternatives.map((u) => `URI:${u}`).join(',')}\n`;
      }
      const ext = file(`${name}.ext`);
      writeFileSync(ext, `[leaf]\n${lines.join('\n')}\n${extra}`);
      const out = file(`${name}.crt`);
      if (options.inIndex === false) {
        mustRun('openssl', ['x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'),
          '-set_serial', String(extSerial++), '-days', '365', '-extfile', ext, '-extensions', 'leaf', '-out', out]);
      } else {
        mustRun('openssl', ['ca', '-batch', '-notext', '-config', cnf, '-extfile', ext, '-extensions', 'leaf',
          '-in', file('leaf.csr'), '-subj', `/CN=${name}`, '-out', out]);
      }
      return out;
    },
    revoke(name) {
      mustRun('openssl', ['ca', '-config', cnf, '-revoke', file(`${name}.crt`), '-crl_reason', 'keyCompromise']);
    },
    crl(options = {}) {
      const pemFile = file(`crl-${Date.now()}-${Math.random().toString(16).slice(2)}.pem`);
      const args = ['ca', '-gencrl', '-config', cnf, '-out', pemFile];
      if (options.lastUpdate) args.push('-crl_lastupdate', options.lastUpdate);
      if (options.nextUpdate) args.push('-crl_nextupdate', options.nextUpdate);
      mustRun('openssl', args);
      if (options.pem) return new Uint8Array(readFileSync(pemFile));
      return new Uint8Array(mustRun('openssl', ['crl', '-in', pemFile, '-outform', 'DER']));
    },
  };
}

/** openssl's YYYYMMDDHHMMSSZ form of a date. */
export function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Wrappers around the real peer binaries (OpenSSL 3.0 `cms`, NSS 3.87 `certutil`/`cmsutil`/
 * `pk12util`, gpgsm 2.2) and our own CLI, for the two-way interop suite. Every wrapper works in
 * its own temp dir and removes it; a missing binary throws, so a test can never silently pass.
 * NSS and gpgsm speak DER CMS only, so a few small MIME helpers wrap and unwrap messages.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Verdict } from '../../src/core/verdict';
import { type KeyFamily, PKI_DIR, mustRun, pkiPath, runTool, tempDir, type ToolResult } from './fixtures';

export type Who = 'alice' | 'bob';
export type Digest = 'sha256' | 'sha384' | 'sha512';
export type Cipher = 'aes-256-cbc' | 'aes-128-cbc' | 'aes-256-gcm' | 'aes-128-gcm';
export type SmimeType = 'signed-data' | 'enveloped-data' | 'authEnveloped-data';

export const PASSWORD = 'test';

export function isRsa(family: KeyFamily): boolean {
  return family.startsWith('rsa');
}

export function emailOf(who: Who): string {
  return `${who}@example.com`;
}

/** Runs `fn` with a fresh temp dir that is always removed afterwards. */
export function withTemp<T>(fn: (dir: string) => T): T {
  const dir = tempDir('smime-peer-');
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` with `input` written to a temp file and a path for the tool's output, both removed afterwards. */
function withInOut<T>(input: Uint8Array, fn: (inFile: string, outFile: string) => T): T {
  return withTemp((dir) => {
    const inFile = join(dir, 'in');
    writeFileSync(inFile, input);
    return fn(inFile, join(dir, 'out'));
  });
}

function readIfExists(path: string): Buffer {
  return existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
}

// ---------------------------------------------------------------------------------------------
// Messages and the tiny MIME helpers NSS/gpgsm need (they read and write bare DER CMS).

export interface MailHeaders {
  from?: string;
  to?: string;
  subject?: string;
}

export const MARKER = 'INTEROP-MARKER-7f3a';

/** A canonical (CRLF) text/plain entity carrying MARKER, so tampering and matching are easy. */
export function textEntity(text = `Hello Bob,\r\nthis is ${MARKER}.\r\n`): Buffer {
  return Buffer.from(
    'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n' + text,
    'utf8',
  );
}

function headerLines(h: MailHeaders): string {
  const lines: string[] = [];
  if (h.from) lines.push(`From: ${h.from}`);
  if (h.to) lines.push(`To: ${h.to}`);
  if (h.subject) lines.push(`Subject: ${h.subject}`);
  return lines.map((l) => l + '\r\n').join('');
}

/** A whole RFC 5322 message: outer headers followed by the given MIME entity. */
export function mailMessage(entity: Uint8Array, headers: MailHeaders = defaultHeaders()): Buffer {
  const outer =
    headerLines(headers) +
    'Date: Mon, 02 Mar 2026 10:00:00 +0000\r\nMessage-ID: <interop@example.com>\r\nMIME-Version: 1.0\r\n';
  return Buffer.concat([Buffer.from(outer, 'utf8'), Buffer.from(entity)]);
}

export function defaultHeaders(from: Who = 'alice', to: Who = 'bob'): MailHeaders {
  return { from: emailOf(from), to: emailOf(to), subject: 'interop test' };
}

/** Splits an entity at its first empty line; tolerates LF-only input. */
export function splitEntity(entity: Uint8Array): { header: string; body: Buffer } {
  const b = Buffer.from(entity);
  const crlf = b.indexOf('\r\n\r\n');
  const lf = b.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return { header: b.toString('latin1'), body: Buffer.alloc(0) };
  const useCrlf = crlf >= 0 && (lf < 0 || crlf < lf + 1);
  const end = useCrlf ? crlf : lf;
  return { header: b.subarray(0, end).toString('latin1'), body: b.subarray(end + (useCrlf ? 4 : 2)) };
}

/** The unfolded value of a header field, or undefined. */
export function headerValue(header: string, name: string): string | undefined {
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const re = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im');
  return re.exec(unfolded)?.[1]?.trim();
}

export function mediaType(entity: Uint8Array): string {
  const ct = headerValue(splitEntity(entity).header, 'Content-Type') ?? 'text/plain';
  return ct.split(';')[0].trim().toLowerCase();
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Content and DER signature of a multipart/signed message, the content byte-exact as signed. */
export function splitSigned(message: Uint8Array): { content: Buffer; signature: Buffer } {
  const { header, body } = splitEntity(message);
  const ct = headerValue(header, 'Content-Type') ?? '';
  const boundary = param(ct, 'boundary');
  if (!ct.toLowerCase().startsWith('multipart/signed') || !boundary) throw new Error(`not multipart/signed: ${ct}`);
  const delim = `--${boundary}`;
  const first = body.indexOf(delim);
  if (first < 0) throw new Error('no first boundary');
  const contentStart = body.indexOf('\n', first) + 1;
  let next = body.indexOf(`\n${delim}`, contentStart);
  if (next < 0) throw new Error('no second boundary');
  const contentEnd = body[next - 1] === 0x0d ? next - 1 : next;
  const content = body.subarray(contentStart, contentEnd);
  next += 1 + delim.length;
  const sigStart = body.indexOf('\n', next) + 1;
  const sigEnd = body.indexOf(`\n${delim}--`, sigStart);
  const sigPart = body.subarray(sigStart, sigEnd < 0 ? body.length : sigEnd);
  return { content: Buffer.from(content), signature: base64Body(sigPart) };
}

function base64Body(entity: Uint8Array): Buffer {
  return Buffer.from(splitEntity(entity).body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

/** DER of an application/pkcs7-mime message (base64 body). */
export function pkcs7Der(message: Uint8Array): Buffer {
  const type = mediaType(message);
  if (type !== 'application/pkcs7-mime' && type !== 'application/x-pkcs7-mime') {
    throw new Error(`not application/pkcs7-mime: ${type}`);
  }
  return base64Body(message);
}

function base64Lines(der: Uint8Array): string {
  return (Buffer.from(der).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') + '\r\n';
}

/** Wraps DER CMS into an application/pkcs7-mime entity (message when headers are given). */
export function wrapPkcs7(der: Uint8Array, smimeType: SmimeType, headers?: MailHeaders): Buffer {
  const entity = Buffer.from(
    `Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name=smime.p7m\r\n` +
      'Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7m\r\n\r\n' +
      base64Lines(der),
    'latin1',
  );
  return headers ? mailMessage(entity, headers) : entity;
}

const MICALG: Record<Digest, string> = { sha256: 'sha-256', sha384: 'sha-384', sha512: 'sha-512' };

/** Wraps signed content and its detached DER signature into a multipart/signed entity. */
export function wrapSigned(content: Uint8Array, p7s: Uint8Array, digest: Digest, headers?: MailHeaders): Buffer {
  const b = 'interop-boundary-5b1c';
  const entity = Buffer.concat([
    Buffer.from(
      `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=${MICALG[digest]};\r\n` +
        ` boundary="${b}"\r\n\r\nThis is an S/MIME signed message\r\n\r\n--${b}\r\n`,
      'latin1',
    ),
    Buffer.from(content),
    Buffer.from(
      `\r\n--${b}\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n` +
        'Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7s\r\n\r\n' +
        base64Lines(p7s) +
        `\r\n--${b}--\r\n`,
      'latin1',
    ),
  ]);
  return headers ? mailMessage(entity, headers) : entity;
}

function replaceMarker(buf: Buffer): Buffer {
  const at = buf.indexOf(MARKER);
  if (at < 0) throw new Error('marker not found: cannot tamper');
  const out = Buffer.from(buf);
  out[at] = 'J'.charCodeAt(0);
  return out;
}

/** Changes one byte of the signed text (inside the CMS for opaque messages) keeping the structure. */
export function tamper(message: Uint8Array): Buffer {
  const buf = Buffer.from(message);
  if (mediaType(buf) !== 'application/pkcs7-mime') return replaceMarker(buf);
  const { header } = splitEntity(buf);
  const der = replaceMarker(pkcs7Der(buf));
  const lines = base64Lines(der);
  return Buffer.concat([Buffer.from(header + '\r\n\r\n', 'latin1'), Buffer.from(lines, 'latin1')]);
}

/**
 * True when `actual` (a decrypted or unwrapped entity, possibly with outer headers merged in)
 * carries the same body byte for byte and the same Content-Type media type as `expected`.
 */
export function sameEntity(actual: Uint8Array, expected: Uint8Array): boolean {
  const a = splitEntity(actual);
  const e = splitEntity(expected);
  return a.body.equals(e.body) && mediaType(actual) === mediaType(expected);
}

/** The body with its Content-Transfer-Encoding (base64, quoted-printable) undone. */
export function decodedBody(entity: Uint8Array): Buffer {
  const { header, body } = splitEntity(entity);
  const cte = (headerValue(header, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (cte !== 'quoted-printable') return body;
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

/** Like sameEntity, but a signer/encrypter may have re-encoded 8-bit text (e.g. to QP). */
export function sameDecodedEntity(actual: Uint8Array, expected: Uint8Array): boolean {
  return decodedBody(actual).equals(decodedBody(expected)) && mediaType(actual) === mediaType(expected);
}

// ---------------------------------------------------------------------------------------------
// OpenSSL 3.0 `openssl cms`

export interface Party {
  family: KeyFamily;
  who: Who;
}

export interface OpensslSignOptions extends Party {
  /** The MIME entity to sign, canonical CRLF (signed as-is: -binary). */
  content: Uint8Array;
  detached?: boolean;
  digest?: Digest;
  pss?: boolean;
  /** BER indefinite-length output. */
  stream?: boolean;
  nocerts?: boolean;
  /** Outer headers for an S/MIME message; null for a bare entity (to nest it). */
  headers?: MailHeaders | null;
  outform?: 'SMIME' | 'DER';
  /** openssl's default LF line endings instead of -crlfeol. */
  lfOnly?: boolean;
}

function mailArgs(headers: MailHeaders | null | undefined, fallback: MailHeaders): string[] {
  const h = headers === undefined ? fallback : headers;
  if (!h) return [];
  const args: string[] = [];
  if (h.from) args.push('-from', h.from);
  if (h.to) args.push('-to', h.to);
  if (h.subject) args.push('-subject', h.subject);
  return args;
}

/** Signs with openssl; returns an S/MIME message (or DER CMS with outform DER). */
export function opensslSign(o: OpensslSignOptions): Buffer {
  return withInOut(o.content, (inFile, outFile) => {
    const outform = o.outform ?? 'SMIME';
    const args = ['cms', '-sign', '-binary', '-in', inFile, '-signer', pkiPath(o.family, `${o.who}.crt`)];
    args.push('-inkey', pkiPath(o.family, `${o.who}.key`), '-md', o.digest ?? 'sha256');
    if (o.pss) args.push('-keyopt', 'rsa_padding_mode:pss', '-keyopt', 'rsa_pss_saltlen:digest');
    if (o.nocerts) args.push('-nocerts');
    else args.push('-certfile', pkiPath(o.family, 'inter.crt'));
    if (o.detached === false) args.push('-nodetach');
    if (o.stream) args.push('-stream');
    args.push('-outform', outform, '-out', outFile);
    if (outform === 'SMIME') {
      if (!o.lfOnly) args.push('-crlfeol');
      args.push(...mailArgs(o.headers, defaultHeaders(o.who)));
    }
    mustRun('openssl', args);
    return readFileSync(outFile);
  });
}

export interface PeerResult {
  ok: boolean;
  content: Buffer;
  /** What the peer said (stderr / status lines), for failure messages. */
  log: string;
}

export interface OpensslVerifyOptions {
  family: KeyFamily;
  /** A whole S/MIME message (multipart/signed or pkcs7-mime). */
  message?: Uint8Array;
  /** Or DER CMS, with `content` when detached. */
  der?: Uint8Array;
  content?: Uint8Array;
  /** Extra certificates (PEM files) for signatures without embedded certs. */
  certfiles?: string[];
}

/** Verifies with openssl against the family's root: exit 0 and "Verification successful". */
export function opensslVerify(o: OpensslVerifyOptions): PeerResult {
  return withTemp((dir) => {
    const inFile = join(dir, 'in');
    const outFile = join(dir, 'out');
    const args = ['cms', '-verify', '-purpose', 'smimesign'];
    let caFile = pkiPath(o.family, 'root.crt');
    if (o.message) {
      // No -binary here: openssl 3.0 fails its own multipart/signed with it. It canonicalises
      // the first part to CRLF, as a mail client does.
      writeFileSync(inFile, o.message);
      args.push('-inform', 'SMIME');
    } else if (o.der) {
      // Bare CMS: hash the given content byte for byte.
      writeFileSync(inFile, o.der);
      args.push('-inform', 'DER', '-binary');
    } else throw new Error('opensslVerify: message or der required');
    if (o.content) {
      writeFileSync(join(dir, 'content'), o.content);
      args.push('-content', join(dir, 'content'));
    }
    if (o.certfiles?.length) {
      // openssl 3.0 looks for the signer in -certfile but builds the chain only from the CMS
      // certs and the store, so the extra certs also go next to the root (not as anchors:
      // no partial chains, the path still has to end at the root).
      const all = join(dir, 'certs.pem');
      writeFileSync(all, Buffer.concat(o.certfiles.map((f) => readFileSync(f))));
      caFile = join(dir, 'store.pem');
      writeFileSync(caFile, Buffer.concat([readFileSync(pkiPath(o.family, 'root.crt')), readFileSync(all)]));
      args.push('-certfile', all);
    }
    args.push('-CAfile', caFile);
    args.push('-in', inFile, '-out', outFile);
    const r = runTool('openssl', args);
    return {
      ok: r.status === 0 && r.stderr.includes('Verification successful'),
      content: readIfExists(outFile),
      log: r.stderr,
    };
  });
}

export interface Recipient extends Party {
  /** RSA: OAEP key transport (true = SHA-1, or the OAEP digest). */
  oaep?: boolean | Digest;
  /** EC: KDF digest for ECDH (openssl default sha1). */
  ecdhKdf?: 'sha1' | Digest;
}

export interface OpensslEncryptOptions {
  recipients: Recipient[];
  content: Uint8Array;
  cipher: Cipher;
  headers?: MailHeaders | null;
  outform?: 'SMIME' | 'DER';
}

/** Encrypts with openssl (GCM ciphers give AuthEnvelopedData); returns an S/MIME message. */
export function opensslEncrypt(o: OpensslEncryptOptions): Buffer {
  return withInOut(o.content, (inFile, outFile) => {
    const outform = o.outform ?? 'SMIME';
    const args = ['cms', '-encrypt', '-binary', '-in', inFile, `-${o.cipher}`];
    for (const r of o.recipients) {
      // -keyopt applies to the -recip right before it.
      args.push('-recip', pkiPath(r.family, `${r.who}.crt`));
      if (r.oaep) {
        args.push('-keyopt', 'rsa_padding_mode:oaep');
        if (typeof r.oaep === 'string') args.push('-keyopt', `rsa_oaep_md:${r.oaep}`);
      }
      if (r.ecdhKdf) args.push('-keyopt', `ecdh_kdf_md:${r.ecdhKdf}`);
    }
    args.push('-outform', outform, '-out', outFile);
    if (outform === 'SMIME') args.push('-crlfeol', ...mailArgs(o.headers, defaultHeaders()));
    mustRun('openssl', args);
    return readFileSync(outFile);
  });
}

export interface OpensslDecryptOptions extends Party {
  message?: Uint8Array;
  der?: Uint8Array;
}

/** Decrypts with openssl as `who`: exit 0 and the plaintext. */
export function opensslDecrypt(o: OpensslDecryptOptions): PeerResult {
  return withInOut(o.message ?? o.der ?? Buffer.alloc(0), (inFile, outFile) => {
    const r = runTool('openssl', [
      'cms', '-decrypt', '-binary', '-inform', o.message ? 'SMIME' : 'DER', '-in', inFile,
      '-recip', pkiPath(o.family, `${o.who}.crt`), '-inkey', pkiPath(o.family, `${o.who}.key`), '-out', outFile,
    ]);
    return { ok: r.status === 0, content: readIfExists(outFile), log: r.stderr };
  });
}

// ---------------------------------------------------------------------------------------------
// NSS 3.87: certutil / pk12util / cmsutil on an sql: database

export interface NssDb {
  dir: string;
  family: KeyFamily;
  dispose(): void;
}

/** The nickname pk12util gives a key: the friendly name set by 10-base.sh. */
export function nssNickname(family: KeyFamily, who: Who): string {
  return `${who} (${family})`;
}

/** A DB with the root trusted for e-mail, the intermediate, and alice's and bob's keys. */
export function createNssDb(family: KeyFamily): NssDb {
  const dir = tempDir('smime-nss-');
  try {
    const db = `sql:${dir}`;
    mustRun('certutil', ['-N', '-d', db, '--empty-password']);
    mustRun('certutil', ['-A', '-d', db, '-n', 'root', '-t', 'C,C,C', '-i', pkiPath(family, 'root.crt')]);
    mustRun('certutil', ['-A', '-d', db, '-n', 'inter', '-t', ',,', '-i', pkiPath(family, 'inter.crt')]);
    for (const who of ['alice', 'bob'] as const) {
      mustRun('pk12util', ['-i', pkiPath(family, `${who}.p12`), '-W', PASSWORD, '-K', '', '-d', db]);
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, family, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface NssVerifyResult extends PeerResult {
  /** signerN.status values, e.g. GoodSignature, DigestMismatch, SigningCertNotTrusted. */
  statuses: string[];
}

/**
 * Verifies with cmsutil. Its exit status is 0 even for a bad signature, so OK means every
 * `signerN.status=` line of the `-h` header dump says GoodSignature.
 */
export function nssVerify(db: NssDb, der: Uint8Array, content?: Uint8Array): NssVerifyResult {
  return withTemp((dir) => {
    const inFile = join(dir, 'in');
    writeFileSync(inFile, der);
    const base = ['-D', '-d', `sql:${db.dir}`, '-i', inFile];
    if (content) {
      writeFileSync(join(dir, 'content'), content);
      base.push('-c', join(dir, 'content'));
    }
    const info = runTool('cmsutil', [...base, '-h', '2', '-n']);
    const text = info.stdout.toString('latin1');
    const statuses = [...text.matchAll(/signer\d+\.status=(\w+)/g)].map((m) => m[1]);
    const ok = statuses.length > 0 && statuses.every((s) => s === 'GoodSignature');
    const body = content ? Buffer.from(content) : ok ? runTool('cmsutil', base).stdout : Buffer.alloc(0);
    return { ok, statuses, content: body, log: text + info.stderr };
  });
}

const NSS_HASH: Record<Digest, string> = { sha256: 'SHA256', sha384: 'SHA384', sha512: 'SHA512' };

/** Signs with cmsutil as `nickname` (signing time + SMIMECapabilities); DER, detached with -T. */
export function nssSign(db: NssDb, nickname: string, content: Uint8Array, detached: boolean, digest: Digest = 'sha256'): Buffer {
  return withInOut(content, (inFile, outFile) => {
    const args = ['-S', '-d', `sql:${db.dir}`, '-N', nickname, '-H', NSS_HASH[digest], '-G', '-P', '-i', inFile, '-o', outFile];
    if (detached) args.push('-T');
    mustRun('cmsutil', args);
    return readFileSync(outFile);
  });
}

/** Encrypts with cmsutil -E (RSA PKCS#1 v1.5, NSS picks AES-CBC); DER EnvelopedData. */
export function nssEncrypt(db: NssDb, recipientEmails: string[], content: Uint8Array): Buffer {
  return withInOut(content, (inFile, outFile) => {
    mustRun('cmsutil', ['-E', '-d', `sql:${db.dir}`, '-r', recipientEmails.join(','), '-i', inFile, '-o', outFile]);
    return readFileSync(outFile);
  });
}

/** Decrypts with cmsutil -D: exit 0 and the plaintext. */
export function nssDecrypt(db: NssDb, der: Uint8Array): PeerResult {
  return withInOut(der, (inFile, outFile) => {
    const r = runTool('cmsutil', ['-D', '-d', `sql:${db.dir}`, '-i', inFile, '-o', outFile]);
    const content = readIfExists(outFile);
    return { ok: r.status === 0 && content.length > 0, content, log: r.stderr };
  });
}

// ---------------------------------------------------------------------------------------------
// gpgsm 2.2 (RSA keys only: it segfaults importing EC PKCS#12)

export interface GpgsmHome {
  dir: string;
  family: KeyFamily;
  /** Kills the gpg-agent started for this home and removes it. */
  dispose(): void;
}

function gpgsmArgs(home: GpgsmHome | string): string[] {
  const dir = typeof home === 'string' ? home : home.dir;
  return ['--homedir', dir, '--batch', '--pinentry-mode', 'loopback', '--passphrase-fd', '0'];
}

/** Runs gpgsm feeding the passphrase on fd 0 (gpgsm 2.2 has no --passphrase option). */
function gpgsm(home: GpgsmHome | string, args: string[]): ToolResult {
  return runTool('gpgsm', [...gpgsmArgs(home), ...args], `${PASSWORD}\n`);
}

function killAgent(dir: string): void {
  runTool('gpgconf', ['--homedir', dir, '--kill', 'all']);
}

/** Colon-separated SHA-1 fingerprint, as trustlist.txt wants it. */
function sha1Fingerprint(certPath: string): string {
  const out = mustRun('openssl', ['x509', '-in', certPath, '-noout', '-fingerprint', '-sha1']).toString();
  return out.trim().split('=')[1];
}

/**
 * A gpgsm home trusting the family's root, with all certs imported and, for RSA, alice's and
 * bob's keys from the legacy p12 files of 40-peers.sh.
 */
export function createGpgsmHome(family: KeyFamily): GpgsmHome {
  // Short path: the agent's socket lives in the home and sun_path is limited to 108 bytes.
  const dir = tempDir('gs-');
  const dispose = (): void => {
    killAgent(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    writeFileSync(join(dir, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
    writeFileSync(join(dir, 'gpgsm.conf'), 'disable-crl-checks\ndisable-trusted-cert-crl-check\ndisable-dirmngr\n');
    writeFileSync(join(dir, 'trustlist.txt'), `${sha1Fingerprint(pkiPath(family, 'root.crt'))} S\n`);
    const certs = ['root', 'inter', 'alice', 'bob'].map((n) => pkiPath(family, `${n}.crt`));
    expectRun('gpgsm import certs', gpgsm(dir, ['--import', ...certs]));
    if (isRsa(family)) {
      for (const who of ['alice', 'bob'] as const) {
        const p12 = join(PKI_DIR, 'peers', family, `${who}-legacy.p12`);
        expectRun(`gpgsm import ${p12}`, gpgsm(dir, ['--import', p12]));
      }
    }
  } catch (e) {
    dispose();
    throw e;
  }
  return { dir, family, dispose };
}

function expectRun(what: string, r: ToolResult): void {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${r.stderr}`);
}

/** Verifies with gpgsm: exit 0, GOODSIG and VALIDSIG on the status fd, no BADSIG/ERRSIG. */
export function gpgsmVerify(home: GpgsmHome, sig: Uint8Array, content?: Uint8Array): PeerResult {
  return withTemp((dir) => {
    const sigFile = join(dir, 'sig');
    const outFile = join(dir, 'out');
    writeFileSync(sigFile, sig);
    const args = ['--status-fd', '1', '--verify'];
    if (content) {
      writeFileSync(join(dir, 'content'), content);
      args.push(sigFile, join(dir, 'content'));
    } else args.push('-o', outFile, sigFile);
    const r = gpgsm(home, args);
    const status = r.stdout.toString('latin1');
    const ok = r.status === 0 && /GOODSIG/.test(status) && /VALIDSIG/.test(status) && !/BADSIG|ERRSIG/.test(status);
    return { ok, content: content ? Buffer.from(content) : readIfExists(outFile), log: status + r.stderr };
  });
}

/** Signs with gpgsm as `who`, chain without root included; DER. */
export function gpgsmSign(home: GpgsmHome, who: Who, content: Uint8Array, detached: boolean): Buffer {
  return withInOut(content, (inFile, outFile) => {
    const mode = detached ? '--detach-sign' : '--sign';
    expectRun('gpgsm sign', gpgsm(home, ['-u', emailOf(who), '--include-certs', '-2', mode, '-o', outFile, inFile]));
    return readFileSync(outFile);
  });
}

/** Encrypts with gpgsm (RSA PKCS#1 v1.5, AES-128-CBC unless cipherAlgo says AES256); DER. */
export function gpgsmEncrypt(home: GpgsmHome, recipientEmails: string[], content: Uint8Array, cipherAlgo?: 'AES' | 'AES256'): Buffer {
  return withInOut(content, (inFile, outFile) => {
    const args = cipherAlgo ? ['--cipher-algo', cipherAlgo] : [];
    for (const e of recipientEmails) args.push('-r', e);
    expectRun('gpgsm encrypt', gpgsm(home, [...args, '--encrypt', '-o', outFile, inFile]));
    return readFileSync(outFile);
  });
}

/** Decrypts with gpgsm: exit 0 and the plaintext. */
export function gpgsmDecrypt(home: GpgsmHome, der: Uint8Array): PeerResult {
  return withInOut(der, (inFile, outFile) => {
    const r = gpgsm(home, ['--decrypt', '-o', outFile, inFile]);
    return { ok: r.status === 0, content: readIfExists(outFile), log: r.stderr };
  });
}

// ---------------------------------------------------------------------------------------------
// Any peer, on whole messages (NSS and gpgsm get the DER unwrapped for them).

export type PeerName = 'openssl' | 'nss' | 'gpgsm';

/** DER signature and, for multipart/signed, the exact signed content. */
export function unpackSigned(message: Uint8Array): { der: Buffer; content?: Buffer } {
  if (mediaType(message) === 'multipart/signed') {
    const { content, signature } = splitSigned(message);
    return { der: signature, content };
  }
  return { der: pkcs7Der(message) };
}

/** Verifies a signed S/MIME message (detached or opaque) with one peer. */
export function peerVerifyMessage(peer: PeerName, family: KeyFamily, message: Uint8Array, set: PeerSet): PeerResult {
  if (peer === 'openssl') return opensslVerify({ family, message });
  const { der, content } = unpackSigned(message);
  return peer === 'nss' ? nssVerify(set.nss, der, content) : gpgsmVerify(set.gpgsm, der, content);
}

/** Decrypts an application/pkcs7-mime message with one peer (NSS/gpgsm use whichever key they hold). */
export function peerDecryptMessage(peer: PeerName, p: Party, message: Uint8Array, set: PeerSet): PeerResult {
  if (peer === 'openssl') return opensslDecrypt({ ...p, message });
  const der = pkcs7Der(message);
  return peer === 'nss' ? nssDecrypt(set.nss, der) : gpgsmDecrypt(set.gpgsm, der);
}

// ---------------------------------------------------------------------------------------------
// Our product, through its CLI bundle (built by `node scripts/build-cli.mjs`).

export const SMIME_CLI = resolve('dist/smime.mjs');

/** Runs `node dist/smime.mjs …`; throws if the bundle is missing (never a silent skip). */
export function smime(args: string[], input?: Uint8Array, env?: NodeJS.ProcessEnv): ToolResult {
  if (!existsSync(SMIME_CLI)) throw new Error(`${SMIME_CLI} missing: run node scripts/build-cli.mjs`);
  return runTool(process.execPath, [SMIME_CLI, ...args], input, env);
}

/** Like smime() but throws with its stderr unless it exits 0. */
export function smimeOk(args: string[], input?: Uint8Array, env?: NodeJS.ProcessEnv): Buffer {
  const r = smime(args, input, env);
  if (r.status !== 0) throw new Error(`smime ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** CLI key options for signing/decrypting as `who`. */
export function keyArgs(p: Party): string[] {
  return ['--cert', pkiPath(p.family, `${p.who}.crt`), '--key', pkiPath(p.family, `${p.who}.key`)];
}

export interface OurSignOptions extends Party {
  message: Uint8Array;
  opaque?: boolean;
  digest?: Digest;
  pss?: boolean;
  /** Use the family's p12 (password via --pass-env) instead of PEM cert + key. */
  p12?: boolean;
}

const PASS_ENV = 'SMIME_INTEROP_PASS';

/** `smime sign` as alice/bob with the intermediate as --chain; returns the signed message. */
export function ourSign(o: OurSignOptions): Buffer {
  const args = ['sign'];
  if (o.p12) args.push('--p12', pkiPath(o.family, `${o.who}.p12`), '--pass-env', PASS_ENV);
  else args.push(...keyArgs(o), '--chain', pkiPath(o.family, 'inter.crt'));
  if (o.opaque) args.push('--opaque');
  if (o.digest) args.push('--digest', o.digest);
  if (o.pss) args.push('--pss');
  return smimeOk(args, o.message, { [PASS_ENV]: PASSWORD });
}

export interface OurEncryptOptions {
  recipients: Party[];
  message: Uint8Array;
  cipher?: Cipher;
  keyTransport?: 'rsa-pkcs1' | 'rsa-oaep';
}

/** `smime encrypt`; returns the encrypted message. */
export function ourEncrypt(o: OurEncryptOptions): Buffer {
  const args = ['encrypt'];
  for (const r of o.recipients) args.push('--recipient', pkiPath(r.family, `${r.who}.crt`));
  if (o.cipher) args.push('--cipher', o.cipher);
  if (o.keyTransport) args.push('--key-transport', o.keyTransport);
  return smimeOk(args, o.message);
}

/** `smime decrypt` as `p`; the raw result so negatives can check the exit code. */
export function ourDecrypt(p: Party, message: Uint8Array): ToolResult {
  return smime(['decrypt', ...keyArgs(p)], message);
}

export interface OurVerifyResult {
  status: number;
  verdict: Verdict | undefined;
  stderr: string;
}

/** `smime verify --json --trust <family root> [extra]`: exit code and parsed verdict. */
export function ourVerify(family: KeyFamily, message: Uint8Array, extra: string[] = []): OurVerifyResult {
  const r = smime(['verify', '--json', '--trust', pkiPath(family, 'root.crt'), ...extra], message);
  let verdict: Verdict | undefined;
  try {
    verdict = JSON.parse(r.stdout.toString('utf8')) as Verdict;
  } catch {
    verdict = undefined;
  }
  return { status: r.status, verdict, stderr: r.stderr };
}

/** One short line for expectations: shows the verdict's reasons when a test fails. */
export function verdictSummary(r: OurVerifyResult): string {
  if (!r.verdict) return `exit ${r.status}, no JSON; stderr: ${r.stderr.trim()}`;
  const v = r.verdict;
  // Reasons only when not valid: a valid verdict may still carry notes.
  const why = v.status === 'valid' ? '' : [...v.errors, ...v.signers.flatMap((s) => s.errors)].join('; ');
  return `exit ${r.status}, ${v.status}${why ? `: ${why}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// One NSS DB and one gpgsm home per key family, shared by the tests of a file.

export interface PeerSet {
  nss: NssDb;
  gpgsm: GpgsmHome;
}

export interface PeerPool {
  get(family: KeyFamily): PeerSet;
  /** Call from afterAll: kills the gpg-agents and removes every DB and home. */
  dispose(): void;
}

export function peerPool(): PeerPool {
  const sets = new Map<KeyFamily, PeerSet>();
  return {
    get(family) {
      let set = sets.get(family);
      if (!set) {
        const nss = createNssDb(family);
        try {
          set = { nss, gpgsm: createGpgsmHome(family) };
        } catch (e) {
          nss.dispose();
          throw e;
        }
        sets.set(family, set);
      }
      return set;
    },
    dispose() {
      for (const set of sets.values()) {
        set.nss.dispose();
        set.gpgsm.dispose();
      }
      sets.clear();
    },
  };
}

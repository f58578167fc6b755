/** The `smime` executable as a user runs it: exit codes, files, and one-line errors. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pkiPath, runTool, tempDir, type ToolResult } from '../support/fixtures';

const CLI = resolve('dist/smime.mjs');
const smime = (args: string[], input?: string | Uint8Array, env?: NodeJS.ProcessEnv): ToolResult =>
  runTool(process.execPath, [CLI, ...args], input, env);

const MESSAGE =
  'From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: CLI test\r\n' +
  'Message-ID: <cli@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from the CLI.\r\n';

const alice = (f: string) => pkiPath('rsa2048', `alice.${f}`);
const root = pkiPath('rsa2048', 'root.crt');

function expectOneLineError(r: ToolResult, pattern: RegExp): void {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/smime.mjs is missing: run `npm test` (it builds the CLI) or `npm run build:cli`');
});

test('no arguments prints usage and fails', () => {
  const r = smime([]);
  expect(r.status).toBe(2);
  expect(r.stdout.toString()).toContain('smime sign');
});

test('unknown command and unknown option are usage errors', () => {
  expect(smime(['frobnicate']).status).toBe(2);
  expectOneLineError(smime(['sign', '--frob']), /Unknown option '--frob'/);
});

test('sign → verify round trip through stdin/stdout, JSON verdict, exit 0 only when valid', () => {
  const signed = smime(['sign', '--cert', alice('crt'), '--key', alice('key'), '--chain', pkiPath('rsa2048', 'inter.crt')], MESSAGE);
  expect(signed.stderr).toBe('');
  expect(signed.status).toBe(0);
  const text = signed.stdout.toString();
  expect(text).toContain('Subject: CLI test\r\n');
  expect(text).toContain('Content-Type: multipart/signed');

  const verified = smime(['verify', '--trust', root, '--json', '--revocation', 'off'], signed.stdout);
  expect(verified.status).toBe(0);
  const verdict = JSON.parse(verified.stdout.toString());
  expect(verdict.status).toBe('valid');
  expect(verdict.signers[0].certificate.emails).toEqual(['alice@example.com']);

  const untrusted = smime(['verify', '--json', '--revocation', 'off'], signed.stdout);
  expect(untrusted.status).toBe(1);
  expect(JSON.parse(untrusted.stdout.toString()).status).toBe('untrusted');

  const tampered = Buffer.from(text.replace('Hello from the CLI.', 'Hello from Mallory.'), 'latin1');
  const bad = smime(['verify', '--trust', root, '--json', '--revocation', 'off'], tampered);
  expect(bad.status).toBe(1);
  expect(JSON.parse(bad.stdout.toString()).status).toBe('invalid');
});

test('sign with a PKCS#12 file, encrypt to a file, decrypt and verify with --decrypt-with', () => {
  const dir = tempDir();
  const inFile = join(dir, 'in.eml');
  writeFileSync(inFile, MESSAGE);
  const env = { P12PASS: 'test' };
  const signed = join(dir, 'signed.eml');
  expect(smime(['sign', '--p12', alice('p12'), '--pass-env', 'P12PASS', '--in', inFile, '--out', signed], undefined, env).status).toBe(0);
  const enc = join(dir, 'enc.eml');
  const r = smime(['encrypt', '--recipient', pkiPath('rsa2048', 'bob.crt'), '--self', alice('crt'), '--in', signed, '--out', enc]);
  expect(r.stderr).toBe('');
  expect(readFileSync(enc, 'latin1')).toContain('smime-type=enveloped-data');

  const out = join(dir, 'dec.eml');
  expect(smime(['decrypt', '--cert', pkiPath('rsa2048', 'bob.crt'), '--key', pkiPath('rsa2048', 'bob.key'), '--in', enc, '--out', out]).status).toBe(0);
  expect(readFileSync(out)).toEqual(readFileSync(signed));

  const v = smime(['verify', '--trust', root, '--json', '--revocation', 'off', '--decrypt-with', pkiPath('rsa2048', 'bob.crt'), '--key', pkiPath('rsa2048', 'bob.key'), '--in', enc]);
  expect(v.status).toBe(0);
  expect(JSON.parse(v.stdout.toString())).toMatchObject({ status: 'valid', encryption: [{ contentAlgorithm: 'AES-256-CBC', recipientCount: 2 }] });
});

test('user errors are one line, exit 2, and leave no output file behind', () => {
  const dir = tempDir();
  const out = join(dir, 'out.eml');
  expectOneLineError(smime(['sign', '--cert', join(dir, 'nope.pem'), '--key', alice('key'), '--out', out], MESSAGE), /no such file/i);
  expectOneLineError(
    smime(['sign', '--cert', alice('crt'), '--key', pkiPath('rsa2048', 'bob.key'), '--out', out], MESSAGE),
    /does not match/,
  );
  expectOneLineError(
    smime(['sign', '--p12', alice('p12'), '--pass-env', 'P12PASS', '--out', out], MESSAGE, { P12PASS: 'wrong' }),
    /password/i,
  );
  expectOneLineError(smime(['sign', '--p12', alice('p12'), '--pass-env', 'UNSET_VAR_XYZ'], MESSAGE), /UNSET_VAR_XYZ is not set/);
  expectOneLineError(smime(['encrypt', '--recipient', root, '--cipher', 'des'], MESSAGE), /--cipher must be one of/);
  expectOneLineError(smime(['decrypt', '--cert', alice('crt'), '--key', alice('key'), '--out', out], MESSAGE), /not encrypted/);
  expectOneLineError(smime(['verify', '--at', 'yesterday'], MESSAGE), /--at must be/);
  expect(existsSync(out)).toBe(false);
});

test('verify lists the signed headers of a message/rfc822 wrapper (RFC 8551 §3.1) signed by OpenSSL', () => {
  const dir = tempDir();
  const inner = MESSAGE.replace('Subject: CLI test', 'Subject: Wrapped subject');
  writeFileSync(join(dir, 'wrapper.txt'), `Content-Type: message/rfc822\r\n\r\n${inner}`);
  const signed = runTool('openssl', ['cms', '-sign', '-binary', '-in', join(dir, 'wrapper.txt'), '-signer', alice('crt'), '-inkey', alice('key'),
    '-certfile', pkiPath('rsa2048', 'inter.crt'), '-from', 'alice@example.com', '-subject', 'Outer']);
  expect(signed.status).toBe(0);
  const verified = smime(['verify', '--trust', root, '--revocation', 'off'], signed.stdout);
  expect(verified.status).toBe(0);
  expect(verified.stdout.toString()).toContain('Signed header Subject: Wrapped subject\n');
});

test('verify of a malformed message reports malformed with exit 1, not a crash', () => {
  const r = smime(['verify', '--json'], 'From: a@example.com\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=x\r\n\r\n--x\r\n\r\nhi\r\n--x\r\nContent-Type: application/pkcs7-signature\r\n\r\nAAAA\r\n--x--\r\n');
  expect(r.status).toBe(1);
  expect(JSON.parse(r.stdout.toString()).status).toBe('malformed');
});

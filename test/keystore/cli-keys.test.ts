/**
 * `smime keys | certs | anchors` and `sign/decrypt/verify --store`, in-process through runCli
 * (one run through the bundled dist/smime.mjs), checked against openssl.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';
import { mustRun, pkiPath, runTool, tempDir } from '../support/fixtures';

const MESSAGE =
  'From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: store test\r\n' +
  'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSigned from the store.\r\n';

function cli(store: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let stdin: Uint8Array = new Uint8Array(0);
  const io: CliIo = {
    readFile: (p) => new Uint8Array(readFileSync(p)),
    writeFile: (p, d) => writeFileSync(p, d),
    readStdin: () => stdin,
    stdout: (d) => out.push(typeof d === 'string' ? d : Buffer.from(d).toString('latin1')),
    stderr: (t) => err.push(t),
    env: { SMIME_STORE_PASS: 'store pass', P12PASS: 'test', HOME: '/nonexistent', ...env },
  };
  const run = async (args: string[], input?: string | Uint8Array) => {
    out.length = 0;
    err.length = 0;
    stdin = typeof input === 'string' ? new TextEncoder().encode(input) : (input ?? new Uint8Array(0));
    const code = await runCli([...args, '--store', store], io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
  return run;
}

const sha256Fingerprint = (cert: string) =>
  mustRun('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256']).toString().split('=')[1].trim();

describe('smime keys / anchors / sign --store / verify --store', () => {
  test('import p12 → anchors add → sign by From → openssl and verify --store accept it → export-backup', async () => {
    const store = tempDir('smime-store-');
    const smime = cli(store);
    const imported = await smime(['keys', 'import', pkiPath('rsa2048', 'alice.p12'), '--pass-env', 'P12PASS']);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    const id = /imported ([0-9a-f]{64}) alice@example.com/.exec(imported.stdout)![1];
    expect((await smime(['keys', 'list'])).stdout).toMatch(new RegExp(`^${id}  RSA-2048  until \\d{4}-\\d\\d-\\d\\d  alice@example.com`));

    const root = pkiPath('rsa2048', 'root.crt');
    expect((await smime(['anchors', 'add', root, '--fingerprint', '00:11'])).stderr).toMatch(/does not match/);
    expect((await smime(['anchors', 'add', root, '--fingerprint', sha256Fingerprint(root)])).code).toBe(0);
    expect((await smime(['anchors', 'list'])).stdout).toContain(sha256Fingerprint(root).replace(/:/g, '').toLowerCase());

    // No --identity: the From address picks alice.
    const signed = await smime(['sign'], MESSAGE);
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    const dir = tempDir('smime-out-');
    writeFileSync(join(dir, 'signed.eml'), signed.stdout, 'latin1');
    const check = runTool('openssl', ['cms', '-verify', '-in', join(dir, 'signed.eml'), '-CAfile', root, '-purpose', 'any']);
    expect(check.stderr).toMatch(/Verification successful/);
    expect(check.stdout.toString()).toContain('Signed from the store.');
    const verified = await smime(['verify', '--revocation', 'off'], Buffer.from(signed.stdout, 'latin1'));
    expect(verified.stdout).toMatch(/^Status: valid/);
    expect(verified.code).toBe(0);

    const backup = join(dir, 'backup.p12');
    expect((await smime(['keys', 'export-backup', '--identity', 'alice@example.com', '--out', backup, '--pass-env', 'P12PASS'])).code).toBe(0);
    const info = runTool('openssl', ['pkcs12', '-in', backup, '-passin', 'pass:test', '-info', '-noout']);
    expect(info.stderr).toMatch(/MAC: sha256/);
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/);
    expect(mustRun('openssl', ['pkcs12', '-in', backup, '-passin', 'pass:test', '-nodes']).toString()).toContain('BEGIN PRIVATE KEY');

    // At rest: 0600 files, no PEM, no PKCS#8 DER of the key.
    const aliceKeyDer = mustRun('openssl', ['pkey', '-in', pkiPath('rsa2048', 'alice.key'), '-outform', 'DER']);
    const secretChunk = aliceKeyDer.subarray(320, 352).toString('hex'); // inside the private exponent
    for (const f of readdirSync(store)) {
      expect(statSync(join(store, f)).mode & 0o077).toBe(0);
      const text = readFileSync(join(store, f), 'utf8');
      expect(text).not.toMatch(/PRIVATE KEY/);
      const blobs = [...text.matchAll(/"\$b64":"([^"]*)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('hex'));
      for (const blob of blobs) {
        expect(blob).not.toMatch(/^3082....020100300d/);
        expect(blob).not.toContain(secretChunk);
      }
    }
    // The wrong store passphrase cannot use the key; a missing one is a usage error.
    expect((await cli(store, { SMIME_STORE_PASS: 'other' })(['sign'], MESSAGE)).stderr).toMatch(/passphrase is wrong/);
    expect((await cli(store, { SMIME_STORE_PASS: '' })(['keys', 'import', pkiPath('p256', 'bob.p12'), '--pass-env', 'P12PASS'])).stderr).toMatch(/set SMIME_STORE_PASS/);
  });

  test('decrypt --store picks the identity the RecipientInfos name', async () => {
    const store = tempDir('smime-store-');
    const smime = cli(store);
    await smime(['keys', 'import', pkiPath('rsa2048', 'alice.p12'), '--pass-env', 'P12PASS']);
    await smime(['keys', 'import', pkiPath('p256', 'bob.p12'), '--pass-env', 'P12PASS']);
    for (const [family, who] of [['p256', 'bob'], ['rsa2048', 'alice']]) {
      const encrypted = mustRun('openssl', ['cms', '-encrypt', '-aes-256-cbc', pkiPath(family, `${who}.crt`)], MESSAGE);
      const r = await smime(['decrypt'], encrypted);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain('Signed from the store.');
    }
    // --identity restricts the choice: bob's key cannot open alice's message.
    const toAlice = mustRun('openssl', ['cms', '-encrypt', '-aes-256-cbc', pkiPath('rsa2048', 'alice.crt')], MESSAGE);
    expect((await smime(['decrypt', '--identity', 'bob@example.com'], toAlice)).stderr).toMatch(/not encrypted to any of your certificates/);
  });

  test('generate: CSR (openssl verifies) → CA issues → certs import completes the identity; --self-signed', async () => {
    const store = tempDir('smime-store-');
    const out = tempDir('smime-out-');
    const smime = cli(store);
    const gen = await smime(['keys', 'generate', '--email', 'frank@example.com', '--algorithm', 'p256', '--out-dir', out]);
    expect(gen.code).toBe(0);
    const csr = join(out, 'frank@example.com.csr');
    const v = runTool('openssl', ['req', '-in', csr, '-verify', '-noout']);
    expect(v.stdout.toString() + v.stderr).toMatch(/verify OK/);
    const cert = join(out, 'frank.pem');
    mustRun('openssl', ['x509', '-req', '-in', csr, '-CA', pkiPath('p256', 'inter.crt'), '-CAkey', pkiPath('p256', 'inter.key'),
      '-CAcreateserial', '-CAserial', join(out, 'serial'), '-days', '30', '-copy_extensions', 'copy', '-out', cert]);
    expect((await smime(['certs', 'import', cert])).stdout).toMatch(/identity [0-9a-f]{64} ready for frank@example.com/);
    expect((await smime(['keys', 'list'])).stdout).toMatch(/P-256 .* frank@example.com/);

    const self = await smime(['keys', 'generate', '--email', 'gina@example.com', '--self-signed', '--out-dir', out]);
    expect(self.stdout).toMatch(/identity [0-9a-f]{64} stored; self-signed certificate written/);
    const text = mustRun('openssl', ['x509', '-in', join(out, 'gina@example.com.crt'), '-noout', '-text']).toString();
    expect(text).toContain('email:gina@example.com');
    expect(text).toMatch(/Public-Key: \(3072 bit\)/);
    expect((await smime(['keys', 'list'])).stdout).toContain('gina@example.com');
  });

  test('certs import/list/remove; anchors remove; verify --store harvests and alerts on a changed certificate', async () => {
    const store = tempDir('smime-store-');
    const smime = cli(store);
    const imported = await smime(['certs', 'import', pkiPath('p256', 'bob.crt')]);
    const bobId = /added ([0-9a-f]{64})/.exec(imported.stdout)![1];
    expect((await smime(['certs', 'list'])).stdout).toMatch(new RegExp(`^${bobId}  bob@example.com  until .*  imported`));
    expect((await smime(['certs', 'import', pkiPath('p256', 'root.crt')])).stderr).toMatch(/only CA certificates/);
    expect((await smime(['certs', 'remove', bobId])).code).toBe(0);
    expect((await smime(['certs', 'list'])).stdout).toBe('');
    expect((await smime(['certs', 'remove', bobId])).code).toBe(2);

    for (const family of ['p256', 'rsa2048']) {
      const added = await smime(['anchors', 'add', pkiPath(family, 'root.crt')]);
      expect(added.stdout).toMatch(/Check this SHA-256 fingerprint/);
    }
    const signedBy = (family: string) =>
      mustRun('openssl', ['cms', '-sign', '-signer', pkiPath(family, 'alice.crt'), '-inkey', pkiPath(family, 'alice.key'),
        '-certfile', pkiPath(family, 'inter.crt'), '-from', 'alice@example.com'], MESSAGE);
    const first = await smime(['verify', '--revocation', 'off'], signedBy('p256'));
    expect(first.stdout).toMatch(/^Status: valid/);
    expect(first.stdout).not.toMatch(/certificate changed/);
    expect((await smime(['certs', 'list'])).stdout).toMatch(/alice@example.com .* harvested/);
    const second = await smime(['verify', '--revocation', 'off'], signedBy('rsa2048'));
    expect(second.stdout).toMatch(/Warning: alice@example.com's certificate changed: new fingerprint [0-9a-f]{64}/);
    expect((await smime(['certs', 'list'])).stdout.trim().split('\n')).toHaveLength(2);

    const rootId = sha256Fingerprint(pkiPath('p256', 'root.crt'));
    expect((await smime(['anchors', 'remove', rootId])).code).toBe(0);
    expect((await smime(['anchors', 'list'])).stdout.trim().split('\n')).toHaveLength(1);
    expect((await smime(['verify', '--revocation', 'off'], signedBy('p256'))).code).toBe(1);
  });

  test('usage errors are one line, exit 2', async () => {
    const smime = cli(tempDir('smime-store-'));
    for (const args of [
      ['keys', 'nope'],
      ['keys', 'import'],
      ['keys', 'import', pkiPath('p256', 'alice.p12')],
      ['keys', 'import', pkiPath('p256', 'alice.p12'), '--pass-env', 'UNSET_VAR'],
      ['keys', 'generate'],
      ['keys', 'generate', '--email', 'x@example.com', '--algorithm', 'rsa1024'],
      ['keys', 'export-backup', '--out', '/tmp/x.p12', '--pass-env', 'P12PASS'],
      ['certs', 'frob', 'x'],
      ['anchors', 'list', '--fingerprint', 'ab'],
      ['sign', '--cert', 'a.pem', '--key', 'k.pem'],
    ]) {
      const r = await smime(args, MESSAGE);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await smime(['sign'], MESSAGE)).stderr).toMatch(/no valid signing identity for alice@example.com/);
  });

  test('the bundled CLI: SMIME_HOME store, import and sign through dist/smime.mjs', () => {
    mustRun(process.execPath, ['scripts/build-cli.mjs']);
    const home = tempDir('smime-home-');
    const env = { SMIME_HOME: home, SMIME_STORE_PASS: 'pw', P12PASS: 'test' };
    const smime = (args: string[], input?: string) => runTool(process.execPath, [resolve('dist/smime.mjs'), ...args], input, env);
    expect(smime(['keys', 'import', pkiPath('p256', 'alice.p12'), '--pass-env', 'P12PASS']).status).toBe(0);
    expect(readdirSync(home).some((f) => f.startsWith('identity'))).toBe(true);
    const signed = smime(['sign', '--identity', 'alice@example.com'], MESSAGE);
    expect(signed.stderr).toBe('');
    const usage = smime(['--help']).stdout.toString();
    for (const line of ['smime keys import F.p12', 'smime certs import', 'smime anchors add F.pem [--fingerprint FP]']) expect(usage).toContain(line);
    const dir = tempDir('smime-out-');
    writeFileSync(join(dir, 's.eml'), signed.stdout);
    const check = runTool('openssl', ['cms', '-verify', '-in', join(dir, 's.eml'), '-CAfile', pkiPath('p256', 'root.crt'), '-purpose', 'any']);
    expect(check.stderr).toMatch(/Verification successful/);
  });
});

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keysCommand } from '../../src/cli/commands/keys';
import { UsageError, type CliIo } from '../../src/cli/io';
import { mustRun, pkiPath, runTool, tempDir } from '../support/fixtures';

function makeIo(home: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const io: CliIo = {
    readFile: (p) => new Uint8Array(readFileSync(p)),
    writeFile: (p, d) => writeFileSync(p, d),
    readStdin: () => new Uint8Array(0),
    stdout: (d) => out.push(typeof d === 'string' ? d : new TextDecoder().decode(d)),
    stderr: (t) => out.push(t),
    env: { SMIME_HOME: home, SMIME_KEYSTORE_PASSPHRASE: 'store pass', P12PASS: 'test', ...env },
  };
  return { io, out };
}

describe('smime keys', () => {
  test('import-p12 → list → export-cert → backup (openssl reads it) ; store files hold no clear key', async () => {
    const home = tempDir('smime-home-');
    const { io, out } = makeIo(home);
    expect(await keysCommand(['import-p12', pkiPath('rsa2048', 'alice.p12'), '--pass-env', 'P12PASS'], io)).toBe(0);
    const id = /imported ([0-9a-f]{64})/.exec(out.join(''))![1];
    out.length = 0;
    expect(await keysCommand(['list'], io)).toBe(0);
    expect(out.join('')).toContain('alice@example.com');

    const certOut = join(home, 'alice.pem');
    expect(await keysCommand(['export-cert', id.slice(0, 12), '--out', certOut], io)).toBe(0);
    const pem = readFileSync(certOut, 'utf8');
    expect(pem).toContain('BEGIN CERTIFICATE');
    expect(pem).not.toMatch(/PRIVATE/);
    const p7bOut = join(home, 'alice.p7b');
    expect(await keysCommand(['export-cert', id, '--p7b', '--out', p7bOut], io)).toBe(0);
    const p7text = mustRun('openssl', ['pkcs7', '-inform', 'DER', '-in', p7bOut, '-print_certs', '-noout']).toString();
    expect(p7text).toContain('alice');

    const backup = join(home, 'backup.p12');
    expect(await keysCommand(['backup', id, '--out', backup, '--pass-env', 'P12PASS'], io)).toBe(0);
    const dumped = mustRun('openssl', ['pkcs12', '-in', backup, '-passin', 'pass:test', '-nodes']).toString();
    expect(dumped).toContain('BEGIN PRIVATE KEY');

    // The store: 0600 files, no PEM/PKCS#8 in clear.
    for (const f of readdirSync(home).filter((n) => n.endsWith('.json'))) {
      expect(statSync(join(home, f)).mode & 0o077).toBe(0);
      expect(readFileSync(join(home, f), 'utf8')).not.toMatch(/PRIVATE KEY/);
    }
    // Backup with the wrong store passphrase fails.
    const wrong = makeIo(home, { SMIME_KEYSTORE_PASSPHRASE: 'other' });
    await expect(keysCommand(['backup', id, '--out', backup, '--pass-env', 'P12PASS'], wrong.io)).rejects.toThrow(/passphrase is wrong/);
  });

  test('generate → CSR (openssl verifies) → CA issues → import-cert binds the key', async () => {
    const home = tempDir('smime-home-');
    const { io, out } = makeIo(home);
    const csr = join(home, 'req.pem');
    expect(await keysCommand(['generate', '--email', 'frank@example.com', '--algorithm', 'p256', '--csr-out', csr], io)).toBe(0);
    const v = runTool('openssl', ['req', '-in', csr, '-verify', '-noout']);
    expect(v.stdout.toString() + v.stderr).toMatch(/verify OK/);
    const cert = join(home, 'frank.pem');
    mustRun('openssl', ['x509', '-req', '-in', csr, '-CA', pkiPath('p256', 'inter.crt'), '-CAkey', pkiPath('p256', 'inter.key'),
      '-CAcreateserial', '-CAserial', join(home, 'serial'), '-days', '30', '-copy_extensions', 'copy', '-out', cert]);
    out.length = 0;
    expect(await keysCommand(['import-cert', cert], io)).toBe(0);
    expect(out.join('')).toMatch(/identity [0-9a-f]{64} ready for frank@example.com/);
    out.length = 0;
    await keysCommand(['list'], io);
    expect(out.join('')).toContain('frank@example.com');
    // A correspondent's certificate goes to the address book instead.
    out.length = 0;
    expect(await keysCommand(['import-cert', pkiPath('p256', 'bob.crt')], io)).toBe(0);
    expect(out.join('')).toMatch(/added [0-9a-f]{64} to the address book/);
  });

  test('trust add needs the matching fingerprint; list and remove', async () => {
    const home = tempDir('smime-home-');
    const { io, out } = makeIo(home);
    await expect(keysCommand(['trust', 'add', pkiPath('p256', 'root.crt'), '--fingerprint', '00:11'], io)).rejects.toThrow(/does not match/);
    const fp = mustRun('openssl', ['x509', '-in', pkiPath('p256', 'root.crt'), '-noout', '-fingerprint', '-sha256']).toString().split('=')[1].trim();
    expect(await keysCommand(['trust', 'add', pkiPath('p256', 'root.crt'), '--fingerprint', fp], io)).toBe(0);
    out.length = 0;
    await keysCommand(['trust', 'list'], io);
    expect(out.join('')).toContain(fp.replace(/:/g, '').toLowerCase());
    expect(await keysCommand(['trust', 'remove', fp], io)).toBe(0);
    out.length = 0;
    await keysCommand(['trust', 'list'], io);
    expect(out.join('')).toBe('');
  });

  test('usage errors', async () => {
    const { io } = makeIo(tempDir('smime-home-'));
    await expect(keysCommand(['nope'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(keysCommand(['import-p12', pkiPath('p256', 'alice.p12')], io)).rejects.toBeInstanceOf(UsageError);
    await expect(keysCommand(['import-p12', pkiPath('p256', 'alice.p12'), '--pass-env', 'UNSET_VAR'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(keysCommand(['generate', '--email', 'x@example.com'], io)).rejects.toBeInstanceOf(UsageError);
  });
});

/** Interop with NSS (cmsutil, Thunderbird's library) in both directions and with gpgsm. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signData, type SignerIdentity } from '../../src/core/cms/sign';
import { verifySignedData } from '../../src/core/cms/verify';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { bytesEqual, utf8Encode } from '../../src/core/bytes';
import { mustRun, pkiPath, readPki, runTool, tempDir } from '../support/fixtures';

const CONTENT = utf8Encode('Content-Type: text/plain\r\n\r\nInterop with NSS and gpgsm.\r\n');

async function identity(family: string): Promise<SignerIdentity> {
  return {
    certificate: loadCertificate(readPki(family, 'alice.crt')),
    chain: [loadCertificate(readPki(family, 'inter.crt'))],
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(family, 'alice.key'))),
  };
}

let dir: string;
let contentFile: string;
beforeAll(() => {
  dir = tempDir('smime-sign-peers-');
  contentFile = join(dir, 'content.txt');
  writeFileSync(contentFile, CONTENT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['rsa2048', 'p256', 'p384'])('NSS %s', (family) => {
  let db: string;
  const nick = `alice (${family})`;
  const hash = family === 'p384' ? 'SHA384' : 'SHA256';
  beforeAll(() => {
    db = join(dir, `nss-${family}`);
    mustRun('mkdir', ['-p', db]);
    mustRun('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    mustRun('pk12util', ['-i', pkiPath(family, 'alice.p12'), '-W', 'test', '-d', `sql:${db}`]);
    mustRun('certutil', ['-A', '-n', 'root', '-t', 'C,C,C', '-i', pkiPath(family, 'root.crt'), '-d', `sql:${db}`]);
  });

  /** cmsutil -D status line; its exit code is not reliable, so the status is parsed. */
  function nssStatus(der: Uint8Array, content?: Uint8Array): string {
    const sig = join(db, 'ours.p7s');
    writeFileSync(sig, der);
    const args = ['-D', '-d', `sql:${db}`, '-i', sig, '-h', '1', '-n'];
    if (content) {
      const c = join(db, 'ours.content');
      writeFileSync(c, content);
      args.push('-c', c);
    }
    const r = runTool('cmsutil', args);
    return /signer0\.status=(\w+)/.exec(r.stdout.toString())?.[1] ?? `no status (${r.stderr})`;
  }

  test.each([true, false])('cmsutil verifies our signature (detached=%s), and rejects altered content', async (detached) => {
    const { der } = await signData(CONTENT, await identity(family), { detached });
    expect(nssStatus(der, detached ? CONTENT : undefined)).toBe('GoodSignature');
    if (detached) expect(nssStatus(der, utf8Encode('altered'))).toBe('DigestMismatch');
  });

  test.each([true, false])('we verify cmsutil -S (detached=%s)', async (detached) => {
    const out = join(db, `nss-${detached}.p7s`);
    mustRun('cmsutil', [
      '-S', '-N', nick, '-G', '-P', '-Y', nick, '-H', hash, '-d', `sql:${db}`, '-i', contentFile, '-o', out,
      ...(detached ? ['-T'] : []),
    ]);
    const check = await verifySignedData(new Uint8Array(readFileSync(out)), detached ? { detachedContent: CONTENT } : {});
    expect(check.structureErrors).toEqual([]);
    expect(check.detached).toBe(detached);
    expect(bytesEqual(check.content, CONTENT)).toBe(true);
    expect(check.signers[0].errors).toEqual([]);
    expect(check.signers[0].signatureValid).toBe(true);
    expect(check.signers[0].signingTime).toBeInstanceOf(Date);
    expect(check.signers[0].encryptionKeyPreference).toMatchObject({ serialNumber: '2001' });
  });
});

describe('gpgsm', () => {
  let home: string;
  beforeAll(() => {
    home = join(dir, 'gnupg');
    mustRun('mkdir', ['-m', '700', '-p', home]);
    mustRun('gpgsm', ['--homedir', home, '--batch', '--import', pkiPath('rsa2048', 'root.crt'), pkiPath('rsa2048', 'inter.crt')]);
    const fp = mustRun('openssl', ['x509', '-in', pkiPath('rsa2048', 'root.crt'), '-noout', '-fingerprint', '-sha1'])
      .toString()
      .trim()
      .split('=')[1];
    writeFileSync(join(home, 'trustlist.txt'), `${fp} S\n`);
  });
  afterAll(() => {
    // gpgsm starts a gpg-agent for this home directory; stop it.
    runTool('gpgconf', ['--homedir', home, '--kill', 'all']);
  });

  function gpgsmVerify(der: Uint8Array, content?: Uint8Array): { status: number; stderr: string; out: Uint8Array } {
    const sig = join(home, 'sig.p7s');
    writeFileSync(sig, der);
    const out = join(home, 'out.bin');
    rmSync(out, { force: true });
    const args = ['--homedir', home, '--batch', '--disable-crl-checks', '--verify'];
    if (content) {
      const c = join(home, 'content.bin');
      writeFileSync(c, content);
      args.push(sig, c);
    } else {
      args.unshift('--output', out);
      args.push(sig);
    }
    const r = runTool('gpgsm', args);
    return { status: r.status, stderr: r.stderr, out: content ? new Uint8Array(0) : new Uint8Array(readFileSync(out)) };
  }

  test.each([
    ['pkcs1', true],
    ['pkcs1', false],
    ['pss', true],
  ] as const)('verifies our RSA %s signature (detached=%s)', async (rsaScheme, detached) => {
    const { der } = await signData(CONTENT, await identity('rsa2048'), { detached, rsaScheme });
    const r = gpgsmVerify(der, detached ? CONTENT : undefined);
    expect(r.stderr).toMatch(/Good signature/);
    expect(r.status).toBe(0);
    if (!detached) expect(bytesEqual(r.out, CONTENT)).toBe(true);
  });

  test('rejects our signature over altered content', async () => {
    const { der } = await signData(CONTENT, await identity('rsa2048'), { detached: true });
    const r = gpgsmVerify(der, utf8Encode('altered'));
    expect(r.stderr).not.toMatch(/Good signature/);
    expect(r.status).not.toBe(0);
  });
});

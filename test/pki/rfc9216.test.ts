/**
 * RFC 9216 example certificates: RSA and Ed25519 roots, cross-certificates between them,
 * signing and X25519/RSA encryption leaves, validated at 2022-04-21 for the purpose the
 * case's key usage implies. Checks the verdict and, where given, the exact path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { loadCertificates } from '../../src/core/pem';
import { certInfo } from '../../src/core/pki/extensions';
import { displayName } from '../../src/core/pki/names';
import { validatePath } from '../../src/core/pki/validate';
import { VECTORS_DIR } from '../support/fixtures';

const DIR = join(VECTORS_DIR, 'rfc9216-certs');

interface Rfc9216Case {
  leaf: string;
  trust_anchors: string[];
  intermediates: string[];
  time: string;
  key_usage: string[];
  expected: string;
  expected_path: string[] | null;
}

/** Deliberate deviations (case index → reason); none: Node's WebCrypto verifies Ed25519. */
const DEVIATIONS: Record<string, string> = {};

const file = JSON.parse(readFileSync(join(DIR, 'expectations.json'), 'utf8')) as { cases: Rfc9216Case[] };
const load = (name: string): pkijs.Certificate => loadCertificates(new Uint8Array(readFileSync(join(DIR, name))), name)[0];

describe('RFC 9216 example certificates', () => {
  test.each(file.cases.map((c, i) => [i, c] as const))('case %i', async (index, c) => {
    const signing = c.key_usage.includes('digitalSignature') || c.key_usage.includes('nonRepudiation');
    const result = await validatePath(load(c.leaf), {
      anchors: c.trust_anchors.map(load),
      intermediates: c.intermediates.map(load),
      time: new Date(c.time),
      purpose: signing ? 'email-signing' : 'email-encryption',
      revocation: 'off',
    });
    const wantValid = c.expected.startsWith('VALID');
    const ok = (result.status === 'valid') === wantValid;
    console.log(`RFC 9216 case ${index} (${c.leaf}): ${result.status}${result.errors.length ? ` ${result.errors.join(' | ')}` : ''}`);
    if (DEVIATIONS[String(index)]) {
      expect(ok).toBe(false);
      return;
    }
    expect(result.status).toBe(wantValid ? 'valid' : 'untrusted');
    if (c.expected_path) {
      const names = [...result.chain].reverse().map((x) => displayName(certInfo(x).subject));
      expect(names).toEqual(c.expected_path);
    }
    if (!wantValid) expect(result.errors.join()).toMatch(/no path to a trusted root/);
  });
});

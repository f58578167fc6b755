/**
 * x509-limbo, the S/MIME-relevant subset (e-mail name constraints with CLIENT validation,
 * CRL handling). DNS/IP peer names are ignored (S/MIME has none); the required EKU of a
 * case is checked against the leaf here because the validator's purposes are e-mail only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { parsePkiObject } from '../../src/core/asn1';
import { latin1Encode } from '../../src/core/bytes';
import { loadCertificates, parsePem } from '../../src/core/pem';
import { certInfo } from '../../src/core/pki/extensions';
import { validatePath } from '../../src/core/pki/validate';
import { VECTORS_DIR } from '../support/fixtures';

const DIR = join(VECTORS_DIR, 'x509-limbo');

interface LimboCase {
  id: string;
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  crls: string[];
  validation_time: string | null;
  extended_key_usage: string[];
  max_chain_depth: number | null;
  expected_result: 'SUCCESS' | 'FAILURE';
}

const EKU_OIDS: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  anyExtendedKeyUsage: '2.5.29.37.0',
};

/** Deliberate deviations (case id → reason); none at present. */
const DEVIATIONS: Record<string, string> = {};

const subset = JSON.parse(readFileSync(join(DIR, 'smime_relevant_subset.json'), 'utf8')) as { testcases: Array<{ id: string }> };
const all = JSON.parse(readFileSync(join(DIR, 'limbo.regenerated-no-bettertls.json'), 'utf8')) as { testcases: LimboCase[] };
const byId = new Map(all.testcases.map((t) => [t.id, t]));

const certs = (pems: string[]): pkijs.Certificate[] => pems.flatMap((p) => loadCertificates(latin1Encode(p)));

async function succeeds(t: LimboCase): Promise<{ ok: boolean; detail: string }> {
  const leaf = certs([t.peer_certificate])[0];
  const crls = t.crls.flatMap((p) => parsePem(p).map((b) => parsePkiObject(pkijs.CertificateRevocationList, b.der, `${t.id} CRL`)));
  const result = await validatePath(leaf, {
    anchors: certs(t.trusted_certs),
    intermediates: certs(t.untrusted_intermediates),
    time: t.validation_time ? new Date(t.validation_time) : new Date(),
    purpose: 'any',
    crls,
    revocation: crls.length > 0 ? 'soft' : 'off',
  });
  let ok = result.status === 'valid';
  const detail = [result.status, ...result.errors];
  const eku = certInfo(leaf).eku;
  const wanted = t.extended_key_usage.map((e) => EKU_OIDS[e] ?? e);
  if (ok && eku && wanted.some((w) => !eku.includes(w) && !eku.includes(EKU_OIDS.anyExtendedKeyUsage))) {
    ok = false;
    detail.push('leaf lacks the required EKU');
  }
  // Depth counts the intermediates only (leaf and anchor excluded).
  if (ok && t.max_chain_depth !== null && result.chain.length - 2 > t.max_chain_depth) {
    ok = false;
    detail.push('chain deeper than max_chain_depth');
  }
  return { ok, detail: detail.join(' | ') };
}

describe('x509-limbo S/MIME subset', () => {
  test('every case matches its expected result', async () => {
    const ids = subset.testcases.map((t) => t.id);
    let passed = 0;
    const failures: string[] = [];
    for (const id of ids) {
      const t = byId.get(id);
      if (!t) throw new Error(`limbo case ${id} is missing from the regenerated file`);
      const { ok, detail } = await succeeds(t);
      if (ok === (t.expected_result === 'SUCCESS')) passed++;
      else failures.push(`${id}: expected ${t.expected_result}, got ${detail}`);
    }
    console.log(`x509-limbo S/MIME subset: ${passed}/${ids.length}`);
    if (failures.length) console.log(failures.join('\n'));
    expect(ids).toHaveLength(19);
    expect(failures.map((f) => f.split(':')[0]).sort()).toEqual(Object.keys(DEVIATIONS).sort());
    expect(passed).toBe(ids.length - Object.keys(DEVIATIONS).length);
  });
});


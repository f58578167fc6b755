/**
 * The 16 signed S/MIME messages of NIST PKITS: the whole read pipeline (MIME, CMS, path
 * validation with the CRLs carried in the SignedData, sender binding) must give `valid`
 * exactly for the messages PKITS calls valid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCertificate } from '../../src/core/pem';
import { readMessage } from '../../src/core/smime';
import type { VerdictStatus } from '../../src/core/verdict';
import { VECTORS_DIR } from '../support/fixtures';

interface SmimeCase {
  file: string;
  pkits_test: string;
  expected_valid: boolean;
  trust_anchor: string;
  validation_time: string;
}

/**
 * Deliberate deviations: PKITS judges the certificate path only; we also bind the signer's
 * certificate to the From address (RFC 8550 §3), which is stricter.
 */
const DEVIATIONS: Record<string, VerdictStatus> = {
  // The EE certificate carries no e-mail address at all, so it cannot vouch for
  // From: sender@testcertificates.gov. The path itself validates (asserted below).
  '4.1.1': 'sender-mismatch',
};

const dir = join(VECTORS_DIR, 'nist-pkits');
const cases = (JSON.parse(readFileSync(join(dir, 'smime_expectations.json'), 'utf8')) as { cases: SmimeCase[] }).cases;
const results: boolean[] = [];

afterAll(() => {
  const deviations = Object.keys(DEVIATIONS).length;
  console.log(`PKITS S/MIME messages: ${results.filter(Boolean).length}/${cases.length - deviations} as expected, ${deviations} deliberate deviation(s)`);
});

test('there are 16 PKITS S/MIME messages', () => {
  expect(cases).toHaveLength(16);
});

test.each(cases.map((c) => [c.pkits_test, c] as const))('PKITS %s', async (_id, c) => {
  const anchor = loadCertificate(new Uint8Array(readFileSync(join(dir, c.trust_anchor))));
  const { verdict } = await readMessage(new Uint8Array(readFileSync(join(dir, c.file))), {
    anchors: [anchor],
    time: new Date(c.validation_time),
    revocation: 'soft',
  });
  const deviation = DEVIATIONS[c.pkits_test];
  if (deviation) {
    expect(verdict.status).toBe(deviation);
    expect(verdict.signers[0].chain.length).toBeGreaterThan(1); // the path was built to the anchor
    expect(verdict.signers[0].errors.filter((e) => !e.startsWith('Note:'))).toEqual([
      expect.stringContaining("the signer's certificate has no e-mail address"),
    ]);
    return;
  }
  results.push((verdict.status === 'valid') === c.expected_valid);
  expect(verdict.status === 'valid').toBe(c.expected_valid);
  // Every message's signature is intact: an invalid verdict must come from the path, not the CMS layer.
  expect(verdict.signers.length).toBeGreaterThan(0);
});

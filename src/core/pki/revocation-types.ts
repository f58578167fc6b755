/**
 * The contract between revocation fetching (revocation-fetch.ts) and path validation
 * (validate.ts): the validator asks for evidence about one certificate it has already
 * chained to a trust anchor, and judges the evidence itself.
 */
import type * as pkijs from 'pkijs';

export interface RevocationEvidence {
  crls: pkijs.CertificateRevocationList[]; // fetched CRLs (parsed; the validator checks signature/scope/time itself)
  ocsp?: { status: 'good' | 'revoked' | 'unknown'; revocationTime?: Date }; // an OCSP answer already validated
  unreachable: string[]; // published sources that could not be fetched or gave unusable data
  publishedSources: number; // how many CRL DP / OCSP URLs the certificate publishes
}

export type RevocationProvider = (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  time: Date,
) => Promise<RevocationEvidence>;

/**
 * The one verdict a received message gets. The CLI (`smime verify --json`), the Outlook
 * banner and the Thunderbird view all render this object and nothing else.
 */

/** Exactly one status per message; see STATUS_PRECEDENCE for how several findings combine. */
export type VerdictStatus =
  | 'valid'
  | 'invalid'
  | 'untrusted'
  | 'expired'
  | 'revoked'
  | 'revocation-unknown'
  | 'sender-mismatch'
  | 'weak-algorithm'
  | 'partially-signed'
  | 'not-signed'
  | 'malformed'
  | 'encrypted-no-key'
  | 'decrypt-failed';

/**
 * Worst first. When checks disagree the earliest status in this list wins, so `valid`
 * (last) is reported only when nothing else applies.
 */
export const STATUS_PRECEDENCE: readonly VerdictStatus[] = [
  'malformed',
  'decrypt-failed',
  'encrypted-no-key',
  'invalid',
  'revoked',
  'partially-signed',
  'sender-mismatch',
  'weak-algorithm',
  'expired',
  'untrusted',
  'revocation-unknown',
  'not-signed',
  'valid',
];

/** The worst of several findings. No findings at all means nothing vouched for the message: not-signed. */
export function worstStatus(statuses: Iterable<VerdictStatus>): VerdictStatus {
  let worst = -1;
  for (const s of statuses) {
    const rank = STATUS_PRECEDENCE.indexOf(s);
    worst = worst === -1 ? rank : Math.min(worst, rank);
  }
  return worst === -1 ? 'not-signed' : STATUS_PRECEDENCE[worst];
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  emails: string[];
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
}

export interface SignerReport {
  /** This signer's own status (the message status is the worst over all findings). */
  status: VerdictStatus;
  certificate?: CertificateSummary;
  /** Signer first, anchor last, as built by path validation. */
  chain: CertificateSummary[];
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signingTime?: string;
  /** Human-readable reasons for a status other than valid. */
  errors: string[];
}

export interface EncryptionReport {
  /** e.g. "AES-256-GCM" or "AES-256-CBC". */
  contentAlgorithm: string;
  /** True for AuthEnvelopedData (AEAD); CBC is reported as legacy, not authenticated. */
  authenticated: boolean;
  recipientCount: number;
  /** Key transport/agreement used for our RecipientInfo, e.g. "RSAES-PKCS1-v1_5". */
  keyAlgorithm?: string;
  /** CBC only: the plaintext holds bytes that mail text never does, as an EFAIL gadget leaves. */
  tamperSuspected?: boolean;
}

export interface Verdict {
  status: VerdictStatus;
  signers: SignerReport[];
  /** Outermost first, when the message was encrypted. */
  encryption: EncryptionReport[];
  /** The addr-spec of the message's From header that was compared with the certificate. */
  from?: string;
  warnings: string[];
  errors: string[];
  /** ≤ 150 characters (Outlook notification limit); names the signer's certificate address. */
  banner: string;
}

export const BANNER_MAX_LENGTH = 150;

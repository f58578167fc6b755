/**
 * Computes the one verdict of a received message: unwraps its S/MIME layers, checks every
 * signature, its certificate path, the algorithms and the binding of the signer's certificate
 * to the From address, and combines the findings (worst wins, see STATUS_PRECEDENCE).
 */
import type * as pkijs from 'pkijs';
import type { EncryptionKeyPreference } from '../cms/attributes';
import type { SmimeCapability } from '../cms/capabilities';
import type { DecryptionKey } from '../cms/decrypt';
import type { SignedDataCheck, SignerCheck } from '../cms/verify';
import { SmimeError } from '../errors';
import { extractAddrSpec, parseAddressList, parseMime, type HeaderField, type MimeEntity, type MimeLimits } from '../mime';
import { summarizeCertificate } from '../pki/certificate-info';
import { certificateEmails, emailMatchesCertificate, sameMailbox } from '../pki/email-binding';
import type { RevocationProvider } from '../pki/revocation-types';
import { validatePath, type RevocationMode } from '../pki/validate';
import { worstStatus, type SignerReport, type Verdict, type VerdictStatus } from '../verdict';
import { composeBanner } from './banner';
import { protectedHeaders, type ProtectedHeaders } from './header-protection';
import { unwrapLayers, type Layer } from './layers';
import { containsSmimePart } from './media-types';

export interface ReadOptions {
  decryptionKeys?: DecryptionKey[];
  /** Trust anchors; with none, no signature can be `valid`. */
  anchors?: pkijs.Certificate[];
  /** Intermediates from the user's store or configuration, and certificates supplied out of band. */
  extraCertificates?: pkijs.Certificate[];
  /** CRLs supplied out of band (e.g. from a directory the administrator maintains). */
  crls?: pkijs.CertificateRevocationList[];
  /** Validation time (default now). */
  time?: Date;
  revocation?: RevocationMode;
  revocationProvider?: RevocationProvider;
  /** Admin setting: accept SHA-1 signatures. Never the default. */
  allowSha1?: boolean;
  /** Largest tolerated |signingTime − Date| before a warning. */
  dateSkewWarningMs?: number;
  maxLayers?: number;
  mimeLimits?: Partial<MimeLimits>;
  /**
   * The sender address the host shows for this message (Office.js `item.from`). The verdict is
   * about the raw From; when the host shows another address it is `sender-mismatch` (checklist C27).
   */
  displayedFrom?: string;
}

/** A signer whose signature verified over the displayed content, for harvesting its certificate. */
export interface SignerDetails {
  certificate: pkijs.Certificate;
  capabilities?: SmimeCapability[];
  encryptionKeyPreference?: EncryptionKeyPreference;
  /** The certificates the SignedData carried (to resolve the preference and cache intermediates). */
  messageCertificates: pkijs.Certificate[];
}

export interface ReadResult {
  verdict: Verdict;
  /** The displayed content (innermost entity), for the host to render safely. */
  content?: MimeEntity;
  /** Signers whose signature value verified and that cover the displayed content (not the path status). */
  signerDetails?: SignerDetails[];
  /** Protected header fields (Subject, From, To…; RFC 9788 or a message/rfc822 wrapper) to display instead of the outer ones. */
  protectedHeaders?: HeaderField[];
  /**
   * A mail program without S/MIME cannot show `content` itself: a layer is encrypted or the
   * outermost one is opaque signed-data (it shows an smime.p7m attachment instead).
   */
  contentHidden: boolean;
}

export const DEFAULT_DATE_SKEW_MS = 2 * 60 * 60 * 1000;

export async function readMessage(message: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  let root: MimeEntity;
  try {
    root = parseMime(message, options.mimeLimits);
  } catch (err) {
    return { verdict: failedVerdict('malformed', describe(err)), contentHidden: false };
  }

  const warnings: string[] = [];
  const errors: string[] = [];
  const statuses: VerdictStatus[] = [];

  const fromHeaders = root.headerAll('from');
  let from: string | undefined;
  if (fromHeaders.length !== 1) {
    statuses.push('malformed');
    errors.push(fromHeaders.length === 0 ? 'The message has no From header' : 'The message has several From headers');
  } else {
    try {
      from = extractAddrSpec(fromHeaders[0]);
    } catch (err) {
      statuses.push('malformed');
      errors.push(describe(err));
    }
  }
  // Only SMTP addresses: Exchange can show internal senders by their X.500 address.
  const shown = options.displayedFrom?.trim();
  if (from && shown?.includes('@') && !shown.startsWith('/') && !sameMailbox(shown, from)) {
    statuses.push('sender-mismatch');
    errors.push(`Your mail program shows the sender as ${shown}, but the message's From is ${from}`);
  }
  const sender = root.header('sender');
  if (from && sender) {
    try {
      const senderAddress = extractAddrSpec(sender);
      if (!sameMailbox(senderAddress, from)) {
        warnings.push(`The message was sent on behalf of ${from} by ${senderAddress} (Sender header)`);
      }
    } catch {
      warnings.push('The Sender header is not a valid address');
    }
  }

  const unwrapped = await unwrapLayers(root, options);
  if (unwrapped.failure) {
    statuses.push(unwrapped.failure.status);
    errors.push(unwrapped.failure.message);
  }

  const signatureLayers = unwrapped.layers.filter((l): l is Extract<Layer, { kind: 'signed' }> => l.kind === 'signed');
  const encryption = unwrapped.layers.flatMap((l) => (l.kind === 'encrypted' ? [l.report] : []));
  const signers: SignerReport[] = [];
  const author = authorLayer(unwrapped.layers);
  // Header protection: inside a signed payload the protected From is what the signer vouched for.
  let hp: ProtectedHeaders | undefined;
  try {
    hp = author && !unwrapped.failure ? protectedHeaders(unwrapped.content, options.mimeLimits) : undefined;
  } catch (err) {
    statuses.push('malformed');
    errors.push(`The wrapped message cannot be read: ${describe(err)}`);
  }
  if (hp?.fromProblem) {
    statuses.push('malformed');
    errors.push(hp.fromProblem);
  }
  const signedFrom = hp?.from ?? from;
  if (hp?.from && from && !sameMailbox(hp.from, from)) {
    statuses.push('sender-mismatch');
    errors.push(`The unprotected outer From (${from}) differs from the signed, protected From (${hp.from})`);
  }
  // Innermost first: the signature that directly covers the displayed content names its author
  // (checklist B22/B23); outer signers forwarded or wrapped it and are not bound to From.
  for (const layer of [...signatureLayers].reverse()) {
    warnings.push(...layer.warnings);
    if (layer.check.structureErrors.length > 0) {
      // eContent confusion, zero signers, non-id-data: a malformed structure (checklist X), not a broken signature.
      statuses.push('malformed');
      errors.push(...layer.check.structureErrors);
    }
    for (const signer of layer.check.signers) {
      const report = await reportSigner(signer, layer.check, layer === author ? signedFrom : undefined, options);
      if (layer !== author) warnings.push(`Also signed in an outer layer by ${report.certificate?.emails[0] ?? 'an unknown signer'}`);
      signers.push(report);
    }
  }
  statuses.push(...signers.map((s) => s.status));
  if (signsOnlyCiphertext(unwrapped.layers)) {
    // Strenzke's takeover: an outer signature over ciphertext says nothing about the author.
    statuses.push('not-signed');
    warnings.push(CIPHERTEXT_ONLY_WARNING);
  }
  checkSigningTime(root, signers, options, warnings);
  if (signers.length > 0) warnings.push(...replyToWarnings(hp?.fields ?? root.headers, signedFrom));

  if (signatureLayers.length === 0 && !unwrapped.failure) {
    statuses.push(containsSmimePart(unwrapped.content) ? 'partially-signed' : 'not-signed');
    if (containsSmimePart(unwrapped.content)) {
      errors.push('Only a part of this message is signed; the rest could have been written by anyone');
    }
  } else if (signatureLayers.length > 0 && signers.length === 0) {
    statuses.push('invalid');
  }
  if (encryption.some((e) => !e.authenticated)) {
    warnings.push('Encrypted with a legacy mode (CBC) that does not detect tampering');
  }
  if (encryption.some((e) => e.tamperSuspected)) {
    warnings.push('The decrypted content holds random-looking bytes, as tampering with legacy (CBC) encryption leaves: it may have been altered to leak its content');
  }

  const status = worstStatus(statuses);
  const verdict: Verdict = { status, signers, encryption, from, warnings, errors, banner: '' };
  verdict.banner = composeBanner(verdict);
  const content = unwrapped.failure ? undefined : (hp?.message ?? unwrapped.content);
  const outermost = unwrapped.layers[0];
  const contentHidden = encryption.length > 0 || (outermost?.kind === 'signed' && outermost.form === 'opaque');
  const result: ReadResult = { verdict, content, signerDetails: coveringSigners(unwrapped.layers), contentHidden };
  if (hp) result.protectedHeaders = hp.fields;
  return result;
}

/** Signed layers inside the innermost encryption are the ones that sign what is displayed. */
function coveringSigners(layers: Layer[]): SignerDetails[] {
  const inner = layers.slice(layers.map((l) => l.kind).lastIndexOf('encrypted') + 1);
  return inner.flatMap((layer) =>
    layer.kind !== 'signed'
      ? []
      : layer.check.signers.flatMap((s) => {
          if (!s.signatureValid || !s.certificate) return [];
          const details: SignerDetails = { certificate: s.certificate, messageCertificates: layer.check.certificates };
          if (s.capabilities) details.capabilities = s.capabilities;
          if (s.encryptionKeyPreference) details.encryptionKeyPreference = s.encryptionKeyPreference;
          return [details];
        }),
  );
}

/** Fails closed: a signer whose certificates cannot be processed is malformed, never an exception. */
async function reportSigner(
  signer: SignerCheck,
  signedData: Pick<SignedDataCheck, 'certificates' | 'crls'>,
  from: string | undefined,
  options: ReadOptions,
): Promise<SignerReport> {
  try {
    return await inspectSigner(signer, signedData, from, options);
  } catch (err) {
    return {
      status: 'malformed',
      chain: [],
      digestAlgorithm: signer.digestAlgorithm,
      signatureAlgorithm: signer.signatureAlgorithm,
      errors: [...signer.errors, `The signer's certificate cannot be processed: ${describe(err)}`],
    };
  }
}

async function inspectSigner(
  signer: SignerCheck,
  signedData: Pick<SignedDataCheck, 'certificates' | 'crls'>,
  from: string | undefined,
  options: ReadOptions,
): Promise<SignerReport> {
  const statuses: VerdictStatus[] = [];
  const errors = [...signer.errors];
  const report: SignerReport = {
    status: 'valid',
    certificate: signer.certificate ? summarizeCertificate(signer.certificate) : undefined,
    chain: [],
    digestAlgorithm: signer.digestAlgorithm,
    signatureAlgorithm: signer.signatureAlgorithm,
    signingTime: signer.signingTime?.toISOString(),
    errors,
  };
  if (!signer.signatureValid || !signer.certificate) {
    report.status = signer.malformed ? 'malformed' : 'invalid';
    if (!signer.certificate) errors.push("The signer's certificate is not in the message");
    return report;
  }

  const path = await validatePath(signer.certificate, {
    anchors: options.anchors ?? [],
    intermediates: [...signedData.certificates, ...(options.extraCertificates ?? [])],
    crls: [...signedData.crls, ...(options.crls ?? [])],
    time: options.time,
    purpose: 'email-signing',
    revocation: options.revocation,
    revocationProvider: options.revocationProvider,
    allowSha1: options.allowSha1,
  });
  report.chain = path.chain.map(summarizeCertificate);
  errors.push(...path.errors);
  statuses.push(path.status);

  const weak = options.allowSha1 ? signer.weakAlgorithms.filter((a) => a !== 'SHA-1') : signer.weakAlgorithms;
  if (weak.length > 0) {
    statuses.push('weak-algorithm');
    errors.push(`The signature uses a weak algorithm (${weak.join(', ')})`);
  }

  if (from && !emailMatchesCertificate(from, signer.certificate)) {
    statuses.push('sender-mismatch');
    const certAddresses = certificateEmails(signer.certificate);
    errors.push(
      certAddresses.length > 0
        ? `The message claims to be from ${from}, but was signed by ${certAddresses.join(', ')}`
        : `The message claims to be from ${from}, but the signer's certificate has no e-mail address`,
    );
  }
  report.status = worstStatus(statuses);
  // Path warnings (e.g. "no revocation information published") travel in the signer's errors
  // only when they explain the status; otherwise they are message warnings.
  if (path.warnings.length > 0) errors.push(...path.warnings.map((w) => `Note: ${w}`));
  return report;
}

/** The innermost signed layer inside the innermost encryption: the one that signs what is displayed. */
function authorLayer(layers: Layer[]): Layer | undefined {
  const lastEncrypted = layers.map((l) => l.kind).lastIndexOf('encrypted');
  return layers.slice(lastEncrypted + 1).reverse().find((l) => l.kind === 'signed');
}

export const CIPHERTEXT_ONLY_WARNING = 'The signature covers encrypted content only; the author of the content is unknown';

/** True when every signature sits outside the innermost encryption layer (encrypt-then-sign only). */
function signsOnlyCiphertext(layers: Layer[]): boolean {
  const lastEncrypted = layers.map((l) => l.kind).lastIndexOf('encrypted');
  const hasSignature = layers.some((l) => l.kind === 'signed');
  return hasSignature && lastEncrypted !== -1 && !layers.slice(lastEncrypted).some((l) => l.kind === 'signed');
}

function checkSigningTime(root: MimeEntity, signers: SignerReport[], options: ReadOptions, warnings: string[]): void {
  const dateHeader = root.header('date');
  const date = dateHeader ? new Date(dateHeader) : undefined;
  const window = options.dateSkewWarningMs ?? DEFAULT_DATE_SKEW_MS;
  for (const signer of signers) {
    if (!signer.signingTime) {
      // CVE-2023-50761 class: without a signed time the Date header is the sender's unverified claim.
      warnings.push('The signing time is not stated in the signature');
      continue;
    }
    if (!date || Number.isNaN(date.getTime())) continue;
    const skew = Math.abs(new Date(signer.signingTime).getTime() - date.getTime());
    if (skew > window) {
      warnings.push(`The signing time (${signer.signingTime}) differs from the Date header by ${Math.round(skew / 60000)} minutes`);
    }
  }
}

/**
 * Checklist C27: a signed message whose Reply-To sends answers elsewhere than its (signed) From.
 * Common for lists and help desks, so a warning for the moment the user replies, not a status.
 */
function replyToWarnings(headers: HeaderField[], from: string | undefined): string[] {
  if (!from) return [];
  const replyTo = headers.filter((h) => h.name.toLowerCase() === 'reply-to').flatMap((h) => parseAddressList(h.value));
  return replyTo
    .filter((a) => !sameMailbox(a.address, from))
    .map((a) => `Replies go to ${a.address} (Reply-To), not to the sender ${from}`);
}

function failedVerdict(status: VerdictStatus, message: string): Verdict {
  const verdict: Verdict = { status, signers: [], encryption: [], warnings: [], errors: [message], banner: '' };
  verdict.banner = composeBanner(verdict);
  return verdict;
}

function describe(err: unknown): string {
  if (err instanceof SmimeError) return err.message;
  return err instanceof Error ? err.message : String(err);
}


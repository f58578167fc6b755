/**
 * RFC 5280 §6.1 certification path validation with the S/MIME policy on top (EKU,
 * leaf key usage, algorithm strength, revocation modes). pkijs is used only to parse;
 * every rule is applied here so the result is exact and explainable.
 */
import * as pkijs from 'pkijs';
import { buildChains } from './chain-builder';
import { checkCertificateCrls, crlSuppliedFor, CrlInfo } from './crl';
import { ANY_POLICY, CertInfo, KeyUsageBit, certInfo, certInfoIfDecodable, hasKeyUsage, publishesRevocationSource } from './extensions';
import { NameConstraintState } from './name-constraints';
import { displayName, namesEqual } from './names';
import { PolicyTree } from './policy-tree';
import { describePublicKey, describeSignatureAlgorithm, verifySignature } from './signature';
import { SmimeError } from '../errors';

export type CertificatePurpose = 'email-signing' | 'email-encryption' | 'any';
export type RevocationMode = 'off' | 'soft' | 'hard';

import type { RevocationEvidence, RevocationProvider } from './revocation-types';
export type { RevocationEvidence, RevocationProvider };

export interface PathValidationOptions {
  anchors: pkijs.Certificate[];
  intermediates?: pkijs.Certificate[];
  time?: Date;
  purpose: CertificatePurpose;
  crls?: pkijs.CertificateRevocationList[];
  revocation?: RevocationMode;
  revocationProvider?: RevocationProvider;
  allowSha1?: boolean;
  minRsaBits?: number;
  acceptAnyExtendedKeyUsage?: boolean;
  initialPolicySet?: string[];
  initialExplicitPolicy?: boolean;
  initialPolicyMappingInhibit?: boolean;
  initialAnyPolicyInhibit?: boolean;
}

export type PathStatus = 'valid' | 'untrusted' | 'expired' | 'revoked' | 'revocation-unknown' | 'weak-algorithm' | 'invalid';

export interface PathValidationResult {
  status: PathStatus;
  chain: pkijs.Certificate[];
  errors: string[];
  warnings: string[];
  userConstrainedPolicySet?: string[];
}

/**
 * Worst first: when one path has several problems the earliest wins. A bad signature is
 * forgery (invalid) and beats everything; revocation is an explicit "do not trust" from the
 * CA; then structural distrust, then time, then algorithm policy, and an unanswered
 * revocation question only when nothing else is wrong.
 */
export const PATH_STATUS_PRECEDENCE: readonly PathStatus[] = [
  'invalid',
  'revoked',
  'untrusted',
  'expired',
  'weak-algorithm',
  'revocation-unknown',
  'valid',
];

const EKU_EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const EKU_ANY = '2.5.29.37.0';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const X25519 = '1.3.101.110';
const MAX_CRL_SIGNER_DEPTH = 3;

/** 'crl-sign' is internal: validating the signer of a CRL (§6.3.3 f). */
type InternalPurpose = CertificatePurpose | 'crl-sign';

interface Settings {
  anchors: CertInfo[];
  pool: CertInfo[];
  time: Date;
  purpose: InternalPurpose;
  crls: pkijs.CertificateRevocationList[];
  revocation: RevocationMode;
  provider?: RevocationProvider;
  allowSha1: boolean;
  minRsaBits: number;
  acceptAnyEku: boolean;
  initialPolicySet: string[];
  initialExplicitPolicy: boolean;
  initialPolicyMappingInhibit: boolean;
  initialAnyPolicyInhibit: boolean;
  /** Recursion guard for CRL signer validation. */
  depth: number;
  visiting: Set<string>;
}

interface Finding {
  status: Exclude<PathStatus, 'valid'>;
  message: string;
}

interface ChainOutcome {
  status: PathStatus;
  chain: CertInfo[];
  findings: Finding[];
  warnings: string[];
  userConstrainedPolicySet?: string[];
}

export function worstPathStatus(statuses: Iterable<PathStatus>): PathStatus {
  let best = PATH_STATUS_PRECEDENCE.length - 1;
  for (const s of statuses) best = Math.min(best, PATH_STATUS_PRECEDENCE.indexOf(s));
  return PATH_STATUS_PRECEDENCE[best];
}

function who(info: CertInfo): string {
  return `the certificate of "${displayName(info.subject)}"`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export async function validatePath(leaf: pkijs.Certificate, options: PathValidationOptions): Promise<PathValidationResult> {
  let leafInfo: CertInfo;
  try {
    leafInfo = certInfo(leaf);
  } catch (err) {
    const detail = err instanceof SmimeError ? err.message : String(err);
    return { status: 'untrusted', chain: [leaf], errors: [`the signer's certificate cannot be decoded: ${detail}`], warnings: [] };
  }
  // A certificate that cannot be decoded cannot be on a path; the message may carry any junk.
  const decodable = (certs: pkijs.Certificate[]) => certs.flatMap((c) => certInfoIfDecodable(c) ?? []);
  const settings: Settings = {
    anchors: decodable(options.anchors),
    pool: decodable([...(options.intermediates ?? []), ...options.anchors]),
    time: options.time ?? new Date(),
    purpose: options.purpose,
    crls: options.crls ?? [],
    revocation: options.revocation ?? 'soft',
    provider: options.revocationProvider,
    allowSha1: options.allowSha1 ?? false,
    minRsaBits: options.minRsaBits ?? 2048,
    acceptAnyEku: options.acceptAnyExtendedKeyUsage ?? true,
    initialPolicySet: options.initialPolicySet ?? [ANY_POLICY],
    initialExplicitPolicy: options.initialExplicitPolicy ?? false,
    initialPolicyMappingInhibit: options.initialPolicyMappingInhibit ?? false,
    initialAnyPolicyInhibit: options.initialAnyPolicyInhibit ?? false,
    depth: 0,
    visiting: new Set(),
  };
  const outcome = await validateWith(leafInfo, settings);
  return {
    status: outcome.status,
    chain: outcome.chain.map((c) => c.cert),
    errors: outcome.findings.map((f) => f.message),
    warnings: outcome.warnings,
    userConstrainedPolicySet: outcome.userConstrainedPolicySet,
  };
}

async function validateWith(leaf: CertInfo, s: Settings): Promise<ChainOutcome> {
  let built;
  try {
    built = buildChains(leaf, s.anchors, s.pool);
  } catch (err) {
    return failure([leaf], 'untrusted', `cannot build a certificate path: ${(err as Error).message}`);
  }
  if (built.chains.length === 0) {
    const top = built.longestPartial[built.longestPartial.length - 1];
    const message = top.selfIssued
      ? `${capital(who(top))} is self-signed and not a trusted root`
      : `no path to a trusted root: the issuer "${displayName(top.issuer)}" of ${who(top)} is not available`;
    return failure(built.longestPartial, 'untrusted', message);
  }
  let best: ChainOutcome | undefined;
  for (const chain of built.chains) {
    let outcome: ChainOutcome;
    try {
      outcome = await validateChain(chain, s);
    } catch (err) {
      // Malformed or unsupported data in this path: report it, try the next path.
      const detail = err instanceof SmimeError ? err.message : String(err);
      outcome = failure(chain, 'untrusted', `the certificate path cannot be processed: ${detail}`);
    }
    if (!best || PATH_STATUS_PRECEDENCE.indexOf(outcome.status) > PATH_STATUS_PRECEDENCE.indexOf(best.status)) best = outcome;
    if (outcome.status === 'valid') break;
  }
  return best as ChainOutcome;
}

function failure(chain: CertInfo[], status: Finding['status'], message: string): ChainOutcome {
  return { status, chain, findings: [{ status, message }], warnings: [] };
}

/** §6.1.2–6.1.5 over one candidate chain (leaf first, anchor last), then policy and revocation. */
async function validateChain(chain: CertInfo[], s: Settings): Promise<ChainOutcome> {
  const findings: Finding[] = [];
  const warnings: string[] = [];
  const add = (status: Finding['status'], message: string): void => {
    findings.push({ status, message });
  };
  const anchor = chain[chain.length - 1];
  const path = chain.slice(0, -1).reverse(); // path[0] is certificate 1 (issued by the anchor)
  const n = path.length;

  checkValidity(anchor, s.time, add);
  for (const oid of anchor.unknownCritical) add('untrusted', `the trusted root "${displayName(anchor.subject)}" has an unsupported critical extension ${oid}`);
  const nc = new NameConstraintState();
  if (anchor.nameConstraints) {
    const bad = nc.add(anchor.nameConstraints);
    if (bad) add('untrusted', `the trusted root "${displayName(anchor.subject)}" has an invalid name constraint: ${bad}`);
  }
  const tree = new PolicyTree();
  let explicitPolicy = s.initialExplicitPolicy ? 0 : n + 1;
  let inhibitAnyPolicy = s.initialAnyPolicyInhibit ? 0 : n + 1;
  let policyMapping = s.initialPolicyMappingInhibit ? 0 : n + 1;
  let maxPathLength = n;
  let workingKey = anchor.cert.subjectPublicKeyInfo;
  let workingIssuer = anchor.subject;

  for (let i = 1; i <= n; i++) {
    const c = path[i - 1];
    const isLeaf = i === n;
    for (const m of c.malformed) add('untrusted', `${capital(who(c))} is malformed: ${m}`);
    await checkSignature(c, workingKey, s, add);
    checkValidity(c, s.time, add);
    if (!namesEqual(c.issuer, workingIssuer)) add('untrusted', `${capital(who(c))} does not chain to its issuer by name`);
    if (!c.selfIssued || isLeaf) {
      const bad = nc.check(c);
      if (bad) add('untrusted', `${capital(who(c))} violates name constraints: ${bad}`);
    }
    checkKeyStrength(c, s, add);
    tree.processCertificate(i, c.policies, inhibitAnyPolicy > 0 || (!isLeaf && c.selfIssued));
    if (explicitPolicy === 0 && tree.isNull) add('untrusted', `${capital(who(c))} does not satisfy the required certificate policy`);
    if (isLeaf) break;

    // §6.1.4: preparation for certificate i+1.
    const mappings = c.policyMappings ?? [];
    if (mappings.some(([a, b]) => a === ANY_POLICY || b === ANY_POLICY)) add('untrusted', `${capital(who(c))} maps anyPolicy`);
    tree.applyMappings(i, mappings, policyMapping > 0);
    workingIssuer = c.subject;
    workingKey = c.cert.subjectPublicKeyInfo;
    if (c.nameConstraints) {
      const bad = nc.add(c.nameConstraints);
      if (bad) add('untrusted', `${capital(who(c))} has an invalid name constraint: ${bad}`);
    }
    if (!c.selfIssued) {
      if (explicitPolicy > 0) explicitPolicy--;
      if (policyMapping > 0) policyMapping--;
      if (inhibitAnyPolicy > 0) inhibitAnyPolicy--;
    }
    if (c.requireExplicitPolicy !== undefined) explicitPolicy = Math.min(explicitPolicy, c.requireExplicitPolicy);
    if (c.inhibitPolicyMapping !== undefined) policyMapping = Math.min(policyMapping, c.inhibitPolicyMapping);
    if (c.inhibitAnyPolicy !== undefined) inhibitAnyPolicy = Math.min(inhibitAnyPolicy, c.inhibitAnyPolicy);
    if (c.basicConstraints?.cA !== true) add('untrusted', `${capital(who(c))} is not a CA certificate but issued another certificate`);
    if (!c.selfIssued) {
      if (maxPathLength <= 0) add('untrusted', `${capital(who(c))} exceeds a CA's path length constraint`);
      maxPathLength--;
    }
    const pathLen = c.basicConstraints?.pathLen;
    if (pathLen !== undefined) maxPathLength = Math.min(maxPathLength, pathLen);
    if (!hasKeyUsage(c, KeyUsageBit.keyCertSign)) add('untrusted', `${capital(who(c))} is not allowed to sign certificates (key usage)`);
    for (const oid of c.unknownCritical) add('untrusted', `${capital(who(c))} has an unsupported critical extension ${oid}`);
  }

  // §6.1.5 wrap-up.
  let userConstrainedPolicySet: string[] | undefined;
  if (n > 0) {
    const leaf = path[n - 1];
    if (explicitPolicy > 0) explicitPolicy--;
    if (leaf.requireExplicitPolicy === 0) explicitPolicy = 0;
    for (const oid of leaf.unknownCritical) add('untrusted', `${capital(who(leaf))} has an unsupported critical extension ${oid}`);
    // RFC 5280 §4.2.1.3 / §4.2.1.10: certificate signing and name constraints belong to CAs.
    if (leaf.basicConstraints?.cA !== true && leaf.keyUsage !== undefined && hasKeyUsage(leaf, KeyUsageBit.keyCertSign)) {
      add('untrusted', `${capital(who(leaf))} asserts keyCertSign without being a CA`);
    }
    if (leaf.nameConstraints && leaf.basicConstraints?.cA !== true) add('untrusted', `${capital(who(leaf))} carries name constraints without being a CA`);
    tree.intersect(n, s.initialPolicySet);
    if (explicitPolicy === 0 && tree.isNull) add('untrusted', `${capital(who(leaf))} does not satisfy the required certificate policy`);
    userConstrainedPolicySet = tree.isNull ? [] : tree.constrainedSet(n);
  }
  checkPurpose(chain[0], s, add);

  // Revocation only for a path that is otherwise anchored and sound: no lookups for
  // attacker-made chains, and nothing to learn when the answer is already "no".
  const blocking = findings.some((f) => f.status === 'invalid' || f.status === 'untrusted' || f.status === 'revoked');
  if (s.revocation !== 'off' && !blocking) {
    for (let i = n; i >= 1; i--) {
      const issuer = i === 1 ? anchor : path[i - 2];
      await checkRevocation(path[i - 1], issuer, chain, s, add, warnings);
    }
  }

  return {
    status: worstPathStatus(['valid', ...findings.map((f) => f.status)]),
    chain,
    findings,
    warnings,
    userConstrainedPolicySet,
  };
}

type Add = (status: Finding['status'], message: string) => void;

function checkValidity(c: CertInfo, time: Date, add: Add): void {
  if (time.getTime() < c.notBefore.getTime()) add('expired', `${capital(who(c))} is not valid before ${c.notBefore.toISOString()}`);
  if (time.getTime() > c.notAfter.getTime()) add('expired', `${capital(who(c))} expired on ${c.notAfter.toISOString()}`);
}

async function checkSignature(c: CertInfo, key: pkijs.PublicKeyInfo, s: Settings, add: Add): Promise<void> {
  const alg = c.cert.signatureAlgorithm;
  try {
    const described = describeSignatureAlgorithm(alg);
    if (described.weakHash && !s.allowSha1) add('weak-algorithm', `${capital(who(c))} is signed with a weak algorithm (${described.label})`);
    if (c.cert.signature.algorithmId !== alg.algorithmId) add('invalid', `${capital(who(c))} names two different signature algorithms`);
    const ok = await verifySignature(new Uint8Array(c.cert.tbsView), alg, c.cert.signatureValue.valueBlock.valueHexView, key);
    if (!ok) add('invalid', `the signature on ${who(c)} does not verify`);
  } catch (err) {
    const detail = err instanceof SmimeError ? err.message : String(err);
    add('untrusted', `the signature on ${who(c)} cannot be checked: ${detail}`);
  }
}

function checkKeyStrength(c: CertInfo, s: Settings, add: Add): void {
  try {
    const key = describePublicKey(c.cert.subjectPublicKeyInfo);
    if (key.kind === 'rsa' && (key.bits ?? 0) < s.minRsaBits) {
      add('weak-algorithm', `${capital(who(c))} has a ${key.bits}-bit RSA key (minimum ${s.minRsaBits})`);
    }
  } catch (err) {
    add('untrusted', `${capital(who(c))} has an unreadable public key: ${(err as Error).message}`);
  }
}

function checkPurpose(leaf: CertInfo, s: Settings, add: Add): void {
  if (s.purpose === 'any') return;
  if (s.purpose === 'crl-sign') {
    if (!hasKeyUsage(leaf, KeyUsageBit.cRLSign)) add('untrusted', `${capital(who(leaf))} may not sign CRLs (key usage)`);
    return;
  }
  if (leaf.eku && !leaf.eku.includes(EKU_EMAIL_PROTECTION) && !(s.acceptAnyEku && leaf.eku.includes(EKU_ANY))) {
    add('untrusted', `${capital(who(leaf))} is not valid for e-mail (extended key usage)`);
  }
  if (s.purpose === 'email-signing') {
    if (!hasKeyUsage(leaf, KeyUsageBit.digitalSignature) && !hasKeyUsage(leaf, KeyUsageBit.nonRepudiation)) {
      add('untrusted', `${capital(who(leaf))} may not be used for signing (key usage)`);
    }
    return;
  }
  const keyOid = leaf.cert.subjectPublicKeyInfo.algorithm.algorithmId;
  const agreement = keyOid === EC_PUBLIC_KEY || keyOid === X25519;
  const bit = agreement ? KeyUsageBit.keyAgreement : KeyUsageBit.keyEncipherment;
  if (!hasKeyUsage(leaf, bit)) add('untrusted', `${capital(who(leaf))} may not be used for encryption (key usage)`);
}

async function checkRevocation(
  c: CertInfo,
  issuer: CertInfo,
  chain: CertInfo[],
  s: Settings,
  add: Add,
  warnings: string[],
): Promise<void> {
  const verifySigner = (crl: CrlInfo): Promise<string | undefined> => verifyCrlSigner(crl, c, issuer, chain, s);
  const supplied = await checkCertificateCrls({ cert: c, issuer, crls: s.crls, time: s.time, verifySigner });
  if (supplied.status === 'revoked') return add('revoked', `${capital(who(c))} has been revoked (${supplied.detail})`);
  if (supplied.status === 'good') return;
  const problems = [...supplied.problems];
  let sourcePublished = publishesRevocationSource(c);
  let sourceSupplied = crlSuppliedFor(c, s.crls);
  if (s.provider) {
    let evidence: RevocationEvidence | undefined;
    try {
      evidence = await s.provider(c.cert, issuer.cert, s.time);
    } catch (err) {
      problems.push(`revocation lookup failed: ${(err as Error).message}`);
    }
    if (evidence) {
      if (evidence.ocsp?.status === 'revoked') {
        const when = evidence.ocsp.revocationTime ? ` on ${evidence.ocsp.revocationTime.toISOString()}` : '';
        return add('revoked', `${capital(who(c))} has been revoked${when} (OCSP)`);
      }
      if (evidence.crls.length > 0) {
        const fetched = await checkCertificateCrls({ cert: c, issuer, crls: evidence.crls, time: s.time, verifySigner });
        if (fetched.status === 'revoked') return add('revoked', `${capital(who(c))} has been revoked (${fetched.detail})`);
        if (fetched.status === 'good' && evidence.ocsp?.status !== 'unknown') return;
        if (fetched.status === 'unknown') problems.push(...fetched.problems);
        sourceSupplied = true;
      }
      if (evidence.ocsp?.status === 'good') return;
      if (evidence.ocsp?.status === 'unknown') problems.push('the OCSP responder does not know the certificate');
      for (const url of evidence.unreachable) problems.push(`${url} could not be reached`);
      if (evidence.publishedSources > 0) sourcePublished = true;
    }
  }
  if (s.revocation === 'soft' && !sourcePublished && !sourceSupplied) {
    warnings.push(`no revocation information published for ${who(c)}`);
    return;
  }
  const why = problems.length > 0 ? `: ${[...new Set(problems)].join('; ')}` : '';
  add('revocation-unknown', `the revocation status of ${who(c)} could not be checked${why}`);
}

/**
 * §6.3.3 (f)/(g): a CRL is usable when a certificate named like its issuer, allowed to
 * sign CRLs, verifies its signature and itself validates to the same anchor.
 */
async function verifyCrlSigner(crl: CrlInfo, subject: CertInfo, pathIssuer: CertInfo, chain: CertInfo[], s: Settings): Promise<string | undefined> {
  const anchor = chain[chain.length - 1];
  const candidates = [pathIssuer, ...chain, ...s.pool].filter(
    (c, i, all) => namesEqual(c.subject, crl.issuer) && all.findIndex((x) => x.id === c.id) === i,
  );
  const problems: string[] = [];
  for (const cand of candidates) {
    if (crl.akiKeyId && cand.ski && crl.akiKeyId !== cand.ski) continue;
    if (!hasKeyUsage(cand, KeyUsageBit.cRLSign)) {
      problems.push(`${who(cand)} may not sign CRLs`);
      continue;
    }
    const alg = crl.crl.signatureAlgorithm;
    try {
      if (describeSignatureAlgorithm(alg).weakHash && !s.allowSha1) {
        problems.push(`a CRL is signed with a weak algorithm (${describeSignatureAlgorithm(alg).label})`);
        continue;
      }
      const ok = await verifySignature(
        new Uint8Array(crl.crl.tbsView),
        alg,
        crl.crl.signatureValue.valueBlock.valueHexView,
        cand.cert.subjectPublicKeyInfo,
      );
      if (!ok) {
        problems.push(`a CRL signature from "${displayName(crl.issuer)}" does not verify`);
        continue;
      }
    } catch (err) {
      problems.push(`a CRL signature cannot be checked: ${(err as Error).message}`);
      continue;
    }
    // Part of the path being validated (the certificate itself, e.g. an indirect CRL issuer
    // covering its own certificate, or a CA above it): validated by this very path.
    if (cand.id === subject.id || chain.slice(chain.indexOf(pathIssuer)).some((x) => x.id === cand.id)) return undefined;
    if (s.depth >= MAX_CRL_SIGNER_DEPTH || s.visiting.has(cand.id)) {
      problems.push(`the CRL signer ${who(cand)} cannot be validated (recursion limit)`);
      continue;
    }
    const sub = await validateWith(cand, {
      ...s,
      anchors: [anchor],
      purpose: 'crl-sign',
      initialPolicySet: [ANY_POLICY],
      initialExplicitPolicy: false,
      initialPolicyMappingInhibit: false,
      initialAnyPolicyInhibit: false,
      depth: s.depth + 1,
      visiting: new Set([...s.visiting, cand.id, ...chain.map((x) => x.id)]),
    });
    if (sub.status === 'valid') return undefined;
    problems.push(`the CRL signer ${who(cand)} is not valid (${sub.status}: ${sub.findings.map((f) => f.message).join('; ')})`);
  }
  if (candidates.length === 0) problems.push(`no certificate for the CRL issuer "${displayName(crl.issuer)}" is available`);
  return problems.join('; ') || `no usable signer for the CRL from "${displayName(crl.issuer)}"`;
}


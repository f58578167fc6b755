/**
 * CRL processing per RFC 5280 §6.3: distribution-point and issuingDistributionPoint
 * scope, onlySomeReasons, indirect CRLs (cRLIssuer / certificateIssuer entries), delta
 * CRLs, freshness and critical extensions. Signature and signer-path checks are handed
 * to the caller (`verifySigner`) because they need the path builder.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer, parsePkiObject } from '../asn1';
import { toHex } from '../bytes';
import { DistributionPointName, parseIssuingDistributionPoint } from './distribution-points';
import { CertInfo, EXT, RawExtension, rawExtensions } from './extensions';
import { DName, namesEqual, parseName } from './names';

/** Reasons 1..8 (keyCompromise … aACompromise); bit 0 (unused) excluded. */
const ALL_REASONS = 0x1fe;
const REMOVE_FROM_CRL = 8;

const KNOWN_CRL_EXTENSIONS = new Set<string>([
  EXT.authorityKeyIdentifier, EXT.issuerAltName, EXT.cRLNumber, EXT.deltaCRLIndicator,
  EXT.issuingDistributionPoint, EXT.freshestCRL, EXT.authorityInfoAccess,
]);
const KNOWN_ENTRY_EXTENSIONS = new Set<string>([EXT.reasonCode, EXT.holdInstructionCode, EXT.invalidityDate, EXT.certificateIssuer]);

interface CrlEntry {
  serialHex: string;
  issuer: DName;
  reason?: number;
  date: Date;
}

export interface CrlInfo {
  crl: pkijs.CertificateRevocationList;
  issuer: DName;
  thisUpdate: Date;
  nextUpdate?: Date;
  crlNumber?: bigint;
  deltaBase?: bigint;
  idp?: IdpInfo;
  idpRaw?: string;
  akiKeyId?: string;
  /** Why the CRL can never be used (unknown critical extension, missing CRLNumber…). */
  defect?: string;
  entries: CrlEntry[];
}

interface IdpInfo {
  names?: NameKey[];
  onlyUser: boolean;
  onlyCA: boolean;
  onlyAttr: boolean;
  reasons?: number;
  indirect: boolean;
}

/** A GeneralName reduced to a comparable string. */
type NameKey = string;

const cache = new WeakMap<pkijs.CertificateRevocationList, CrlInfo>();

function dnKey(dn: DName): NameKey {
  return `dn:${JSON.stringify(dn.map((rdn) => rdn.map((a) => [a.type, a.value]).sort()))}`;
}

function generalNameKey(gn: pkijs.GeneralName): NameKey {
  if (gn.type === 4) return dnKey(parseName(gn.value as pkijs.RelativeDistinguishedNames));
  if (typeof gn.value === 'string') return `${gn.type}:${gn.value}`;
  return `${gn.type}:?`;
}

/** Full names of a DistributionPointName; a relative name is appended to `base`. */
function dpNames(dpName: DistributionPointName | undefined, base: DName): NameKey[] | undefined {
  if (!dpName) return undefined;
  if ('full' in dpName) return dpName.full.map(generalNameKey);
  return [dnKey([...base, dpName.relative])];
}

function bigIntOf(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

function integerExt(ext: RawExtension, what: string): bigint {
  const node = parseBer(ext.value, what);
  if (!(node instanceof asn1js.Integer)) throw new Error(`${what} is not an INTEGER`);
  return bigIntOf(node.valueBlock.valueHexView);
}

function parseIdp(ext: RawExtension, issuer: DName): IdpInfo {
  const idp = parseIssuingDistributionPoint(ext.value);
  return {
    names: dpNames(idp.name, issuer),
    onlyUser: idp.onlyUser,
    onlyCA: idp.onlyCA,
    onlyAttr: idp.onlyAttr,
    reasons: idp.reasons,
    indirect: idp.indirect,
  };
}

export function crlInfo(crl: pkijs.CertificateRevocationList): CrlInfo {
  const hit = cache.get(crl);
  if (hit) return hit;
  const issuer = parseName(crl.issuer);
  const info: CrlInfo = {
    crl,
    issuer,
    thisUpdate: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value,
    entries: [],
  };
  try {
    for (const ext of rawExtensions(crl.crlExtensions?.extensions)) {
      if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.oid)) throw new Error(`it has an unknown critical extension ${ext.oid}`);
      if (ext.oid === EXT.cRLNumber) {
        if (ext.critical) throw new Error('its CRLNumber extension is marked critical');
        info.crlNumber = integerExt(ext, 'CRLNumber');
      } else if (ext.oid === EXT.deltaCRLIndicator) info.deltaBase = integerExt(ext, 'deltaCRLIndicator');
      else if (ext.oid === EXT.issuingDistributionPoint) {
        info.idp = parseIdp(ext, issuer);
        info.idpRaw = toHex(ext.value);
      } else if (ext.oid === EXT.authorityKeyIdentifier) {
        const aki = parsePkiObject(pkijs.AuthorityKeyIdentifier, ext.value, 'CRL authorityKeyIdentifier');
        if (aki.keyIdentifier) info.akiKeyId = toHex(aki.keyIdentifier.valueBlock.valueHexView);
      }
    }
    if (info.crlNumber === undefined) throw new Error('it has no CRLNumber (RFC 5280 §5.2.3)');
    let current = issuer;
    for (const entry of crl.revokedCertificates ?? []) {
      let reason: number | undefined;
      for (const ext of rawExtensions(entry.crlEntryExtensions?.extensions)) {
        if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.oid)) throw new Error(`an entry has an unknown critical extension ${ext.oid}`);
        if (ext.oid === EXT.reasonCode) {
          const node = parseBer(ext.value, 'CRL reasonCode');
          if (node instanceof asn1js.Enumerated) reason = node.valueBlock.valueDec;
        } else if (ext.oid === EXT.certificateIssuer && info.idp?.indirect) {
          const names = parsePkiObject(pkijs.GeneralNames, ext.value, 'certificateIssuer').names;
          const dn = names.find((n) => n.type === 4);
          if (dn) current = parseName(dn.value as pkijs.RelativeDistinguishedNames);
        }
      }
      info.entries.push({
        serialHex: toHex(entry.userCertificate.valueBlock.valueHexView),
        issuer: current,
        reason,
        date: entry.revocationDate.value,
      });
    }
  } catch (err) {
    info.defect = `CRL from ${JSON.stringify(issuer.flat().map((a) => a.display).join(', '))} is unusable: ${(err as Error).message}`;
  }
  cache.set(crl, info);
  return info;
}

export type CrlSignerCheck = (crl: CrlInfo) => Promise<string | undefined>;

export interface CrlCheckInput {
  cert: CertInfo;
  /** The certificate that issued `cert` in the path being validated. */
  issuer: CertInfo;
  crls: pkijs.CertificateRevocationList[];
  time: Date;
  /** Verifies the CRL's signature and its signer's path; returns a problem or undefined. */
  verifySigner: CrlSignerCheck;
}

export type CrlOutcome =
  | { status: 'good' }
  | { status: 'revoked'; detail: string }
  | { status: 'unknown'; problems: string[] };

interface DistributionPoint {
  names?: NameKey[];
  reasons?: number;
  crlIssuers?: DName[];
}

function certDistributionPoints(cert: CertInfo): DistributionPoint[] | undefined {
  if (!cert.crlDistributionPoints) return undefined;
  return cert.crlDistributionPoints.map((dp) => {
    const crlIssuers = dp.crlIssuer
      ?.filter((g) => g.type === 4)
      .map((g) => parseName(g.value as pkijs.RelativeDistinguishedNames));
    const base = crlIssuers?.[0] ?? cert.issuer;
    return { names: dpNames(dp.name, base), reasons: dp.reasons, crlIssuers };
  });
}

function isCA(cert: CertInfo): boolean {
  return cert.basicConstraints?.cA === true;
}

/** §6.3.3 (b): does this CRL cover this certificate through this distribution point? */
function inScope(info: CrlInfo, cert: CertInfo, dp: DistributionPoint | undefined): boolean {
  if (dp?.crlIssuers) {
    if (!dp.crlIssuers.some((n) => namesEqual(n, info.issuer))) return false;
    if (!info.idp?.indirect) return false;
  } else if (!namesEqual(info.issuer, cert.issuer)) return false;
  const idp = info.idp;
  if (idp) {
    if (idp.names) {
      if (!dp) return false;
      const candidates = dp.names ?? dp.crlIssuers?.map(dnKey) ?? [];
      if (!idp.names.some((n) => candidates.includes(n))) return false;
    }
    if (idp.onlyUser && isCA(cert)) return false;
    if (idp.onlyCA && !isCA(cert)) return false;
    if (idp.onlyAttr) return false;
  }
  return true;
}

function fresh(info: CrlInfo, time: Date): string | undefined {
  if (info.thisUpdate.getTime() > time.getTime()) return 'its thisUpdate is in the future';
  if (info.nextUpdate && info.nextUpdate.getTime() < time.getTime()) return `it is stale (nextUpdate ${info.nextUpdate.toISOString()})`;
  return undefined;
}

function findEntry(info: CrlInfo, cert: CertInfo): CrlEntry | undefined {
  return info.entries.find((e) => e.serialHex === cert.serialHex && namesEqual(e.issuer, cert.issuer));
}

const REASON_NAMES = [
  'unspecified', 'key compromise', 'CA compromise', 'affiliation changed', 'superseded',
  'cessation of operation', 'certificate hold', '', 'removed from CRL', 'privilege withdrawn', 'AA compromise',
];

function revokedDetail(entry: CrlEntry): string {
  const reason = entry.reason !== undefined ? `, reason: ${REASON_NAMES[entry.reason] || entry.reason}` : '';
  return `revoked on ${entry.date.toISOString()}${reason}`;
}

/** Runs §6.3.3 over the supplied CRLs for one certificate. */
export async function checkCertificateCrls(input: CrlCheckInput): Promise<CrlOutcome> {
  const { cert, time } = input;
  const infos = input.crls.map(crlInfo);
  const problems: string[] = [];
  const signerResults = new Map<CrlInfo, string | undefined>();
  const usable = async (info: CrlInfo): Promise<boolean> => {
    if (info.defect) {
      problems.push(info.defect);
      return false;
    }
    const stale = fresh(info, time);
    if (stale) {
      problems.push(`a CRL is unusable: ${stale}`);
      return false;
    }
    if (!signerResults.has(info)) signerResults.set(info, await input.verifySigner(info));
    const signerProblem = signerResults.get(info);
    if (signerProblem) problems.push(signerProblem);
    return !signerProblem;
  };
  let reasonsMask = 0;
  const dps: Array<DistributionPoint | undefined> = certDistributionPoints(cert) ?? [undefined];
  for (const dp of dps) {
    for (const info of infos) {
      if (reasonsMask === ALL_REASONS) break;
      if (info.deltaBase !== undefined || !inScope(info, cert, dp)) continue;
      const interim = (dp?.reasons ?? ALL_REASONS) & (info.idp?.reasons ?? ALL_REASONS) & ALL_REASONS;
      if ((interim & ~reasonsMask) === 0) continue;
      if (!(await usable(info))) continue;
      const deltas: CrlInfo[] = [];
      for (const delta of infos) {
        if (delta.deltaBase === undefined || delta.defect) continue;
        if (!namesEqual(delta.issuer, info.issuer) || delta.idpRaw !== info.idpRaw) continue;
        if (info.crlNumber === undefined || delta.deltaBase > info.crlNumber) continue;
        if (await usable(delta)) deltas.push(delta);
      }
      for (const delta of deltas) {
        const entry = findEntry(delta, cert);
        if (entry && entry.reason === REMOVE_FROM_CRL) {
          reasonsMask |= interim;
          continue;
        }
        if (entry) return { status: 'revoked', detail: revokedDetail(entry) };
      }
      const removedByDelta = deltas.some((d) => findEntry(d, cert)?.reason === REMOVE_FROM_CRL);
      const entry = findEntry(info, cert);
      if (entry && entry.reason !== REMOVE_FROM_CRL && !removedByDelta) return { status: 'revoked', detail: revokedDetail(entry) };
      reasonsMask |= interim;
    }
  }
  if (reasonsMask === ALL_REASONS) return { status: 'good' };
  if (problems.length === 0) {
    problems.push(reasonsMask !== 0 ? 'the supplied CRLs do not cover every revocation reason' : 'no available CRL covers it');
  }
  return { status: 'unknown', problems };
}

/** True when at least one supplied CRL is issued for this certificate's issuer (usable or not). */
export function crlSuppliedFor(cert: CertInfo, crls: pkijs.CertificateRevocationList[]): boolean {
  const dps = certDistributionPoints(cert) ?? [undefined];
  return crls.some((c) => {
    const info = crlInfo(c);
    return dps.some((dp) => namesEqual(info.issuer, cert.issuer) || (dp?.crlIssuers ?? []).some((n) => namesEqual(n, info.issuer)));
  });
}

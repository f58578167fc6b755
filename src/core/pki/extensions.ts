/**
 * One decoded view of a certificate for path validation: names, validity and every
 * extension §6.1 consults, parsed once through src/core/asn1 and cached per object.
 * Extensions we do not process are listed so a critical one can fail the path.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer, parsePkiObject, toDer } from '../asn1';
import { toHex } from '../bytes';
import { MalformedInputError } from '../errors';
import { ParsedDistributionPoint, parseCrlDistributionPoints } from './distribution-points';
import { DName, namesEqual, parseName } from './names';

export const EXT = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  holdInstructionCode: '2.5.29.23',
  invalidityDate: '2.5.29.24',
  deltaCRLIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  nameConstraints: '2.5.29.30',
  cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCRL: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
} as const;

export const ANY_POLICY = '2.5.29.32.0';
const OCSP_ACCESS = '1.3.6.1.5.5.7.48.1';

/** Certificate extensions this validator acts on (a critical one is therefore "known"). */
const PROCESSED_CERT_EXTENSIONS = new Set<string>([
  EXT.subjectKeyIdentifier, EXT.keyUsage, EXT.subjectAltName, EXT.issuerAltName, EXT.basicConstraints,
  EXT.nameConstraints, EXT.cRLDistributionPoints, EXT.certificatePolicies, EXT.policyMappings,
  EXT.authorityKeyIdentifier, EXT.policyConstraints, EXT.extKeyUsage, EXT.freshestCRL,
  EXT.inhibitAnyPolicy, EXT.authorityInfoAccess, EXT.subjectInfoAccess,
]);

export const KeyUsageBit = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
  decipherOnly: 8,
} as const;

export interface RawExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface CertInfo {
  cert: pkijs.Certificate;
  der: Uint8Array;
  /** Hex of the DER, an identity for loop detection and caches. */
  id: string;
  subject: DName;
  issuer: DName;
  selfIssued: boolean;
  notBefore: Date;
  notAfter: Date;
  serialHex: string;
  extensions: RawExtension[];
  unknownCritical: string[];
  /** Problems decoding extensions; each makes the certificate unusable. */
  malformed: string[];
  basicConstraints?: { cA: boolean; pathLen?: number };
  /** Bit mask, bit i = KeyUsage bit i; undefined when the extension is absent. */
  keyUsage?: number;
  eku?: string[];
  ski?: string;
  akiKeyId?: string;
  san: pkijs.GeneralName[];
  nameConstraints?: pkijs.NameConstraints;
  policies?: string[];
  policyMappings?: Array<[string, string]>;
  requireExplicitPolicy?: number;
  inhibitPolicyMapping?: number;
  inhibitAnyPolicy?: number;
  crlDistributionPoints?: ParsedDistributionPoint[];
  freshestCrl?: ParsedDistributionPoint[];
  ocspUrls: string[];
}

const cache = new WeakMap<pkijs.Certificate, CertInfo>();

/** Reads a BIT STRING as a mask where bit i is the i-th named bit (MSB first). */
export function bitStringMask(bits: asn1js.BitString): number {
  return bitMask(bits.valueBlock.valueHexView);
}

export function bitMask(bytes: Uint8Array): number {
  let mask = 0;
  for (let i = 0; i < Math.min(bytes.length * 8, 24); i++) {
    if (bytes[i >> 3] & (0x80 >> (i & 7))) mask |= 1 << i;
  }
  return mask;
}

export function hasKeyUsage(info: CertInfo, bit: number): boolean {
  return info.keyUsage === undefined || (info.keyUsage & (1 << bit)) !== 0;
}

export function integerValue(value: number | asn1js.Integer | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  return value.valueBlock.valueDec;
}

function asInteger(bytes: Uint8Array, what: string): number {
  const node = parseBer(bytes, what);
  if (!(node instanceof asn1js.Integer)) throw new MalformedInputError(`${what} is not an INTEGER`);
  return node.valueBlock.valueDec;
}

export function rawExtensions(list: pkijs.Extension[] | undefined): RawExtension[] {
  return (list ?? []).map((e) => ({
    oid: e.extnID,
    critical: e.critical,
    value: new Uint8Array(e.extnValue.valueBlock.valueHexView),
  }));
}

function decodeExtension(info: CertInfo, ext: RawExtension): void {
  const what = `extension ${ext.oid}`;
  switch (ext.oid) {
    case EXT.basicConstraints: {
      const bc = parsePkiObject(pkijs.BasicConstraints, ext.value, what);
      info.basicConstraints = { cA: bc.cA, pathLen: integerValue(bc.pathLenConstraint) };
      break;
    }
    case EXT.keyUsage: {
      const node = parseBer(ext.value, what);
      if (!(node instanceof asn1js.BitString)) throw new MalformedInputError('keyUsage is not a BIT STRING');
      info.keyUsage = bitStringMask(node);
      break;
    }
    case EXT.extKeyUsage:
      info.eku = parsePkiObject(pkijs.ExtKeyUsage, ext.value, what).keyPurposes;
      break;
    case EXT.subjectKeyIdentifier: {
      const node = parseBer(ext.value, what);
      if (!(node instanceof asn1js.OctetString)) throw new MalformedInputError('subjectKeyIdentifier is not an OCTET STRING');
      info.ski = toHex(node.valueBlock.valueHexView);
      break;
    }
    case EXT.authorityKeyIdentifier: {
      const aki = parsePkiObject(pkijs.AuthorityKeyIdentifier, ext.value, what);
      if (aki.keyIdentifier) info.akiKeyId = toHex(aki.keyIdentifier.valueBlock.valueHexView);
      break;
    }
    case EXT.subjectAltName:
      info.san = parsePkiObject(pkijs.AltName, ext.value, what).altNames;
      break;
    case EXT.nameConstraints:
      info.nameConstraints = parsePkiObject(pkijs.NameConstraints, ext.value, what);
      break;
    case EXT.certificatePolicies: {
      const list = parsePkiObject(pkijs.CertificatePolicies, ext.value, what).certificatePolicies;
      const oids = list.map((p) => p.policyIdentifier);
      if (new Set(oids).size !== oids.length) throw new MalformedInputError('certificatePolicies repeats a policy');
      info.policies = oids;
      break;
    }
    case EXT.policyMappings:
      info.policyMappings = parsePkiObject(pkijs.PolicyMappings, ext.value, what).mappings.map(
        (m) => [m.issuerDomainPolicy, m.subjectDomainPolicy] as [string, string],
      );
      break;
    case EXT.policyConstraints: {
      const pc = parsePkiObject(pkijs.PolicyConstraints, ext.value, what);
      info.requireExplicitPolicy = pc.requireExplicitPolicy;
      info.inhibitPolicyMapping = pc.inhibitPolicyMapping;
      break;
    }
    case EXT.inhibitAnyPolicy:
      info.inhibitAnyPolicy = asInteger(ext.value, what);
      break;
    case EXT.cRLDistributionPoints:
      info.crlDistributionPoints = parseCrlDistributionPoints(ext.value);
      break;
    case EXT.freshestCRL:
      info.freshestCrl = parseCrlDistributionPoints(ext.value);
      break;
    case EXT.authorityInfoAccess: {
      const aia = parsePkiObject(pkijs.InfoAccess, ext.value, what);
      for (const d of aia.accessDescriptions) {
        if (d.accessMethod === OCSP_ACCESS && d.accessLocation.type === 6) info.ocspUrls.push(String(d.accessLocation.value));
      }
      break;
    }
    default:
      break;
  }
}

export function certInfo(cert: pkijs.Certificate): CertInfo {
  const hit = cache.get(cert);
  if (hit) return hit;
  const der = toDer(cert);
  const subject = parseName(cert.subject);
  const issuer = parseName(cert.issuer);
  const info: CertInfo = {
    cert,
    der,
    id: toHex(der),
    subject,
    issuer,
    selfIssued: namesEqual(subject, issuer),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    serialHex: toHex(cert.serialNumber.valueBlock.valueHexView),
    extensions: rawExtensions(cert.extensions),
    unknownCritical: [],
    malformed: [],
    san: [],
    ocspUrls: [],
  };
  const seen = new Set<string>();
  for (const ext of info.extensions) {
    if (seen.has(ext.oid)) info.malformed.push(`extension ${ext.oid} appears more than once`);
    seen.add(ext.oid);
    if (ext.critical && !PROCESSED_CERT_EXTENSIONS.has(ext.oid)) info.unknownCritical.push(ext.oid);
    try {
      decodeExtension(info, ext);
    } catch (err) {
      info.malformed.push(`extension ${ext.oid} cannot be decoded: ${(err as Error).message}`);
    }
  }
  cache.set(cert, info);
  return info;
}

/**
 * certInfo for look-ups (SKI matching, addresses, revocation URLs) where a certificate that
 * cannot be decoded simply matches nothing; path validation reports it instead. Use this,
 * not pkijs's Extension.parsedValue, which re-parses lazily with asn1js defaults and throws
 * untyped errors on crafted values (fuzz target cms-verify).
 */
export function certInfoIfDecodable(cert: pkijs.Certificate): CertInfo | undefined {
  try {
    return certInfo(cert);
  } catch {
    return undefined;
  }
}

/** The subjectKeyIdentifier in hex; undefined when absent or malformed. */
export function subjectKeyIdHex(cert: pkijs.Certificate): string | undefined {
  return certInfoIfDecodable(cert)?.ski;
}

/** Whether the certificate publishes any revocation source (CRL DP URL/name or OCSP). */
export function publishesRevocationSource(info: CertInfo): boolean {
  return (info.crlDistributionPoints?.length ?? 0) > 0 || info.ocspUrls.length > 0;
}

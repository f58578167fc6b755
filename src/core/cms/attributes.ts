/**
 * The CMS signed attributes S/MIME uses (RFC 5652 §11, RFC 8551 §2.5, RFC 5035): building
 * them for our signatures and reading their values back from received ones.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toDer } from '../asn1';
import { concatBytes, toArrayBuffer, toHex } from '../bytes';
import { MalformedInputError } from '../errors';
import { OID } from '../oids';
import { encodeSmimeCapabilities, type SmimeCapability } from './capabilities';

/** RFC 2634 signingCertificate (ESSCertID with SHA-1); read only. */
export const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

export function contentTypeAttribute(contentType: string): pkijs.Attribute {
  return attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType }));
}

export function messageDigestAttribute(digest: Uint8Array): pkijs.Attribute {
  return attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }));
}

/** UTCTime for 1950–2049 and GeneralizedTime otherwise (RFC 5652 §11.3), whole seconds. */
export function signingTimeAttribute(time: Date): pkijs.Attribute {
  const date = new Date(Math.floor(time.getTime() / 1000) * 1000);
  const year = date.getUTCFullYear();
  const value =
    year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
  return attribute(OID.signingTime, value);
}

export function smimeCapabilitiesAttribute(caps: SmimeCapability[]): pkijs.Attribute {
  return attribute(OID.smimeCapabilities, encodeSmimeCapabilities(caps));
}

/** SMIMEEncryptionKeyPreference, issuerAndSerialNumber choice ([0] IMPLICIT), RFC 8551 §2.5.3. */
export function encryptionKeyPreferenceAttribute(cert: pkijs.Certificate): pkijs.Attribute {
  const ias = new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [cert.issuer.toSchema(), cert.serialNumber],
  });
  return attribute(OID.smimeEncryptionKeyPreference, ias);
}

/**
 * signingCertificateV2 (RFC 5035) with one ESSCertIDv2: SHA-256 of the certificate (the
 * default hashAlgorithm, so omitted) and its issuer/serial, binding the signature to the cert.
 */
export async function signingCertificateV2Attribute(cert: pkijs.Certificate): Promise<pkijs.Attribute> {
  const certDer = toDer(cert);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(certDer)));
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: cert.issuer }).toSchema()] }),
      cert.serialNumber,
    ],
  });
  const essCertId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(hash) }), issuerSerial],
  });
  const value = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
  return attribute(OID.signingCertificateV2, value);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/**
 * DER SET OF ordering (X.690 §11.6): the attributes sorted by their encodings. Returns them in
 * that order plus the SET encoding the signature is computed over (RFC 5652 §5.4).
 */
export function sortSignedAttributes(attrs: pkijs.Attribute[]): { attributes: pkijs.Attribute[]; setDer: Uint8Array } {
  const encoded = attrs.map((attr) => ({ attr, der: new Uint8Array(attr.toSchema().toBER(false)) }));
  encoded.sort((x, y) => compareBytes(x.der, y.der));
  const body = concatBytes(...encoded.map((e) => e.der));
  return { attributes: encoded.map((e) => e.attr), setDer: concatBytes(Uint8Array.of(0x31), derLength(body.length), body) };
}

/** signingTime value: UTCTime or GeneralizedTime. */
export function parseSigningTime(value: asn1js.AsnType): Date {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const date = value.toDate();
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new MalformedInputError('signingTime is not a valid UTCTime or GeneralizedTime');
}

export type EncryptionKeyPreference = { issuer: string; serialNumber: string } | { subjectKeyIdentifier: string };

const ATTRIBUTE_SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  [OID.emailAddress]: 'E',
};

/** A readable one-line form of a Name (most significant RDN first, as in the certificate). */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value = tv.value.valueBlock as { value?: unknown };
      const text = typeof value.value === 'string' ? value.value : toHex(new Uint8Array(tv.value.toBER(false)));
      return `${ATTRIBUTE_SHORT_NAMES[tv.type] ?? tv.type}=${text}`;
    })
    .join(', ');
}

function integerHex(value: asn1js.Integer): string {
  return toHex(value.valueBlock.valueHexView);
}

/** SMIMEEncryptionKeyPreference: [0] issuerAndSerialNumber, [1] RecipientKeyIdentifier, [2] SKI. */
export function parseEncryptionKeyPreference(value: asn1js.AsnType): EncryptionKeyPreference {
  const tag = value.idBlock;
  if (tag.tagClass === 3 && tag.tagNumber === 0 && value instanceof asn1js.Constructed) {
    const [issuer, serial] = value.valueBlock.value;
    if (!(serial instanceof asn1js.Integer) || !(issuer instanceof asn1js.Sequence)) {
      throw new MalformedInputError('SMIMEEncryptionKeyPreference issuerAndSerialNumber is malformed');
    }
    const name = new pkijs.RelativeDistinguishedNames({ schema: issuer });
    return { issuer: nameToString(name), serialNumber: integerHex(serial) };
  }
  if (tag.tagClass === 3 && tag.tagNumber === 1 && value instanceof asn1js.Constructed) {
    const ski = value.valueBlock.value[0];
    if (ski instanceof asn1js.OctetString) return { subjectKeyIdentifier: toHex(ski.valueBlock.valueHexView) };
  }
  if (tag.tagClass === 3 && tag.tagNumber === 2 && !tag.isConstructed) {
    return { subjectKeyIdentifier: toHex((value as asn1js.Primitive).valueBlock.valueHexView) };
  }
  throw new MalformedInputError('SMIMEEncryptionKeyPreference has an unknown form');
}

/** ESSCertID(v2) entries of a signingCertificate(V2) value: hash OID and certificate hash. */
export function parseSigningCertificate(
  value: asn1js.AsnType,
  v2: boolean,
): { hashOid: string; certHash: Uint8Array }[] {
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  if (!(certs instanceof asn1js.Sequence)) throw new MalformedInputError('signingCertificate attribute is malformed');
  return certs.valueBlock.value.map((id) => {
    const parts = id instanceof asn1js.Sequence ? id.valueBlock.value : [];
    let hashOid: string = v2 ? OID.sha256 : OID.sha1;
    let i = 0;
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      hashOid = new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId;
      i = 1;
    }
    const hash = parts[i];
    if (!(hash instanceof asn1js.OctetString)) throw new MalformedInputError('ESSCertID has no certHash');
    return { hashOid, certHash: hash.valueBlock.valueHexView };
  });
}

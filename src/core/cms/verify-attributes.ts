/**
 * The signed-attribute rules a received SignerInfo must follow (RFC 5652 §5.3, §11; RFC 8551
 * §2.5). pkijs checks only that contentType exists and takes the first messageDigest, so a
 * second, conflicting one would go unnoticed; here every duplicate is an error.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { OID } from '../oids';
import { parseSmimeCapabilities, type SmimeCapability } from './capabilities';
import {
  OID_SIGNING_CERTIFICATE,
  parseEncryptionKeyPreference,
  parseSigningCertificate,
  parseSigningTime,
  type EncryptionKeyPreference,
} from './attributes';

export interface SignedAttributeFindings {
  /** Violations that make the signer invalid. */
  errors: string[];
  messageDigest?: Uint8Array;
  signingTime?: Date;
  capabilities?: SmimeCapability[];
  encryptionKeyPreference?: EncryptionKeyPreference;
  /** The ESSCertID that names the signer's certificate (the first one, RFC 5035 §3). */
  signingCertificate?: { hashOid: string; certHash: Uint8Array };
}

/** The single value of an attribute that may occur at most once with exactly one value. */
function singleValue(
  attrs: pkijs.Attribute[],
  type: string,
  name: string,
  errors: string[],
  required: boolean,
): asn1js.AsnType | undefined {
  const found = attrs.filter((a) => a.type === type);
  if (found.length === 0) {
    if (required) errors.push(`The ${name} signed attribute is missing.`);
    return undefined;
  }
  if (found.length > 1) {
    errors.push(`There are ${found.length} ${name} signed attributes; exactly one is allowed.`);
    return undefined;
  }
  // pkijs leaves `values` undefined when the SET of values is not a SET (found by fuzzing).
  const values: unknown = found[0].values;
  if (!Array.isArray(values) || values.length !== 1) {
    errors.push(`The ${name} signed attribute has ${Array.isArray(values) ? values.length : 'no readable'} values; exactly one is required.`);
    return undefined;
  }
  return values[0] as asn1js.AsnType;
}

/** Reads an optional informational attribute; an unreadable one is ignored, not fatal. */
function optional<T>(value: asn1js.AsnType | undefined, parse: (v: asn1js.AsnType) => T): T | undefined {
  if (value === undefined) return undefined;
  try {
    return parse(value);
  } catch {
    return undefined;
  }
}

export function checkSignedAttributes(attrs: pkijs.Attribute[], eContentType: string): SignedAttributeFindings {
  const errors: string[] = [];
  const findings: SignedAttributeFindings = { errors };

  const contentType = singleValue(attrs, OID.contentType, 'content-type', errors, true);
  if (contentType !== undefined) {
    const value = contentType instanceof asn1js.ObjectIdentifier ? contentType.valueBlock.toString() : undefined;
    if (value === undefined) errors.push('The content-type signed attribute is not an object identifier.');
    else if (value !== eContentType) {
      errors.push(`The content-type signed attribute (${value}) does not match the signed content type (${eContentType}).`);
    }
  }

  const digest = singleValue(attrs, OID.messageDigest, 'message-digest', errors, true);
  if (digest !== undefined) {
    if (digest instanceof asn1js.OctetString && !digest.idBlock.isConstructed) {
      findings.messageDigest = digest.valueBlock.valueHexView;
    } else {
      errors.push('The message-digest signed attribute is not an OCTET STRING.');
    }
  }

  const time = singleValue(attrs, OID.signingTime, 'signing-time', errors, false);
  if (time !== undefined) {
    try {
      findings.signingTime = parseSigningTime(time);
    } catch (err) {
      errors.push(`The signing-time signed attribute is unreadable: ${(err as Error).message}.`);
    }
  }

  findings.capabilities = optional(
    singleValue(attrs, OID.smimeCapabilities, 'SMIMECapabilities', errors, false),
    parseSmimeCapabilities,
  );
  findings.encryptionKeyPreference = optional(
    singleValue(attrs, OID.smimeEncryptionKeyPreference, 'SMIMEEncryptionKeyPreference', errors, false),
    parseEncryptionKeyPreference,
  );

  const v2 = singleValue(attrs, OID.signingCertificateV2, 'signingCertificateV2', errors, false);
  const v1 = singleValue(attrs, OID_SIGNING_CERTIFICATE, 'signingCertificate', errors, false);
  const signingCert = v2 ?? v1;
  if (signingCert !== undefined) {
    try {
      const ids = parseSigningCertificate(signingCert, v2 !== undefined);
      if (ids.length === 0) errors.push('The signingCertificate attribute names no certificate.');
      else findings.signingCertificate = ids[0];
    } catch (err) {
      errors.push(`The signingCertificate attribute is unreadable: ${(err as Error).message}.`);
    }
  }
  return findings;
}

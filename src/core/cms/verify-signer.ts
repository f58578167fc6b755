/**
 * Checks one SignerInfo: finds its certificate (SKI matched against the certificate's SKI
 * extension, unlike pkijs), applies the signed-attribute rules, compares the message digest
 * and verifies the signature over the signedAttrs exactly as received.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toDer } from '../asn1';
import { subjectKeyIdHex } from '../pki/extensions';
import { bytesEqual, toArrayBuffer, toHex } from '../bytes';
import { SmimeError, UnsupportedAlgorithmError } from '../errors';
import { digestNameFromOid, type DigestName } from '../oids';
import type { SignatureScheme } from '../keys';
import type { SmimeCapability } from './capabilities';
import type { EncryptionKeyPreference } from './attributes';
import { digestLabel, parseSignatureAlgorithm, signatureLabel } from './signature-algorithms';
import { checkSignedAttributes } from './verify-attributes';
import { rsaModulusBits, verifyWithCertificate } from './verify-signature';

export interface SignerCheck {
  index: number;
  /** Signature verified AND messageDigest matched AND attribute rules held. */
  signatureValid: boolean;
  /**
   * The SignerInfo breaks S/MIME structure rules (no signedAttrs, missing/duplicate/mismatched
   * content-type or message-digest): checklist outcome X, distinct from a broken signature (R).
   */
  malformed: boolean;
  /** Readable reasons when not valid (or structural problems of this SignerInfo). */
  errors: string[];
  /** The certificate that matched the SignerIdentifier. */
  certificate?: pkijs.Certificate;
  /** 'SHA-256', or the OID if unknown. */
  digestAlgorithm: string;
  /** e.g. 'RSASSA-PKCS1-v1_5 with SHA-256', 'RSASSA-PSS with SHA-256', 'ECDSA with SHA-384'. */
  signatureAlgorithm: string;
  /** e.g. ['SHA-1'], ['MD5'], ['RSA-1024']. */
  weakAlgorithms: string[];
  signingTime?: Date;
  capabilities?: SmimeCapability[];
  encryptionKeyPreference?: EncryptionKeyPreference;
}

export interface SignerContext {
  eContentType: string;
  /** undefined when the message carries no content and none was supplied. */
  content?: Uint8Array;
  certificates: pkijs.Certificate[];
  /** Shared across signers so a large content is hashed once per algorithm. */
  digest(name: DigestName): Promise<Uint8Array>;
}

const WEAK_DIGESTS = new Set(['SHA-1', 'MD5', 'MD2']);
const MIN_RSA_BITS = 2048;

function candidates(sid: unknown, certificates: pkijs.Certificate[]): pkijs.Certificate[] {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.filter((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
  }
  // [0] IMPLICIT SubjectKeyIdentifier
  if (sid instanceof asn1js.BaseBlock && sid.idBlock.tagClass === 3 && sid.idBlock.tagNumber === 0) {
    const ski = (sid as asn1js.Primitive).valueBlock.valueHexView;
    if (!ski) return [];
    const wanted = toHex(ski);
    return certificates.filter((c) => subjectKeyIdHex(c) === wanted);
  }
  return [];
}

function describeSid(sid: unknown): string {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return `serial number ${toHex(sid.serialNumber.valueBlock.valueHexView)}`;
  }
  const ski = (sid as asn1js.Primitive | undefined)?.valueBlock?.valueHexView;
  return ski ? `subject key identifier ${toHex(ski)}` : 'an unreadable signer identifier';
}

function reason(err: unknown): string {
  if (err instanceof SmimeError) return err.message;
  return `The signature could not be checked: ${err instanceof Error ? err.message : String(err)}`;
}

async function certificateHash(cert: pkijs.Certificate, hashOid: string): Promise<Uint8Array | undefined> {
  const hash = digestNameFromOid(hashOid);
  if (!hash) return undefined;
  const der = toDer(cert);
  return new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(der)));
}

/**
 * Checks one SignerInfo. Fails closed: anything unexpected while looking at attacker-supplied
 * structures makes this signer malformed rather than escaping as an untyped exception.
 */
export async function checkSigner(signerInfo: pkijs.SignerInfo, index: number, ctx: SignerContext): Promise<SignerCheck> {
  try {
    return await inspectSigner(signerInfo, index, ctx);
  } catch (err) {
    return {
      index,
      signatureValid: false,
      malformed: true,
      errors: [reason(err)],
      digestAlgorithm: '(unknown)',
      signatureAlgorithm: '(unknown)',
      weakAlgorithms: [],
    };
  }
}

async function inspectSigner(signerInfo: pkijs.SignerInfo, index: number, ctx: SignerContext): Promise<SignerCheck> {
  const errors: string[] = [];
  const weak = new Set<string>();
  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  const check: SignerCheck = {
    index,
    signatureValid: false,
    malformed: false,
    errors,
    digestAlgorithm: digestLabel(digestOid),
    signatureAlgorithm: signatureLabel(signerInfo.signatureAlgorithm.algorithmId, digestOid),
    weakAlgorithms: [],
  };
  if (WEAK_DIGESTS.has(check.digestAlgorithm)) weak.add(check.digestAlgorithm);

  let scheme: SignatureScheme | undefined;
  try {
    const parsed = parseSignatureAlgorithm(signerInfo.signatureAlgorithm, digestOid);
    scheme = parsed.scheme;
    check.signatureAlgorithm = parsed.label;
    if (WEAK_DIGESTS.has(scheme.hash)) weak.add(scheme.hash);
  } catch (err) {
    errors.push(reason(err));
  }
  const digestName = digestNameFromOid(digestOid);
  if (!digestName) errors.push(new UnsupportedAlgorithmError(`Unsupported digest algorithm ${check.digestAlgorithm}`).message);

  const found = candidates(signerInfo.sid, ctx.certificates);
  if (found.length === 0) {
    errors.push(`The signer's certificate (${describeSid(signerInfo.sid)}) is not in the message.`);
  }
  check.certificate = found[0];

  const signature = signerInfo.signature.valueBlock.valueHexView;
  const signedAttrs = signerInfo.signedAttrs;
  let signedBytes: Uint8Array | undefined;
  let contentDigest: Uint8Array | undefined;
  let essCertId: { hashOid: string; certHash: Uint8Array } | undefined;
  if (digestName && ctx.content) contentDigest = await ctx.digest(digestName);

  if (!signedAttrs) {
    // ForgedAttributes (LAMPS BCP): without signedAttrs the signature does not commit to their absence.
    check.malformed = true;
    errors.push('The signature has no signed attributes; S/MIME signatures must have them.');
  } else {
    const findings = checkSignedAttributes(signedAttrs.attributes, ctx.eContentType);
    if (findings.errors.length > 0) check.malformed = true;
    errors.push(...findings.errors);
    check.signingTime = findings.signingTime;
    check.capabilities = findings.capabilities;
    check.encryptionKeyPreference = findings.encryptionKeyPreference;
    if (!ctx.content) {
      errors.push('There is no content to compare the message digest with.');
    } else if (findings.messageDigest && contentDigest && !bytesEqual(findings.messageDigest, contentDigest)) {
      errors.push('The content does not match the message digest: it was changed after signing.');
    }
    // RFC 5652 §5.4: the signature covers the attributes with an explicit SET OF tag.
    signedBytes = new Uint8Array(signedAttrs.encodedValue).slice();
    signedBytes[0] = 0x31;
    essCertId = findings.signingCertificate;
  }

  let signatureOk = false;
  if (scheme && found.length > 0) {
    // Raw content when there are no signed attributes, only to say whether the signature itself holds.
    const data = signedBytes ?? ctx.content;
    if (data) {
      try {
        for (const cert of found) {
          if (await verifyWithCertificate(cert, scheme, data, signature)) {
            signatureOk = true;
            check.certificate = cert;
            break;
          }
        }
        if (!signatureOk) errors.push('The signature value does not verify with the signer certificate.');
        else if (!signedBytes) errors.push('(The signature over the content itself is cryptographically correct.)');
      } catch (err) {
        errors.push(reason(err));
      }
    }
  }

  if (essCertId && check.certificate) {
    const hash = await certificateHash(check.certificate, essCertId.hashOid);
    if (hash && !bytesEqual(hash, essCertId.certHash)) {
      errors.push('The signingCertificate attribute names a different certificate than the one that signed.');
    }
  }

  const bits = check.certificate ? rsaModulusBits(check.certificate) : undefined;
  if (bits !== undefined && bits < MIN_RSA_BITS) weak.add(`RSA-${bits}`);
  check.weakAlgorithms = [...weak];
  check.signatureValid = signatureOk && errors.length === 0;
  return check;
}

/**
 * Structural and cryptographic verification of a CMS SignedData (no path validation: that is
 * src/core/pki's job). Every problem is reported as data, per SignerInfo; only input that is
 * not a ContentInfo(SignedData) at all throws.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseContentInfo } from '../asn1';
import { bufferSource, concatBytes } from '../bytes';
import { MalformedInputError } from '../errors';
import { OID, type DigestName } from '../oids';
import { checkSigner, type SignerCheck } from './verify-signer';

export type { SignerCheck } from './verify-signer';

export interface VerifyOptions {
  /** The signed content of a detached signature (multipart/signed). */
  detachedContent?: Uint8Array;
  /** Certificates supplied out of band (e.g. a signature made with -nocerts). */
  extraCertificates?: pkijs.Certificate[];
}

export interface SignedDataCheck {
  eContentType: string;
  /** The content that was signed (detachedContent, or the encapsulated eContent). */
  content: Uint8Array;
  detached: boolean;
  /** Problems that make the whole SignedData invalid. */
  structureErrors: string[];
  signers: SignerCheck[];
  /** From the message, plus extras. */
  certificates: pkijs.Certificate[];
  /** CRLs carried in the SignedData (RFC 5652 §5.1 crls), for path validation. */
  crls: pkijs.CertificateRevocationList[];
}

/** More SignerInfos than any mail client sends; beyond this we refuse to spend the work. */
export const MAX_SIGNER_INFOS = 64;
const MAX_OCTET_STRING_DEPTH = 8;

/** eContent as bytes; BER allows it split into a constructed OCTET STRING (openssl -stream). */
function octetStringBytes(value: asn1js.AsnType, depth = 0): Uint8Array | undefined {
  if (!(value instanceof asn1js.OctetString) || depth > MAX_OCTET_STRING_DEPTH) return undefined;
  if (!value.idBlock.isConstructed) return value.valueBlock.valueHexView;
  const parts: Uint8Array[] = [];
  for (const child of value.valueBlock.value) {
    const bytes = octetStringBytes(child, depth + 1);
    if (!bytes) return undefined;
    parts.push(bytes);
  }
  return concatBytes(...parts);
}

/**
 * Keeps at most MAX_SIGNER_INFOS + 1 SignerInfos in the schema before pkijs builds an object
 * per entry (5 000 entries took over a minute: test/security H61). Returns the real count.
 */
function capSignerInfos(content: unknown): number | undefined {
  if (!(content instanceof asn1js.Sequence)) return undefined;
  const set = content.valueBlock.value[content.valueBlock.value.length - 1];
  if (!(set instanceof asn1js.Set) || set.valueBlock.value.length <= MAX_SIGNER_INFOS) return undefined;
  const count = set.valueBlock.value.length;
  set.valueBlock.value = set.valueBlock.value.slice(0, MAX_SIGNER_INFOS + 1);
  return count;
}

function parseSignedData(der: Uint8Array): { signedData: pkijs.SignedData; signerCount?: number } {
  const contentInfo = parseContentInfo(der);
  if (contentInfo.contentType !== OID.signedData) {
    throw new MalformedInputError(`The CMS object is not SignedData (content type ${contentInfo.contentType})`);
  }
  const signerCount = capSignerInfos(contentInfo.content);
  try {
    return { signedData: new pkijs.SignedData({ schema: contentInfo.content }), signerCount };
  } catch (err) {
    throw new MalformedInputError(`The CMS SignedData has an invalid structure: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

export async function verifySignedData(der: Uint8Array, options: VerifyOptions = {}): Promise<SignedDataCheck> {
  const { signedData, signerCount } = parseSignedData(der);
  const structureErrors: string[] = [];
  const eContentType = signedData.encapContentInfo.eContentType;
  if (eContentType !== OID.data) {
    structureErrors.push(`The signed content type is ${eContentType}, not id-data; it is not an S/MIME message.`);
  }

  let eContent: Uint8Array | undefined;
  if (signedData.encapContentInfo.eContent) {
    eContent = octetStringBytes(signedData.encapContentInfo.eContent);
    if (!eContent) structureErrors.push('The encapsulated content is not an OCTET STRING.');
  }
  const detached = signedData.encapContentInfo.eContent === undefined;
  let content = options.detachedContent ?? eContent;
  if (options.detachedContent && signedData.encapContentInfo.eContent) {
    // Johnny C1: never let a hidden eContent vouch for the displayed detached part, so the
    // signers are checked against what the caller would display.
    structureErrors.push('The signature carries its own content and a detached content was also given (conflicting signed content).');
    content = options.detachedContent;
  }
  if (!content) structureErrors.push('There is no signed content: the signature is detached and no content was supplied.');

  const certificates = [
    ...(signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate),
    ...(options.extraCertificates ?? []),
  ];

  const signerInfos = signedData.signerInfos;
  const signers: SignerCheck[] = [];
  if (signerInfos.length === 0) {
    structureErrors.push('The signature has no signers (zero SignerInfos).');
  } else if (signerInfos.length > MAX_SIGNER_INFOS) {
    structureErrors.push(`The signature has ${signerCount ?? signerInfos.length} signers; more than ${MAX_SIGNER_INFOS} are not checked.`);
  } else {
    const digests = new Map<DigestName, Promise<Uint8Array>>();
    const digest = (name: DigestName) => {
      let result = digests.get(name);
      if (!result) {
        result = crypto.subtle.digest(name, bufferSource(content ?? new Uint8Array(0))).then((d) => new Uint8Array(d));
        digests.set(name, result);
      }
      return result;
    };
    for (let i = 0; i < signerInfos.length; i++) {
      signers.push(await checkSigner(signerInfos[i], i, { eContentType, content, certificates, digest }));
    }
  }

  return {
    eContentType,
    content: content ?? new Uint8Array(0),
    detached,
    structureErrors,
    signers,
    certificates,
    crls: (signedData.crls ?? []).filter((c): c is pkijs.CertificateRevocationList => c instanceof pkijs.CertificateRevocationList),
  };
}

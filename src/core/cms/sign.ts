/**
 * Creating CMS SignedData for S/MIME (RFC 5652 §5, RFC 8551 §2.5/§3.5). The SignerInfo is built
 * by hand and signed through the PrivateKeyHandle, so key bytes never reach pkijs and none of
 * its signing defaults (SHA-1, unsorted attributes) apply.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toDer } from '../asn1';
import { bufferSource, toArrayBuffer } from '../bytes';
import { BadInputError, KeyMismatchError } from '../errors';
import { OID, type DigestName } from '../oids';
import type { PrivateKeyHandle, SignatureScheme } from '../keys';
import { DEFAULT_SMIME_CAPABILITIES, type SmimeCapability } from './capabilities';
import {
  contentTypeAttribute,
  encryptionKeyPreferenceAttribute,
  messageDigestAttribute,
  signingCertificateV2Attribute,
  signingTimeAttribute,
  smimeCapabilitiesAttribute,
  sortSignedAttributes,
} from './attributes';
import {
  HASH_LENGTH,
  defaultDigestFor,
  digestAlgorithmIdentifier,
  signatureAlgorithmIdentifier,
} from './signature-algorithms';
import { verifyWithCertificate } from './verify-signature';

export interface SignerIdentity {
  certificate: pkijs.Certificate;
  /** Intermediates to include, not the root. */
  chain: pkijs.Certificate[];
  key: PrivateKeyHandle;
}

export interface SignOptions {
  /** true → no eContent (multipart/signed); false → opaque signed-data. */
  detached: boolean;
  /** Default: SHA-256 for RSA and P-256, SHA-384 for P-384, SHA-512 for P-521. */
  digest?: DigestName;
  /** Default pkcs1. PSS uses saltLength = hash length with explicit RSASSA-PSS-params. */
  rsaScheme?: 'pkcs1' | 'pss';
  /** Default now. */
  signingTime?: Date;
  /** Default DEFAULT_SMIME_CAPABILITIES. */
  capabilities?: SmimeCapability[];
  /** Default: the signer's own certificate; null omits the attribute. */
  encryptionKeyPreference?: pkijs.Certificate | null;
}

export interface SignResult {
  /** ContentInfo(SignedData), DER. */
  der: Uint8Array;
  /** multipart/signed micalg value (RFC 8551 §3.5.3.1). */
  micalg: string;
  digest: DigestName;
}

const MICALG: Record<DigestName, string> = {
  'SHA-1': 'sha-1',
  'SHA-256': 'sha-256',
  'SHA-384': 'sha-384',
  'SHA-512': 'sha-512',
};

export function micalgFor(digest: DigestName): string {
  const micalg = MICALG[digest];
  if (!micalg) throw new BadInputError(`Unknown digest ${String(digest)}`);
  return micalg;
}

function chooseScheme(key: PrivateKeyHandle, digest: DigestName, rsaScheme: 'pkcs1' | 'pss' | undefined): SignatureScheme {
  if (key.keyType === 'EC') {
    if (rsaScheme === 'pss') throw new BadInputError('RSA-PSS was requested but the signing key is an EC key');
    return { scheme: 'ecdsa', hash: digest };
  }
  if (rsaScheme === 'pss') return { scheme: 'rsa-pss', hash: digest, saltLength: HASH_LENGTH[digest] };
  return { scheme: 'rsa-pkcs1', hash: digest };
}

function certificateKeyType(cert: pkijs.Certificate): 'RSA' | 'EC' | undefined {
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg === OID.rsaEncryption || alg === OID.rsassaPss) return 'RSA';
  if (alg === OID.ecPublicKey) return 'EC';
  return undefined;
}

function encapsulatedContent(content: Uint8Array, detached: boolean): asn1js.Sequence {
  const value: asn1js.AsnType[] = [new asn1js.ObjectIdentifier({ value: OID.data })];
  if (!detached) {
    value.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.OctetString({ valueHex: toArrayBuffer(content) })],
      }),
    );
  }
  return new asn1js.Sequence({ value });
}

export async function signData(content: Uint8Array, signer: SignerIdentity, options: SignOptions): Promise<SignResult> {
  const { certificate, key } = signer;
  if (certificateKeyType(certificate) !== key.keyType) throw new KeyMismatchError();
  const digest = options.digest ?? defaultDigestFor(key.keyType, key.namedCurve);
  if (!(digest in HASH_LENGTH)) throw new BadInputError(`Unknown digest ${String(digest)}`);
  const scheme = chooseScheme(key, digest, options.rsaScheme);

  const contentDigest = new Uint8Array(await crypto.subtle.digest(digest, bufferSource(content)));
  const attrs = [
    contentTypeAttribute(OID.data),
    signingTimeAttribute(options.signingTime ?? new Date()),
    messageDigestAttribute(contentDigest),
    smimeCapabilitiesAttribute(options.capabilities ?? DEFAULT_SMIME_CAPABILITIES),
  ];
  const preference = options.encryptionKeyPreference === undefined ? certificate : options.encryptionKeyPreference;
  if (preference) attrs.push(encryptionKeyPreferenceAttribute(preference));
  attrs.push(await signingCertificateV2Attribute(certificate));
  const { attributes, setDer } = sortSignedAttributes(attrs);

  const signature = await key.sign(setDer, scheme);
  // Catches a key paired with the wrong certificate before the message leaves.
  if (!(await verifyWithCertificate(certificate, scheme, setDer, signature))) throw new KeyMismatchError();

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: digestAlgorithmIdentifier(digest),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: signatureAlgorithmIdentifier(scheme),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });

  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [digestAlgorithmIdentifier(digest)],
    certificates: [certificate, ...signer.chain.filter((c) => c !== certificate)],
    signerInfos: [signerInfo],
  });
  const schema = signedData.toSchema(true) as asn1js.Sequence;
  // EncapsulatedContentInfo by hand: pkijs splits eContent into a constructed OCTET STRING
  // (not DER) and drops an empty one (which would turn opaque into detached).
  schema.valueBlock.value[2] = encapsulatedContent(content, options.detached);
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: schema });
  return { der: toDer(contentInfo), micalg: micalgFor(digest), digest };
}

/**
 * Signature and digest AlgorithmIdentifiers as S/MIME peers write them, in both directions:
 * building them when we sign, and mapping received ones to WebCrypto parameters when we verify.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { UnsupportedAlgorithmError } from '../errors';
import { OID, DIGEST_OID, digestNameFromOid, type DigestName } from '../oids';
import type { NamedCurve, SignatureScheme } from '../keys';

/** OIDs not in oids.ts: legacy algorithms we only recognise to name them in errors. */
const LEGACY_OID = {
  md2: '1.2.840.113549.2.2',
  sha224: '2.16.840.1.101.3.4.2.4',
  md2WithRSA: '1.2.840.113549.1.1.2',
  sha224WithRSA: '1.2.840.113549.1.1.14',
  dsa: '1.2.840.10040.4.1',
  dsaWithSHA1: '1.2.840.10040.4.3',
  dsaWithSHA256: '2.16.840.1.101.3.4.3.2',
  ecdsaWithSHA224: '1.2.840.10045.4.3.1',
  ed448: '1.3.101.113',
} as const;

const DIGEST_LABEL: Record<string, string> = {
  [OID.md5]: 'MD5',
  [LEGACY_OID.md2]: 'MD2',
  [LEGACY_OID.sha224]: 'SHA-224',
};

const SIGNATURE_LABEL: Record<string, string> = {
  [OID.md5WithRSA]: 'RSASSA-PKCS1-v1_5 with MD5',
  [LEGACY_OID.md2WithRSA]: 'RSASSA-PKCS1-v1_5 with MD2',
  [LEGACY_OID.sha224WithRSA]: 'RSASSA-PKCS1-v1_5 with SHA-224',
  [LEGACY_OID.dsa]: 'DSA',
  [LEGACY_OID.dsaWithSHA1]: 'DSA with SHA-1',
  [LEGACY_OID.dsaWithSHA256]: 'DSA with SHA-256',
  [LEGACY_OID.ecdsaWithSHA224]: 'ECDSA with SHA-224',
  [OID.ed25519]: 'Ed25519',
  [LEGACY_OID.ed448]: 'Ed448',
};

const RSA_PKCS1_HASH: Record<string, DigestName> = {
  [OID.sha1WithRSA]: 'SHA-1',
  [OID.sha256WithRSA]: 'SHA-256',
  [OID.sha384WithRSA]: 'SHA-384',
  [OID.sha512WithRSA]: 'SHA-512',
};

const ECDSA_HASH: Record<string, DigestName> = {
  [OID.ecdsaWithSHA1]: 'SHA-1',
  [OID.ecdsaWithSHA256]: 'SHA-256',
  [OID.ecdsaWithSHA384]: 'SHA-384',
  [OID.ecdsaWithSHA512]: 'SHA-512',
};

const ECDSA_OID: Record<DigestName, string> = {
  'SHA-1': OID.ecdsaWithSHA1,
  'SHA-256': OID.ecdsaWithSHA256,
  'SHA-384': OID.ecdsaWithSHA384,
  'SHA-512': OID.ecdsaWithSHA512,
};

export const HASH_LENGTH: Record<DigestName, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** A readable name for a digest OID ('SHA-256', 'MD5', or the OID itself). */
export function digestLabel(oid: string): string {
  return digestNameFromOid(oid) ?? DIGEST_LABEL[oid] ?? oid;
}

/** Digest AlgorithmIdentifier with absent parameters (RFC 5754 §2). */
export function digestAlgorithmIdentifier(digest: DigestName): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OID[digest] });
}

/** The digest the sender should use when the caller names none: matched to the key strength. */
export function defaultDigestFor(keyType: 'RSA' | 'EC', namedCurve?: NamedCurve): DigestName {
  if (keyType === 'EC' && namedCurve === 'P-384') return 'SHA-384';
  if (keyType === 'EC' && namedCurve === 'P-521') return 'SHA-512';
  return 'SHA-256';
}

/** SignerInfo.signatureAlgorithm for our own signatures, in the form OpenSSL and NSS emit. */
export function signatureAlgorithmIdentifier(scheme: SignatureScheme): pkijs.AlgorithmIdentifier {
  if (scheme.scheme === 'rsa-pkcs1') {
    return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() });
  }
  if (scheme.scheme === 'ecdsa') {
    // ecdsa-with-SHAxxx: parameters MUST be absent (RFC 5758 §3.2).
    return new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_OID[scheme.hash] });
  }
  const params = new pkijs.RSASSAPSSParams({
    hashAlgorithm: digestAlgorithmIdentifier(scheme.hash),
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.mgf1,
      algorithmParams: digestAlgorithmIdentifier(scheme.hash).toSchema(),
    }),
    saltLength: scheme.saltLength,
  });
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsassaPss, algorithmParams: params.toSchema() });
}

/** What a received signatureAlgorithm asks the verifier to do. */
export interface ReceivedSignatureAlgorithm {
  scheme: SignatureScheme;
  /** e.g. 'RSASSA-PKCS1-v1_5 with SHA-256'. */
  label: string;
}

export function describeSignatureScheme(scheme: SignatureScheme): string {
  if (scheme.scheme === 'rsa-pkcs1') return `RSASSA-PKCS1-v1_5 with ${scheme.hash}`;
  if (scheme.scheme === 'rsa-pss') return `RSASSA-PSS with ${scheme.hash}`;
  return `ECDSA with ${scheme.hash}`;
}

/** A readable name for a signature OID we may not support (used when reporting errors). */
export function signatureLabel(oid: string, digestOid: string): string {
  if (oid === OID.rsaEncryption) return `RSASSA-PKCS1-v1_5 with ${digestLabel(digestOid)}`;
  if (oid === OID.ecPublicKey) return `ECDSA with ${digestLabel(digestOid)}`;
  if (oid === OID.rsassaPss) return 'RSASSA-PSS';
  if (RSA_PKCS1_HASH[oid]) return `RSASSA-PKCS1-v1_5 with ${RSA_PKCS1_HASH[oid]}`;
  if (ECDSA_HASH[oid]) return `ECDSA with ${ECDSA_HASH[oid]}`;
  return SIGNATURE_LABEL[oid] ?? oid;
}

function requireDigest(digestOid: string, what: string): DigestName {
  const digest = digestNameFromOid(digestOid);
  if (!digest) throw new UnsupportedAlgorithmError(`Unsupported digest algorithm ${digestLabel(digestOid)} in ${what}`);
  return digest;
}

/**
 * Maps SignerInfo.signatureAlgorithm (+ digestAlgorithm, which rsaEncryption and
 * ecPublicKey rely on) to a WebCrypto-capable scheme, or throws UnsupportedAlgorithmError.
 */
export function parseSignatureAlgorithm(
  signatureAlgorithm: pkijs.AlgorithmIdentifier,
  digestOid: string,
): ReceivedSignatureAlgorithm {
  const oid = signatureAlgorithm.algorithmId;
  let scheme: SignatureScheme;
  if (oid === OID.rsaEncryption) {
    scheme = { scheme: 'rsa-pkcs1', hash: requireDigest(digestOid, 'the RSA signature') };
  } else if (RSA_PKCS1_HASH[oid]) {
    scheme = { scheme: 'rsa-pkcs1', hash: RSA_PKCS1_HASH[oid] };
  } else if (ECDSA_HASH[oid]) {
    scheme = { scheme: 'ecdsa', hash: ECDSA_HASH[oid] };
  } else if (oid === OID.ecPublicKey) {
    scheme = { scheme: 'ecdsa', hash: requireDigest(digestOid, 'the ECDSA signature') };
  } else if (oid === OID.rsassaPss) {
    scheme = parsePssParams(signatureAlgorithm.algorithmParams);
  } else {
    throw new UnsupportedAlgorithmError(`Unsupported signature algorithm ${signatureLabel(oid, digestOid)}`);
  }
  return { scheme, label: describeSignatureScheme(scheme) };
}

function parsePssParams(params: unknown): SignatureScheme {
  if (!(params instanceof asn1js.Sequence)) {
    throw new UnsupportedAlgorithmError('RSASSA-PSS signature without RSASSA-PSS-params is not supported');
  }
  let parsed: pkijs.RSASSAPSSParams;
  try {
    parsed = new pkijs.RSASSAPSSParams({ schema: params });
  } catch {
    throw new UnsupportedAlgorithmError('RSASSA-PSS signature has unreadable RSASSA-PSS-params');
  }
  const hash = requireDigest(parsed.hashAlgorithm.algorithmId, 'the RSASSA-PSS parameters');
  if (parsed.maskGenAlgorithm.algorithmId !== OID.mgf1) {
    throw new UnsupportedAlgorithmError(`Unsupported RSASSA-PSS mask generation function ${parsed.maskGenAlgorithm.algorithmId}`);
  }
  const mgfParams = parsed.maskGenAlgorithm.algorithmParams;
  const mgfHashOid =
    mgfParams instanceof asn1js.Sequence && mgfParams.valueBlock.value[0] instanceof asn1js.ObjectIdentifier
      ? mgfParams.valueBlock.value[0].valueBlock.toString()
      : '';
  if (digestNameFromOid(mgfHashOid) !== hash) {
    // WebCrypto ties the MGF1 hash to the message hash.
    throw new UnsupportedAlgorithmError('RSASSA-PSS with an MGF1 hash different from the message hash is not supported');
  }
  if (parsed.trailerField !== 1) throw new UnsupportedAlgorithmError('RSASSA-PSS trailerField other than 1 is not supported');
  if (!Number.isSafeInteger(parsed.saltLength) || parsed.saltLength < 0 || parsed.saltLength > 1024) {
    throw new UnsupportedAlgorithmError('RSASSA-PSS salt length is out of range');
  }
  return { scheme: 'rsa-pss', hash, saltLength: parsed.saltLength };
}

/**
 * ECDSA-Sig-Value (DER) → WebCrypto's fixed-width r||s. Returns undefined for anything that is
 * not exactly SEQUENCE { INTEGER r, INTEGER s } with 0 < r, s < 2^(8·size), in strict DER
 * (minimal lengths and integers), as Wycheproof expects: BER variants are malleable encodings.
 */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | undefined {
  const out = new Uint8Array(size * 2);
  let pos = 0;
  const readLength = (): number => {
    const first = der[pos++];
    if (first === undefined) return -1;
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 2) return -1;
    let len = 0;
    for (let i = 0; i < count; i++) {
      const b = der[pos++];
      if (b === undefined) return -1;
      len = (len << 8) | b;
    }
    // DER: the long form only when needed, with no leading zero octet.
    return len < 0x80 || (count === 2 && len < 0x100) ? -1 : len;
  };
  if (der[pos++] !== 0x30) return undefined;
  const seqLen = readLength();
  if (seqLen < 0 || pos + seqLen !== der.length) return undefined;
  for (let i = 0; i < 2; i++) {
    if (der[pos++] !== 0x02) return undefined;
    const len = readLength();
    if (len <= 0 || pos + len > der.length) return undefined;
    let value = der.subarray(pos, pos + len);
    pos += len;
    if (value[0] & 0x80) return undefined; // negative
    if (value.length > 1 && value[0] === 0 && !(value[1] & 0x80)) return undefined; // non-minimal INTEGER
    if (value.length > 1 && value[0] === 0) value = value.subarray(1);
    if (value.length > size || (value.length === 1 && value[0] === 0)) return undefined;
    out.set(value, i * size + (size - value.length));
  }
  return pos === der.length ? out : undefined;
}

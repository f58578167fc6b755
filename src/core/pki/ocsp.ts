/**
 * OCSP (RFC 6960) request building and response validation. A response is believed only if
 * it is signed by the certificate's issuer or by a responder the issuer delegated to
 * (issued directly by it, EKU id-kp-OCSPSigning), names this exact certificate, is current
 * and echoes our nonce when it carries one. Anything else is an error, never "good".
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parsePkiObject, toDer } from '../asn1';
import { bytesEqual, randomBytes, toArrayBuffer, toHex } from '../bytes';
import { MalformedInputError, SmimeError } from '../errors';
import { DIGEST_OID, type DigestName, OID, digestNameFromOid } from '../oids';
import { certInfoIfDecodable } from './extensions';
import type { OcspAnswer } from './revocation-cache';

export const OID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
export const OID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
export const OID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

/** Responder clocks drift; RFC 5019 deployments commonly allow a few minutes. */
export const OCSP_CLOCK_SKEW_MS = 5 * 60 * 1000;

const RESPONSE_STATUS_NAMES = ['successful', 'malformedRequest', 'internalError', 'tryLater', '(4)', 'sigRequired', 'unauthorized'];
// Collisions in these would let a responder's signature be reused for another answer.
const WEAK_SIGNATURE_OIDS = new Set<string>([OID.md5WithRSA, OID.sha1WithRSA, OID.ecdsaWithSHA1]);

export interface OcspRequest {
  der: Uint8Array;
  nonce: Uint8Array;
}

/**
 * SHA-1 is the CertID hash every responder understands (RFC 5019 requires it); it only
 * names the certificate, the response signature is what is trusted.
 */
export async function buildOcspRequest(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  options: { hash?: DigestName; nonce?: Uint8Array } = {},
): Promise<OcspRequest> {
  const hash = options.hash ?? 'SHA-1';
  const nonce = options.nonce ?? randomBytes(16);
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OID[hash], algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: toArrayBuffer(await digest(hash, nameDer(issuer.subject))) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: toArrayBuffer(await digest(hash, publicKeyBits(issuer))) }),
    serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(serialBytes(cert)) }),
  });
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [new pkijs.Request({ reqCert: certId })];
  request.tbsRequest.requestExtensions = [
    new pkijs.Extension({
      extnID: OID_PKIX_OCSP_NONCE,
      extnValue: new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER(false),
    }),
  ];
  return { der: new Uint8Array(request.toSchema(true).toBER(false)), nonce };
}

export interface OcspCheck {
  cert: pkijs.Certificate;
  issuer: pkijs.Certificate;
  /** The validation time the answer must cover. */
  time: Date;
  /** The nonce we sent; a response that carries a different one is rejected. */
  nonce?: Uint8Array;
}

/** Validates a DER OCSPResponse for `check.cert`; throws a SmimeError when it is unusable. */
export async function validateOcspResponse(der: Uint8Array, check: OcspCheck): Promise<OcspAnswer> {
  const response = parsePkiObject(pkijs.OCSPResponse, der, 'OCSP response');
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) {
    throw new SmimeError('network', `the OCSP responder refused to answer (${RESPONSE_STATUS_NAMES[status] ?? status})`);
  }
  if (!response.responseBytes || response.responseBytes.responseType !== OID_PKIX_OCSP_BASIC) {
    throw new MalformedInputError('the OCSP response is not a BasicOCSPResponse');
  }
  const basic = parsePkiObject(
    pkijs.BasicOCSPResponse,
    response.responseBytes.response.valueBlock.valueHexView,
    'BasicOCSPResponse',
  );
  await checkResponder(basic, check);
  checkNonce(basic.tbsResponseData, check.nonce);
  return pickAnswer(await matchingResponses(basic.tbsResponseData, check), check.time);
}

async function checkResponder(basic: pkijs.BasicOCSPResponse, check: OcspCheck): Promise<void> {
  if (WEAK_SIGNATURE_OIDS.has(basic.signatureAlgorithm.algorithmId)) {
    throw new SmimeError('signature-invalid', 'the OCSP response is signed with a weak algorithm (MD5 or SHA-1)');
  }
  if (await signedBy(basic, check.issuer)) return;
  for (const candidate of basic.certs ?? []) {
    if (!(await isDelegatedResponder(candidate, check.issuer, check.time))) continue;
    if (await signedBy(basic, candidate)) return;
  }
  throw new SmimeError(
    'signature-invalid',
    'the OCSP response is not signed by the certificate issuer or a responder it authorised',
  );
}

async function signedBy(basic: pkijs.BasicOCSPResponse, signer: pkijs.Certificate): Promise<boolean> {
  try {
    return await pkijs
      .getCrypto(true)
      .verifyWithPublicKey(toArrayBuffer(basic.tbsResponseData.tbsView), basic.signature, signer.subjectPublicKeyInfo, basic.signatureAlgorithm);
  } catch {
    return false; // unsupported algorithm or a key of the wrong type: not this signer
  }
}

/** RFC 6960 §4.2.2.2: issued directly by the CA, with id-kp-OCSPSigning, valid at `time`. */
async function isDelegatedResponder(candidate: pkijs.Certificate, issuer: pkijs.Certificate, time: Date): Promise<boolean> {
  if (!bytesEqual(nameDer(candidate.issuer), nameDer(issuer.subject))) return false;
  if (!certInfoIfDecodable(candidate)?.eku?.includes(OID_KP_OCSP_SIGNING)) return false;
  if (time < candidate.notBefore.value || time > candidate.notAfter.value) return false;
  try {
    return await candidate.verify(issuer);
  } catch {
    return false;
  }
}

function checkNonce(data: pkijs.ResponseData, nonce: Uint8Array | undefined): void {
  const ext = data.responseExtensions?.find((e) => e.extnID === OID_PKIX_OCSP_NONCE);
  if (!ext || !nonce) return; // many responders (pre-signed, RFC 5019) never echo a nonce
  const value = ext.extnValue.valueBlock.valueHexView;
  const wrapped = new Uint8Array(new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER(false));
  // Some old responders echo the bare nonce instead of the DER OCTET STRING.
  if (!bytesEqual(value, wrapped) && !bytesEqual(value, nonce)) {
    throw new MalformedInputError('the OCSP response answers a different request (nonce mismatch)');
  }
}

async function matchingResponses(data: pkijs.ResponseData, check: OcspCheck): Promise<pkijs.SingleResponse[]> {
  const serial = serialBytes(check.cert);
  const hashes = new Map<string, { name: Uint8Array; key: Uint8Array }>();
  const matches: pkijs.SingleResponse[] = [];
  for (const single of data.responses) {
    const id = single.certID;
    const hash = digestNameFromOid(id.hashAlgorithm.algorithmId);
    if (!hash || !bytesEqual(id.serialNumber.valueBlock.valueHexView, serial)) continue;
    let expected = hashes.get(hash);
    if (!expected) {
      expected = {
        name: await digest(hash, nameDer(check.issuer.subject)),
        key: await digest(hash, publicKeyBits(check.issuer)),
      };
      hashes.set(hash, expected);
    }
    if (
      bytesEqual(id.issuerNameHash.valueBlock.valueHexView, expected.name) &&
      bytesEqual(id.issuerKeyHash.valueBlock.valueHexView, expected.key)
    ) {
      matches.push(single);
    }
  }
  if (matches.length === 0) {
    throw new MalformedInputError(`the OCSP response does not cover certificate serial ${toHex(serial)}`);
  }
  return matches;
}

const SEVERITY: Record<OcspAnswer['status'], number> = { good: 0, unknown: 1, revoked: 2 };

/** Checks each answer's time window; if several answers cover the certificate, the worst wins. */
function pickAnswer(responses: pkijs.SingleResponse[], time: Date): OcspAnswer {
  let best: OcspAnswer | undefined;
  for (const single of responses) {
    if (single.thisUpdate.getTime() > time.getTime() + OCSP_CLOCK_SKEW_MS) {
      throw new MalformedInputError(`the OCSP answer is from the future (thisUpdate ${single.thisUpdate.toISOString()})`);
    }
    if (single.nextUpdate && single.nextUpdate.getTime() < time.getTime()) {
      throw new MalformedInputError(`the OCSP answer is stale (nextUpdate ${single.nextUpdate.toISOString()})`);
    }
    const answer: OcspAnswer = { ...certStatus(single), thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate };
    if (!best || SEVERITY[answer.status] > SEVERITY[best.status]) best = answer;
  }
  if (!best) throw new MalformedInputError('the OCSP response has no answer');
  return best;
}

function certStatus(single: pkijs.SingleResponse): Pick<OcspAnswer, 'status' | 'revocationTime'> {
  const node: unknown = single.certStatus;
  if (!(node instanceof asn1js.BaseBlock) || node.idBlock.tagClass !== 3) {
    throw new MalformedInputError('the OCSP answer has no certificate status');
  }
  switch (node.idBlock.tagNumber) {
    case 0:
      return { status: 'good' };
    case 1: {
      const time = node instanceof asn1js.Constructed ? node.valueBlock.value[0] : undefined;
      if (!(time instanceof asn1js.GeneralizedTime)) {
        throw new MalformedInputError('the OCSP "revoked" answer has no revocation time');
      }
      return { status: 'revoked', revocationTime: time.toDate() };
    }
    case 2:
      return { status: 'unknown' };
    default:
      throw new MalformedInputError(`the OCSP answer has an unknown certificate status [${node.idBlock.tagNumber}]`);
  }
}

export function nameDer(name: pkijs.RelativeDistinguishedNames): Uint8Array {
  const raw = new Uint8Array(name.valueBeforeDecode);
  return raw.byteLength > 0 ? raw : toDer(name);
}

/** The subjectPublicKey BIT STRING contents, as RFC 6960 hashes them for issuerKeyHash. */
function publicKeyBits(cert: pkijs.Certificate): Uint8Array {
  return cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
}

function serialBytes(cert: pkijs.Certificate): Uint8Array {
  return cert.serialNumber.valueBlock.valueHexView;
}

async function digest(hash: DigestName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(data)));
}

/**
 * Fetches revocation evidence for one certificate from the sources it publishes: OCSP
 * (AIA) first, CRL distribution points as the fallback. Only the path validator calls the
 * provider, and only for certificates it has already chained to a trust anchor, so a
 * hostile certificate's URLs are never dereferenced (no web bug).
 */
import * as pkijs from 'pkijs';
import { parsePkiObject } from '../asn1';
import { latin1Decode, toArrayBuffer, toHex } from '../bytes';
import { MalformedInputError, SmimeError } from '../errors';
import { isPem, parsePem } from '../pem';
import { certInfoIfDecodable } from './extensions';
import type { HttpFetcher } from './http';
import { OCSP_CLOCK_SKEW_MS, buildOcspRequest, nameDer, validateOcspResponse } from './ocsp';
import type { OcspAnswer, RevocationCache } from './revocation-cache';
import type { RevocationEvidence, RevocationProvider } from './revocation-types';

const GENERAL_NAME_URI = 6;

export const DEFAULT_REVOCATION_TIMEOUT_MS = 10_000;

export interface RevocationSources {
  /** One entry per distribution point: alternative URIs for the same CRL. */
  crlDistributionPoints: string[][];
  ocsp: string[];
}

export interface RevocationProviderOptions {
  fetcher: HttpFetcher;
  cache?: RevocationCache;
  /** Default true. */
  useOcsp?: boolean;
  /** Default true. */
  useCrl?: boolean;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
}

/** The URIs a certificate publishes in its CRL distribution points and AIA OCSP entries. */
export function revocationSources(cert: pkijs.Certificate): RevocationSources {
  const info = certInfoIfDecodable(cert);
  const crlDistributionPoints: string[][] = [];
  for (const dp of info?.crlDistributionPoints ?? []) {
    // nameRelativeToCRLIssuer is not a location we can fetch; only fullName URIs count.
    if (!dp.name || !('full' in dp.name)) continue;
    const uris = dp.name.full.filter((n) => n.type === GENERAL_NAME_URI).map((n) => String(n.value));
    if (uris.length > 0) crlDistributionPoints.push(uris);
  }
  return { crlDistributionPoints, ocsp: [...(info?.ocspUrls ?? [])] };
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Parses a CRL served as DER or PEM ("X509 CRL"). */
export function parseCrl(bytes: Uint8Array, what = 'CRL'): pkijs.CertificateRevocationList {
  let der = bytes;
  if (isPem(bytes)) {
    const block = parsePem(latin1Decode(bytes)).find((b) => b.label === 'X509 CRL');
    if (!block) throw new MalformedInputError(`${what} contains no PEM "X509 CRL" block`);
    der = block.der;
  }
  return parsePkiObject(pkijs.CertificateRevocationList, der, what);
}

export function createRevocationProvider(options: RevocationProviderOptions): RevocationProvider {
  const useOcsp = options.useOcsp ?? true;
  const useCrl = options.useCrl ?? true;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REVOCATION_TIMEOUT_MS;
  const { fetcher, cache } = options;

  async function fetchOk(url: string, method: 'GET' | 'POST', body?: Uint8Array, contentType?: string): Promise<Uint8Array> {
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    const response = await fetcher({ url, method, body, headers, timeoutMs });
    if (response.status < 200 || response.status > 299) {
      throw new SmimeError('network', `${url} answered HTTP ${response.status}`);
    }
    return response.body;
  }

  async function ocspAnswer(cert: pkijs.Certificate, issuer: pkijs.Certificate, time: Date, url: string, key: string): Promise<OcspAnswer> {
    const cached = cache?.getOcsp(key);
    if (cached && covers(cached, time)) return cached;
    const request = await buildOcspRequest(cert, issuer);
    const body = await fetchOk(url, 'POST', request.der, 'application/ocsp-request');
    const answer = await validateOcspResponse(body, { cert, issuer, time, nonce: request.nonce });
    cache?.putOcsp(key, answer);
    return answer;
  }

  async function crl(url: string): Promise<pkijs.CertificateRevocationList> {
    const cached = cache?.getCrl(url);
    if (cached) return cached;
    const parsed = parseCrl(await fetchOk(url, 'GET'), `CRL from ${url}`);
    cache?.putCrl(url, parsed);
    return parsed;
  }

  return async (cert, issuer, time) => {
    const sources = revocationSources(cert);
    const evidence: RevocationEvidence = {
      crls: [],
      unreachable: [],
      publishedSources: sources.ocsp.length + sources.crlDistributionPoints.flat().length,
    };
    // Defence in depth: a caller mixing up issuers must not make us contact anyone.
    if (!(await issuedBy(cert, issuer))) {
      evidence.unreachable.push(...sources.ocsp, ...sources.crlDistributionPoints.flat());
      return evidence;
    }
    if (useOcsp) {
      const key = await ocspCacheKey(cert, issuer);
      for (const url of sources.ocsp) {
        if (!isHttpUrl(url)) {
          evidence.unreachable.push(url);
          continue;
        }
        try {
          const answer = await ocspAnswer(cert, issuer, time, url, key);
          evidence.ocsp = answer.revocationTime
            ? { status: answer.status, revocationTime: answer.revocationTime }
            : { status: answer.status };
          break;
        } catch {
          // Any failure, including a response we refuse to believe, only means "no answer here".
          evidence.unreachable.push(url);
        }
      }
    }
    // A definite OCSP answer settles it; "unknown" means the responder does not know the
    // certificate (RFC 6960 §2.2), so the CRL may still.
    if (useCrl && (!evidence.ocsp || evidence.ocsp.status === 'unknown')) {
      for (const uris of sources.crlDistributionPoints) {
        let fetched = false;
        for (const url of uris.filter(isHttpUrl)) {
          try {
            evidence.crls.push(await crl(url));
            fetched = true;
            break;
          } catch {
            // try the next location of the same CRL
          }
        }
        if (!fetched) evidence.unreachable.push(...uris);
      }
    }
    return evidence;
  };
}

function covers(answer: OcspAnswer, time: Date): boolean {
  return answer.thisUpdate.getTime() <= time.getTime() + OCSP_CLOCK_SKEW_MS && (!answer.nextUpdate || answer.nextUpdate >= time);
}

async function issuedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  try {
    return (await cert.verify(issuer)) === true;
  } catch {
    return false;
  }
}

/** Issuer name, issuer key and serial: what identifies a certificate for OCSP. */
async function ocspCacheKey(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<string> {
  const keyHash = await crypto.subtle.digest(
    'SHA-256',
    toArrayBuffer(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
  );
  const nameHash = await crypto.subtle.digest('SHA-256', toArrayBuffer(nameDer(issuer.subject)));
  return `${toHex(new Uint8Array(nameHash))}:${toHex(new Uint8Array(keyHash))}:${toHex(cert.serialNumber.valueBlock.valueHexView)}`;
}

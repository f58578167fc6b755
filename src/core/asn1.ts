/**
 * The single place that parses BER/DER for the core. asn1js 4 defaults refuse any input
 * over 16 MiB or 10,000 nodes (see shared pkijs-notes §2), which rejects real 25 MB mail;
 * we raise both to explicit budgets and turn every parse failure into a typed error.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { MalformedInputError, LimitExceededError } from './errors';
import { bufferSource } from './bytes';

export interface Asn1Limits {
  /** Largest single value (bytes). */
  maxContentLength: number;
  /** Most nodes in one structure. */
  maxNodes: number;
}

export const DEFAULT_ASN1_LIMITS: Asn1Limits = {
  maxContentLength: 64 * 1024 * 1024,
  // A 25 MB `openssl cms -stream` message has ~450,000 nodes; a hostile node bomb must stay bounded.
  maxNodes: 1_000_000,
};

const COPY_THRESHOLD = 1024 * 1024;

export function parseBer(bytes: Uint8Array, what: string, limits: Asn1Limits = DEFAULT_ASN1_LIMITS): asn1js.AsnType {
  if (bytes.length > limits.maxContentLength) {
    throw new LimitExceededError(`${what} is larger than the ${limits.maxContentLength}-byte limit`);
  }
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    // asn1js copies its input by default. For large inputs (encrypted or signed mail) the parsed
    // values may view the caller's bytes instead, saving a copy of up to 25 MB; small inputs
    // (keys, certificates) are still copied, so zeroing a caller's key buffer cannot change them.
    parsed = asn1js.fromBER(bufferSource(bytes), {
      maxContentLength: limits.maxContentLength,
      maxNodes: limits.maxNodes,
      copyInput: bytes.length < COPY_THRESHOLD,
    });
  } catch (err) {
    throw new MalformedInputError(`${what} is not valid BER: ${(err as Error).message}`, { cause: err });
  }
  if (parsed.offset === -1) {
    const message = parsed.result.error || 'unknown error';
    // The input itself is within maxContentLength (checked above), so a length field over it
    // claims bytes that are not there: malformed, not a resource limit.
    if (/content length exceeded/i.test(message)) throw new MalformedInputError(`${what} is not valid BER: a length exceeds the input`);
    if (/maximum|exceed/i.test(message)) throw new LimitExceededError(`${what} exceeds parser limits: ${message}`);
    throw new MalformedInputError(`${what} is not valid BER: ${message}`);
  }
  return parsed.result;
}

/** Parses a pkijs class from BER, mapping schema failures to MalformedInputError. */
export function parsePkiObject<T>(
  ctor: new (params: { schema: asn1js.AsnType }) => T,
  bytes: Uint8Array,
  what: string,
  limits?: Asn1Limits,
): T {
  const schema = parseBer(bytes, what, limits);
  try {
    return new ctor({ schema });
  } catch (err) {
    throw new MalformedInputError(`${what} has an invalid structure: ${(err as Error).message}`, { cause: err });
  }
}

export function parseContentInfo(bytes: Uint8Array, limits?: Asn1Limits): pkijs.ContentInfo {
  return parsePkiObject(pkijs.ContentInfo, bytes, 'CMS ContentInfo', limits);
}

export function toDer(obj: { toSchema(): asn1js.AsnType }): Uint8Array {
  return new Uint8Array(obj.toSchema().toBER(false));
}

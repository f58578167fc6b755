/**
 * Peels the S/MIME layers off a received message, outermost first: multipart/signed,
 * opaque signed-data, enveloped/authEnveloped data. Only layers at the root of the message
 * (or at the root of a layer's content) count; anything deeper is content (RFC 8551 §3.8;
 * see threat-checklist §B on why a signed part inside unsigned content must not count).
 */
import * as pkijs from 'pkijs';
import { looksLikeCbcGadget } from '../cms/cbc-gadget';
import { peekContentType } from '../cms/content-type';
import { decryptData, type DecryptionKey } from '../cms/decrypt';
import { verifySignedData, type SignedDataCheck } from '../cms/verify';
import { MalformedInputError, NoMatchingKeyError, SmimeError, UnsupportedAlgorithmError, DecryptionError } from '../errors';
import { canonicalizeLineEndings, parseMime, type MimeEntity, type MimeLimits } from '../mime';
import { OID } from '../oids';
import type { EncryptionReport, VerdictStatus } from '../verdict';
import { isMultipartSigned, isPkcs7Mime, isSignaturePart } from './media-types';

export type Layer =
  | { kind: 'signed'; form: 'detached' | 'opaque'; check: SignedDataCheck; warnings: string[] }
  | { kind: 'encrypted'; report: EncryptionReport };

export interface LayerFailure {
  status: Extract<VerdictStatus, 'malformed' | 'encrypted-no-key' | 'decrypt-failed'>;
  message: string;
}

export interface UnwrapResult {
  layers: Layer[];
  /** The innermost entity: what a client displays. */
  content: MimeEntity;
  failure?: LayerFailure;
}

export interface UnwrapOptions {
  decryptionKeys?: DecryptionKey[];
  extraCertificates?: pkijs.Certificate[];
  maxLayers?: number;
  mimeLimits?: Partial<MimeLimits>;
}

export const DEFAULT_MAX_LAYERS = 8;

export async function unwrapLayers(root: MimeEntity, options: UnwrapOptions = {}): Promise<UnwrapResult> {
  const layers: Layer[] = [];
  const maxLayers = options.maxLayers ?? DEFAULT_MAX_LAYERS;
  let entity = root;
  for (;;) {
    if (isMultipartSigned(entity) && !isSmimeSignedProtocol(entity) && entity.children.some(isSignaturePart)) {
      // A protocol parameter that lies about an S/MIME signature part (checklist A12).
      const failure: LayerFailure = { status: 'malformed', message: 'multipart/signed names a non-S/MIME protocol but carries an S/MIME signature' };
      return { layers, content: entity, failure };
    }
    const isLayer = (isMultipartSigned(entity) && isSmimeSignedProtocol(entity)) || isPkcs7Mime(entity);
    if (!isLayer) return { layers, content: entity };
    if (layers.length >= maxLayers) {
      return { layers, content: entity, failure: { status: 'malformed', message: `More than ${maxLayers} nested S/MIME layers` } };
    }
    try {
      const next = isMultipartSigned(entity)
        ? await unwrapMultipartSigned(entity, options)
        : await unwrapPkcs7Mime(entity, options);
      layers.push(next.layer);
      if (!next.inner) return { layers, content: entity };
      entity = parseMime(next.inner, options.mimeLimits);
    } catch (err) {
      return { layers, content: entity, failure: failureFrom(err) };
    }
  }
}

function isSmimeSignedProtocol(entity: MimeEntity): boolean {
  const protocol = entity.contentType.params.protocol?.toLowerCase();
  // A missing protocol parameter is tolerated (some gateways drop it); another protocol is not S/MIME.
  return protocol === undefined || protocol === 'application/pkcs7-signature' || protocol === 'application/x-pkcs7-signature';
}

interface Unwrapped {
  layer: Layer;
  inner?: Uint8Array;
}

async function unwrapMultipartSigned(entity: MimeEntity, options: UnwrapOptions): Promise<Unwrapped> {
  const [content, signature, ...rest] = entity.children;
  if (!content || !signature || rest.length > 0) {
    throw new MalformedInputError('multipart/signed must have exactly two parts');
  }
  if (!isSignaturePart(signature)) {
    throw new MalformedInputError(`multipart/signed second part is ${signature.contentType.mediaType}, not a signature`);
  }
  // Signatures cover the canonical (CRLF) form; mail stores may have converted to bare LF.
  const signedBytes = canonicalizeLineEndings(content.raw);
  const check = await verifySignedData(signature.decodeBody(), {
    detachedContent: signedBytes,
    extraCertificates: options.extraCertificates,
  });
  const warnings: string[] = [];
  const micalg = entity.contentType.params.micalg?.toLowerCase();
  const expected = check.signers.map((s) => `sha-${s.digestAlgorithm.replace(/^SHA-/, '')}`.toLowerCase());
  if (micalg && expected.length > 0 && !expected.includes(micalg)) {
    warnings.push(`The micalg parameter (${micalg}) does not match the signature's digest algorithm`);
  }
  return { layer: { kind: 'signed', form: 'detached', check, warnings }, inner: signedBytes };
}

async function unwrapPkcs7Mime(entity: MimeEntity, options: UnwrapOptions): Promise<Unwrapped> {
  const der = entity.decodeBody();
  const contentType = peekContentType(der);
  if (contentType === OID.signedData) {
    const check = await verifySignedData(der, { extraCertificates: options.extraCertificates });
    if (check.detached) throw new MalformedInputError('application/pkcs7-mime signed-data carries no content');
    return { layer: { kind: 'signed', form: 'opaque', check, warnings: [] }, inner: check.content };
  }
  if (contentType === OID.envelopedData || contentType === OID.authEnvelopedData) {
    const keys = options.decryptionKeys ?? [];
    if (keys.length === 0) throw new NoMatchingKeyError('This message is encrypted and no decryption key was supplied.');
    // A base64 body decodes into fresh memory that nobody else holds: let CBC decrypt in place.
    const result = await decryptData(der, keys, { consumeInput: der.buffer !== entity.body.buffer }).catch((err: unknown) => {
      // A cipher we do not implement is a decryption failure of this message, not malformed input.
      if (err instanceof UnsupportedAlgorithmError) throw new DecryptionError(`Cannot decrypt: ${err.message}`);
      throw err;
    });
    const report: EncryptionReport = {
      contentAlgorithm: result.contentAlgorithm,
      authenticated: result.authenticated,
      recipientCount: result.recipientCount,
      keyAlgorithm: result.keyAlgorithm,
    };
    if (!result.authenticated && looksLikeCbcGadget(result.content)) report.tamperSuspected = true;
    return { layer: { kind: 'encrypted', report }, inner: result.content };
  }
  throw new UnsupportedAlgorithmError(`Unsupported CMS content type ${contentType} in application/pkcs7-mime`);
}

function failureFrom(err: unknown): LayerFailure {
  if (err instanceof NoMatchingKeyError) return { status: 'encrypted-no-key', message: err.message };
  if (err instanceof DecryptionError) return { status: 'decrypt-failed', message: err.message };
  if (err instanceof SmimeError) return { status: 'malformed', message: err.message };
  return { status: 'malformed', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}` };
}

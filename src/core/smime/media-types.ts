/** S/MIME media types (RFC 8551 §3.2) and the names clients give them in the wild. */
import type { MimeEntity } from '../mime';

const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);
const PKCS7_MIME_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);

export function isMultipartSigned(entity: MimeEntity): boolean {
  return entity.contentType.mediaType === 'multipart/signed';
}

export function isSignaturePart(entity: MimeEntity): boolean {
  return SIGNATURE_TYPES.has(entity.contentType.mediaType);
}

/**
 * application/pkcs7-mime, its x- alias, and application/octet-stream named *.p7m
 * (which some gateways emit, RFC 8551 §3.2.1).
 */
export function isPkcs7Mime(entity: MimeEntity): boolean {
  const mediaType = entity.contentType.mediaType;
  if (PKCS7_MIME_TYPES.has(mediaType)) return true;
  return mediaType === 'application/octet-stream' && /\.p7m$/i.test(entity.filename ?? '');
}

/** Whether any entity below (or at) this one is an S/MIME structure. */
export function containsSmimePart(entity: MimeEntity): boolean {
  const stack: MimeEntity[] = [entity];
  while (stack.length > 0) {
    const e = stack.pop() as MimeEntity;
    if (isMultipartSigned(e) || isSignaturePart(e) || isPkcs7Mime(e)) return true;
    stack.push(...e.children);
  }
  return false;
}

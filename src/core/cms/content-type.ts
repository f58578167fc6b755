/**
 * ContentInfo.contentType read from the first bytes only. The read pipeline needs the type to
 * choose verify or decrypt, which then parse the whole object; parsing it twice doubled the
 * cost of ASN.1 bombs (test/security H61).
 */
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../bytes';
import { MalformedInputError } from '../errors';

export function peekContentType(der: Uint8Array): string {
  if (der[0] !== 0x30) throw new MalformedInputError('The CMS object is not a ContentInfo SEQUENCE');
  let pos = 1;
  const first = der[pos++];
  if (first === undefined) throw new MalformedInputError('The CMS object is truncated');
  if (first & 0x80) pos += first & 0x7f; // long or indefinite (0x80) form: skip the length octets
  const len = der[pos + 1];
  if (der[pos] !== 0x06 || len === undefined || len > 0x7f || pos + 2 + len > der.length) {
    throw new MalformedInputError('The CMS ContentInfo does not start with a content type');
  }
  const parsed = asn1js.fromBER(toArrayBuffer(der.subarray(pos, pos + 2 + len)));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.ObjectIdentifier)) {
    throw new MalformedInputError('The CMS content type is not a valid object identifier');
  }
  return parsed.result.valueBlock.toString();
}

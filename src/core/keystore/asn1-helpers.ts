/** Small asn1js accessors shared by the PKCS#12 reader (which walks raw ASN.1 so unknown bags are skipped, not fatal). */
import * as asn1js from 'asn1js';
import { concatBytes } from '../bytes';
import { LimitExceededError, MalformedInputError } from '../errors';

export function children(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (node instanceof asn1js.Sequence || node instanceof asn1js.Set || node instanceof asn1js.Constructed) {
    return node.valueBlock.value;
  }
  throw new MalformedInputError(`${what} is not a SEQUENCE`);
}

export function oidOf(node: asn1js.AsnType | undefined, what: string): string {
  if (node instanceof asn1js.ObjectIdentifier) return node.valueBlock.toString();
  throw new MalformedInputError(`${what} is not an OBJECT IDENTIFIER`);
}

export function isContextTag(node: asn1js.AsnType | undefined, tag: number): boolean {
  return !!node && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;
}

/** [n] EXPLICIT wrapper → its single inner value. */
export function explicitInner(node: asn1js.AsnType | undefined, tag: number, what: string): asn1js.AsnType {
  if (!isContextTag(node, tag)) throw new MalformedInputError(`${what} is missing its [${tag}] field`);
  const inner = children(node, what)[0];
  if (!inner) throw new MalformedInputError(`${what} is empty`);
  return inner;
}

/**
 * Bytes of an OCTET STRING (or an implicitly tagged one), joining BER constructed
 * segments, which NSS and Windows produce.
 */
export function octets(node: asn1js.AsnType | undefined, what: string, depth = 0): Uint8Array {
  if (!node) throw new MalformedInputError(`${what} is missing`);
  if (depth > 8) throw new MalformedInputError(`${what} nests constructed strings too deeply`);
  const isOctet = node instanceof asn1js.OctetString || node.idBlock.tagClass === 3 || node.idBlock.tagNumber === 4;
  if (!isOctet) throw new MalformedInputError(`${what} is not an OCTET STRING`);
  if (node.idBlock.isConstructed) {
    const parts = (node as asn1js.Constructed).valueBlock.value.map((p) => octets(p, what, depth + 1));
    return concatBytes(...parts);
  }
  return new Uint8Array((node as asn1js.Primitive).valueBlock.valueHexView);
}

/** A non-negative INTEGER that must fit a JS number; larger counts are a DoS attempt. */
export function smallInteger(node: asn1js.AsnType | undefined, what: string, max: number): number {
  if (!(node instanceof asn1js.Integer)) throw new MalformedInputError(`${what} is not an INTEGER`);
  const bytes = node.valueBlock.valueHexView;
  if (bytes.length > 0 && bytes[0] & 0x80) throw new MalformedInputError(`${what} is negative`);
  let value = 0;
  for (const b of bytes) {
    value = value * 256 + b;
    if (value > max) throw new LimitExceededError(`${what} exceeds the limit of ${max}`);
  }
  return value;
}

/**
 * CRLDistributionPoints and IssuingDistributionPoint decoded by hand: pkijs rejects the
 * nameRelativeToCRLIssuer form (PKITS 4.14.4/5/7/29) and drops aACompromise from
 * onlySomeReasons, both of which CRL scope matching needs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer } from '../asn1';
import { MalformedInputError } from '../errors';
import { Rdn, parseAtv } from './names';

export type DistributionPointName = { full: pkijs.GeneralName[] } | { relative: Rdn };

export interface ParsedDistributionPoint {
  name?: DistributionPointName;
  reasons?: number;
  crlIssuer?: pkijs.GeneralName[];
}

export interface ParsedIdp {
  name?: DistributionPointName;
  onlyUser: boolean;
  onlyCA: boolean;
  reasons?: number;
  indirect: boolean;
  onlyAttr: boolean;
}

function isContext(node: asn1js.AsnType, tag: number): boolean {
  return node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;
}

function children(node: asn1js.AsnType, what: string): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Constructed)) throw new MalformedInputError(`${what} is not constructed`);
  return node.valueBlock.value;
}

function primitiveBytes(node: asn1js.AsnType, what: string): Uint8Array {
  if (!(node instanceof asn1js.Primitive)) throw new MalformedInputError(`${what} is not primitive`);
  return node.valueBlock.valueHexView;
}

/** Bit i of a BIT STRING body (first byte = unused bits) as bit i of the mask. */
export function reasonMask(body: Uint8Array): number {
  let mask = 0;
  for (let i = 0; i < Math.min((body.length - 1) * 8, 16); i++) {
    if (body[1 + (i >> 3)] & (0x80 >> (i & 7))) mask |= 1 << i;
  }
  return mask;
}

function generalNames(node: asn1js.AsnType, what: string): pkijs.GeneralName[] {
  return children(node, what).map((n) => {
    try {
      return new pkijs.GeneralName({ schema: n });
    } catch (err) {
      throw new MalformedInputError(`${what} holds an invalid GeneralName: ${(err as Error).message}`);
    }
  });
}

function dpName(node: asn1js.AsnType): DistributionPointName {
  const [choice] = children(node, 'distributionPoint');
  if (!choice) throw new MalformedInputError('distributionPoint is empty');
  if (isContext(choice, 0)) return { full: generalNames(choice, 'distributionPoint fullName') };
  if (isContext(choice, 1)) return { relative: children(choice, 'nameRelativeToCRLIssuer').map(parseAtv) };
  throw new MalformedInputError('distributionPoint has an unknown name form');
}

export function parseCrlDistributionPoints(der: Uint8Array): ParsedDistributionPoint[] {
  const root = parseBer(der, 'cRLDistributionPoints');
  if (!(root instanceof asn1js.Sequence)) throw new MalformedInputError('cRLDistributionPoints is not a SEQUENCE');
  return root.valueBlock.value.map((dp) => {
    const out: ParsedDistributionPoint = {};
    for (const field of children(dp, 'DistributionPoint')) {
      if (isContext(field, 0)) out.name = dpName(field);
      else if (isContext(field, 1)) out.reasons = reasonMask(primitiveBytes(field, 'reasons'));
      else if (isContext(field, 2)) out.crlIssuer = generalNames(field, 'cRLIssuer');
      else throw new MalformedInputError('DistributionPoint has an unknown field');
    }
    return out;
  });
}

function booleanOf(node: asn1js.AsnType): boolean {
  const bytes = primitiveBytes(node, 'IDP flag');
  return bytes.length > 0 && bytes[0] !== 0;
}

export function parseIssuingDistributionPoint(der: Uint8Array): ParsedIdp {
  const root = parseBer(der, 'issuingDistributionPoint');
  if (!(root instanceof asn1js.Sequence)) throw new MalformedInputError('issuingDistributionPoint is not a SEQUENCE');
  const out: ParsedIdp = { onlyUser: false, onlyCA: false, indirect: false, onlyAttr: false };
  for (const field of root.valueBlock.value) {
    if (isContext(field, 0)) out.name = dpName(field);
    else if (isContext(field, 1)) out.onlyUser = booleanOf(field);
    else if (isContext(field, 2)) out.onlyCA = booleanOf(field);
    else if (isContext(field, 3)) out.reasons = reasonMask(primitiveBytes(field, 'onlySomeReasons'));
    else if (isContext(field, 4)) out.indirect = booleanOf(field);
    else if (isContext(field, 5)) out.onlyAttr = booleanOf(field);
    else throw new MalformedInputError('issuingDistributionPoint has an unknown field');
  }
  return out;
}

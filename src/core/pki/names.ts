/**
 * Distinguished names as RFC 5280 §7.1 compares them: RDN by RDN, attribute values
 * compared after case folding and whitespace normalisation (a practical subset of the
 * RFC 4518 string preparation), everything that is not a string compared as DER.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer } from '../asn1';
import { toHex } from '../bytes';
import { MalformedInputError } from '../errors';

export interface Atv {
  type: string;
  /** Normalised string value, or "#<hex DER>" for non-string values. */
  value: string;
  /** The value as written (for display). */
  display: string;
}
export type Rdn = Atv[];
export type DName = Rdn[];

const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
const OID_CN = '2.5.4.3';

const cache = new WeakMap<object, DName>();

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

export function parseAtv(node: asn1js.AsnType): Atv {
  if (!(node instanceof asn1js.Sequence) || node.valueBlock.value.length !== 2) {
    throw new MalformedInputError('a distinguished name attribute is not a SEQUENCE of type and value');
  }
  const [typeNode, valueNode] = node.valueBlock.value;
  if (!(typeNode instanceof asn1js.ObjectIdentifier)) {
    throw new MalformedInputError('a distinguished name attribute has no OID type');
  }
  const type = typeNode.valueBlock.toString();
  if (valueNode instanceof asn1js.BaseStringBlock) {
    const text = valueNode.getValue();
    return { type, value: normalise(text), display: text };
  }
  const hex = toHex(new Uint8Array(valueNode.toBER(false)));
  return { type, value: `#${hex}`, display: `#${hex}` };
}

function parseRdn(node: asn1js.AsnType): Rdn {
  if (!(node instanceof asn1js.Set)) throw new MalformedInputError('a relative distinguished name is not a SET');
  return node.valueBlock.value.map(parseAtv);
}

/** Parses a pkijs Name (SEQUENCE OF RDN) or a single RDN SET (nameRelativeToCRLIssuer). */
export function parseName(name: pkijs.RelativeDistinguishedNames): DName {
  const hit = cache.get(name);
  if (hit) return hit;
  let result: DName;
  const raw = new Uint8Array(name.valueBeforeDecode);
  if (raw.length === 0) {
    // Built in memory rather than decoded: fall back to the flattened pkijs view.
    result = [name.typesAndValues.map((t) => parseAtv(t.toSchema()))];
  } else {
    const node = parseBer(raw, 'distinguished name');
    if (node instanceof asn1js.Set) result = [parseRdn(node)];
    else if (node instanceof asn1js.Sequence) result = node.valueBlock.value.map(parseRdn);
    else throw new MalformedInputError('a distinguished name is not a SEQUENCE');
  }
  cache.set(name, result);
  return result;
}

function rdnEqual(a: Rdn, b: Rdn): boolean {
  if (a.length !== b.length) return false;
  return a.every((x) => b.some((y) => x.type === y.type && x.value === y.value));
}

export function namesEqual(a: DName, b: DName): boolean {
  return a.length === b.length && a.every((rdn, i) => rdnEqual(rdn, b[i]));
}

/** True when `base` is a prefix of `name` (directoryName subtree, RFC 5280 §4.2.1.10). */
export function isWithinSubtree(name: DName, base: DName): boolean {
  if (base.length > name.length) return false;
  return base.every((rdn, i) => rdnEqual(rdn, name[i]));
}

export function emailAttributes(name: DName): string[] {
  return name.flat().filter((a) => a.type === OID_EMAIL_ADDRESS).map((a) => a.display);
}

/** A short human label: the common name if there is one, else the whole name. */
export function displayName(name: DName): string {
  const cn = name.flat().find((a) => a.type === OID_CN);
  if (cn) return cn.display;
  const text = name.map((rdn) => rdn.map((a) => a.display).join('+')).join(', ');
  return text || '(empty name)';
}

/**
 * Minimal DER writer for the outer CMS layers. The encrypted content can be 25 MB, so
 * instead of letting asn1js re-serialise nested copies we compute lengths first and copy
 * every byte exactly once.
 */
import { concatBytes } from '../bytes';

/** Either encoded bytes or a constructed/explicit node to be encoded. */
export type DerNode = Uint8Array | { tag: number; children: DerNode[] };

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  sequence: 0x30,
  set: 0x31,
  context0Explicit: 0xa0,
  context0Primitive: 0x80,
  context1Constructed: 0xa1,
} as const;

export function node(tag: number, ...children: DerNode[]): DerNode {
  return { tag, children };
}

function contentLength(n: DerNode): number {
  if (n instanceof Uint8Array) return n.length;
  let total = 0;
  for (const c of n.children) total += encodedLength(c);
  return total;
}

function encodedLength(n: DerNode): number {
  if (n instanceof Uint8Array) return n.length;
  const len = contentLength(n);
  return 1 + lengthOctets(len).length + len;
}

function lengthOctets(len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(len);
  const bytes: number[] = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function collect(n: DerNode, out: Uint8Array[]): void {
  if (n instanceof Uint8Array) {
    out.push(n);
    return;
  }
  out.push(Uint8Array.of(n.tag), lengthOctets(contentLength(n)));
  for (const c of n.children) collect(c, out);
}

export function encodeDer(n: DerNode): Uint8Array {
  return concatBytes(...encodeDerParts(n));
}

/** The DER encoding as consecutive pieces (large values are not copied). */
export function encodeDerParts(n: DerNode): Uint8Array[] {
  const parts: Uint8Array[] = [];
  collect(n, parts);
  return parts;
}

/** A primitive TLV around existing bytes, without copying them until encodeDer. */
export function primitive(tag: number, value: Uint8Array): DerNode {
  return { tag, children: [value] };
}

export function smallInteger(value: number): Uint8Array {
  return Uint8Array.of(TAG.integer, 1, value);
}

/**
 * RFC 5280 §4.2.1.10 / §6.1.4 (g) name constraints for directoryName, rfc822Name
 * (including emailAddress attributes in the subject DN), dNSName, URI and iPAddress.
 * The permitted state is kept as one set per constraining certificate; a name must
 * match every set (exact intersection without computing it).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CertInfo } from './extensions';
import { DName, emailAttributes, isWithinSubtree, parseName } from './names';

/** Bounded work per certificate: crafted certificates must fail fast, not spin (limbo nc-dos). */
const MAX_COMPARISONS = 1 << 16;

type Kind = 'dn' | 'email' | 'dns' | 'uri' | 'ip';

interface Constraint {
  kind: Kind;
  /** Text for email/dns/uri, DName for dn, [address, mask] for ip. */
  text?: string;
  dn?: DName;
  ip?: [Uint8Array, Uint8Array];
}

interface NamedValue {
  kind: Kind;
  text?: string;
  dn?: DName;
  ip?: Uint8Array;
}

const KIND_BY_TAG: Record<number, Kind | undefined> = { 1: 'email', 2: 'dns', 4: 'dn', 6: 'uri', 7: 'ip' };
const KIND_LABEL: Record<Kind, string> = { dn: 'directory name', email: 'e-mail address', dns: 'DNS name', uri: 'URI', ip: 'IP address' };

function octets(value: unknown): Uint8Array {
  return value instanceof asn1js.OctetString ? new Uint8Array(value.valueBlock.valueHexView) : new Uint8Array(0);
}

function toConstraint(subtree: pkijs.GeneralSubtree): Constraint | string | undefined {
  const name = subtree.base;
  const kind = KIND_BY_TAG[name.type];
  if (!kind) return undefined;
  if (kind === 'dn') return { kind, dn: parseName(name.value as pkijs.RelativeDistinguishedNames) };
  if (kind === 'ip') {
    const raw = octets(name.value);
    if (raw.length !== 8 && raw.length !== 32) return 'an iPAddress name constraint has the wrong length';
    const half = raw.length / 2;
    return { kind, ip: [raw.subarray(0, half), raw.subarray(half)] };
  }
  const text = String(name.value);
  if (kind === 'email' && text.includes('@') && !splitMailbox(text)) {
    return `the e-mail name constraint "${text}" is not a valid address`;
  }
  return { kind, text };
}

/** Splits local@domain; undefined for a malformed address (an unquoted second '@', empty parts). */
function splitMailbox(address: string): { local: string; domain: string } | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return undefined;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const quoted = local.length >= 2 && local.startsWith('"') && local.endsWith('"');
  if (!quoted && local.includes('@')) return undefined;
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) return undefined;
  return { local, domain };
}

function dnsMatches(name: string, base: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const b = base.toLowerCase().replace(/\.$/, '');
  if (b === '') return true;
  if (b.startsWith('.')) return n.endsWith(b);
  return n === b || n.endsWith(`.${b}`);
}

function hostMatches(host: string, base: string): boolean {
  const h = host.toLowerCase();
  const b = base.toLowerCase();
  if (b.startsWith('.')) return h.endsWith(b);
  return h === b;
}

function emailMatches(address: string, base: string): boolean | undefined {
  const box = splitMailbox(address);
  if (!box) return undefined;
  if (base.includes('@')) {
    const c = splitMailbox(base);
    return !!c && c.local === box.local && c.domain.toLowerCase() === box.domain.toLowerCase();
  }
  return hostMatches(box.domain, base);
}

function uriHost(uri: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(uri);
  return m && m[1] ? m[1] : undefined;
}

/** true/false = matches or not; undefined = the name itself is malformed. */
function matches(value: NamedValue, c: Constraint): boolean | undefined {
  switch (value.kind) {
    case 'dn':
      return isWithinSubtree(value.dn as DName, c.dn as DName);
    case 'email':
      return emailMatches(value.text as string, c.text as string);
    case 'dns':
      return dnsMatches(value.text as string, c.text as string);
    case 'uri': {
      const host = uriHost(value.text as string);
      return host === undefined ? undefined : hostMatches(host, c.text as string);
    }
    case 'ip': {
      const [addr, mask] = c.ip as [Uint8Array, Uint8Array];
      const ip = value.ip as Uint8Array;
      if (ip.length !== addr.length) return false;
      return ip.every((b, i) => (b & mask[i]) === (addr[i] & mask[i]));
    }
  }
}

function namesOf(info: CertInfo): NamedValue[] {
  const out: NamedValue[] = [];
  if (info.subject.length > 0) out.push({ kind: 'dn', dn: info.subject });
  for (const email of emailAttributes(info.subject)) out.push({ kind: 'email', text: email });
  for (const gn of info.san) {
    const kind = KIND_BY_TAG[gn.type];
    if (kind === 'dn') out.push({ kind, dn: parseName(gn.value as pkijs.RelativeDistinguishedNames) });
    else if (kind === 'ip') out.push({ kind, ip: octets(gn.value) });
    else if (kind) out.push({ kind, text: String(gn.value) });
  }
  return out;
}

function label(value: NamedValue): string {
  if (value.text !== undefined) return `${KIND_LABEL[value.kind]} "${value.text}"`;
  return KIND_LABEL[value.kind];
}

export class NameConstraintState {
  private readonly permitted: Constraint[][] = [];
  private readonly excluded: Constraint[] = [];

  /** Adds a CA's nameConstraints (§6.1.4 g). Returns an error for a malformed constraint. */
  add(nc: pkijs.NameConstraints): string | undefined {
    const byKind = new Map<Kind, Constraint[]>();
    for (const subtree of nc.permittedSubtrees ?? []) {
      const c = toConstraint(subtree);
      if (typeof c === 'string') return c;
      if (!c) continue;
      byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
    }
    for (const set of byKind.values()) this.permitted.push(set);
    for (const subtree of nc.excludedSubtrees ?? []) {
      const c = toConstraint(subtree);
      if (typeof c === 'string') return c;
      if (c) this.excluded.push(c);
    }
    return undefined;
  }

  /** Checks one certificate's names (§6.1.3 b, c); returns the first violation. */
  check(info: CertInfo): string | undefined {
    const names = namesOf(info);
    const constraints = this.excluded.length + this.permitted.reduce((sum, set) => sum + set.length, 0);
    if (names.length * constraints > MAX_COMPARISONS) {
      return `too many names (${names.length}) and name constraints (${constraints}) to check`;
    }
    for (const value of names) {
      for (const c of this.excluded) {
        if (c.kind !== value.kind) continue;
        const m = matches(value, c);
        if (m === undefined) return `${label(value)} is malformed and cannot be checked against name constraints`;
        if (m) return `${label(value)} is excluded by a name constraint`;
      }
      for (const set of this.permitted) {
        if (set[0].kind !== value.kind) continue;
        const results = set.map((c) => matches(value, c));
        if (results.includes(undefined)) return `${label(value)} is malformed and cannot be checked against name constraints`;
        if (!results.includes(true)) return `${label(value)} is outside the permitted name constraints`;
      }
    }
    return undefined;
  }
}

/**
 * Binding a mail address to a certificate (RFC 8550 §3, RFC 8398). Policy: the domain is
 * compared case-insensitively after IDNA (A-labels), the local part exactly (RFC 5321 lets
 * the receiving host decide case, so guessing would let bob@ match Bob@), with no wildcards.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { utf8Encode } from '../bytes';
import { OID } from '../oids';
import { certInfoIfDecodable } from './extensions';

const OID_SMTP_UTF8_MAILBOX = '1.3.6.1.5.5.7.8.9';
const GENERAL_NAME_OTHER = 0;
const GENERAL_NAME_RFC822 = 1;

/** RFC 5322 atext plus any non-ASCII character (RFC 6532). */
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+$/u;
// Controls, whitespace and characters with meaning in a URL authority never belong in a domain.
const DOMAIN_FORBIDDEN = /[\s\p{Cc}/\\?#@:%[\]<>"'`^|{}]/u;
const MAX_LOCAL_OCTETS = 64;
const MAX_DOMAIN_LENGTH = 253;

/**
 * The certificate's mail addresses: rfc822Name and SmtpUTF8Mailbox SANs; the subject's
 * PKCS#9 emailAddress only when the SAN holds no address (RFC 8550 §3).
 */
export function certificateEmails(cert: pkijs.Certificate): string[] {
  const fromSan: string[] = [];
  for (const name of certInfoIfDecodable(cert)?.san ?? []) {
    if (name.type === GENERAL_NAME_RFC822 && typeof name.value === 'string') fromSan.push(name.value);
    if (name.type === GENERAL_NAME_OTHER) {
      const mailbox = smtpUtf8Mailbox(name.value);
      if (mailbox !== undefined) fromSan.push(mailbox);
    }
  }
  if (fromSan.length > 0) return unique(fromSan);
  const fromDn = cert.subject.typesAndValues
    .filter((atv) => atv.type === OID.emailAddress)
    .map((atv) => stringValue(atv.value))
    .filter((v): v is string => v !== undefined);
  return unique(fromDn);
}

function smtpUtf8Mailbox(node: unknown): string | undefined {
  // otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }, kept raw by pkijs.
  if (!(node instanceof asn1js.Constructed)) return undefined;
  const [typeId, wrapped] = node.valueBlock.value;
  if (!(typeId instanceof asn1js.ObjectIdentifier) || typeId.valueBlock.toString() !== OID_SMTP_UTF8_MAILBOX) return undefined;
  const inner = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
  return inner instanceof asn1js.Utf8String ? inner.valueBlock.value : undefined;
}

function stringValue(value: unknown): string | undefined {
  if (value instanceof asn1js.IA5String || value instanceof asn1js.Utf8String || value instanceof asn1js.PrintableString) {
    return value.valueBlock.value;
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export interface NormalizedAddress {
  local: string;
  domain: string;
}

/**
 * Splits and normalises an addr-spec: domain lower-cased and converted to A-labels, local
 * part exact (NFC only), quotes dropped when the quoted text is a plain dot-atom anyway.
 * Returns undefined for anything that is not a usable mailbox address.
 */
export function normalizeAddress(addrSpec: string): NormalizedAddress | undefined {
  const text = addrSpec.trim();
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return undefined;
  const local = normalizeLocal(text.slice(0, at));
  const domain = normalizeDomain(text.slice(at + 1));
  if (local === undefined || domain === undefined) return undefined;
  return { local, domain };
}

function isDotAtom(text: string): boolean {
  return text.split('.').every((atom) => ATOM.test(atom));
}

function normalizeLocal(raw: string): string | undefined {
  const local = raw.normalize('NFC');
  let result: string;
  if (local.startsWith('"')) {
    const match = /^"((?:[^"\\\r\n]|\\[\u0020-\u007e\u0080-\u{10FFFF}])*)"$/u.exec(local);
    if (!match) return undefined;
    const content = match[1].replace(/\\(.)/gu, '$1');
    if (/\p{Cc}/u.test(content.replace(/\t/g, ''))) return undefined; // qtext has no controls
    // "alice" and alice are the same mailbox; "a b" needs its quotes, in one canonical form.
    result = isDotAtom(content) ? content : `"${content.replace(/(["\\])/g, '\\$1')}"`;
  } else {
    if (!isDotAtom(local)) return undefined;
    result = local;
  }
  // The canonical quotes do not count against the 64-octet limit (RFC 5321 §4.5.3.1.1).
  const octets = utf8Encode(result).length - (result.startsWith('"') ? 2 : 0);
  return octets <= MAX_LOCAL_OCTETS ? result : undefined;
}

function normalizeDomain(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > 1024 || DOMAIN_FORBIDDEN.test(raw)) return undefined;
  let host: string;
  try {
    // The WHATWG URL parser does UTS #46 mapping and Punycode; it exists in every host we run in.
    host = new URL(`http://${raw}`).hostname;
  } catch {
    return undefined;
  }
  if (host.length === 0 || host.length > MAX_DOMAIN_LENGTH || host.endsWith('.')) return undefined;
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return undefined;
  // An all-numeric last label makes the URL parser read an IPv4 address, which no mailbox domain is.
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return undefined;
  return host;
}

/**
 * Whether two addr-specs name the same mailbox after normalisation (domain case and IDNA form
 * ignored, local part exact). Addresses that do not normalise match only themselves, exactly.
 */
export function sameMailbox(a: string, b: string): boolean {
  const x = normalizeAddress(a);
  const y = normalizeAddress(b);
  if (!x || !y) return a === b;
  return x.domain === y.domain && x.local === y.local;
}

/** True when `addrSpec` equals one of the certificate's addresses after normalisation. */
export function emailMatchesCertificate(addrSpec: string, cert: pkijs.Certificate): boolean {
  // A From that is not a usable address matches nothing (not even its own exact text).
  if (!normalizeAddress(addrSpec)) return false;
  return certificateEmails(cert).some((email) => sameMailbox(addrSpec, email));
}

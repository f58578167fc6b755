/**
 * What the UI shows about a certificate. Names are rendered like `openssl -nameopt RFC2253`
 * (RFC 4514, most specific RDN first), and every control, bidi-override or invisible
 * character is shown as \XX escapes so a hostile DN cannot rewrite the text around it.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { parseBer, toDer } from '../asn1';
import { toHex, utf8Encode } from '../bytes';
import { syncHash } from '../crypto/sha';
import type { CertificateSummary } from '../verdict';
import { certificateEmails } from './email-binding';

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const OID_CN = '2.5.4.3';

// Controls, format characters (bidi overrides, zero-width), line/paragraph separators,
// non-ASCII spaces, surrogates, private-use and unassigned code points.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;
const RFC4514_SPECIAL = ',+"\\<>;=';

interface Atv {
  type: string;
  /** The decoded string, or undefined when the value is not a string type. */
  text?: string;
  der: Uint8Array;
}

function hexEscape(ch: string): string {
  return Array.from(utf8Encode(ch), (b) => `\\${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Makes any text safe to place in UI: unsafe characters become \XX escapes of their UTF-8. */
export function escapeForDisplay(text: string): string {
  let out = '';
  for (const ch of text) out += UNSAFE.test(ch) ? hexEscape(ch) : ch;
  return out;
}

function escapeValue(value: string): string {
  const chars = Array.from(value);
  return chars
    .map((ch, i) => {
      if (UNSAFE.test(ch)) return hexEscape(ch);
      if (RFC4514_SPECIAL.includes(ch)) return `\\${ch}`;
      if ((i === 0 && (ch === ' ' || ch === '#')) || (i === chars.length - 1 && ch === ' ')) return `\\${ch}`;
      return ch;
    })
    .join('');
}

function parseRdns(name: pkijs.RelativeDistinguishedNames): Atv[][] {
  const raw = new Uint8Array(name.valueBeforeDecode);
  const node = parseBer(raw.length > 0 ? raw : toDer(name), 'distinguished name');
  if (!(node instanceof asn1js.Sequence)) return [];
  return node.valueBlock.value.map((rdn) => {
    if (!(rdn instanceof asn1js.Set)) return [];
    return rdn.valueBlock.value.flatMap((atv): Atv[] => {
      if (!(atv instanceof asn1js.Sequence)) return [];
      const [type, value] = atv.valueBlock.value;
      if (!(type instanceof asn1js.ObjectIdentifier) || !value) return [];
      const text = value instanceof asn1js.BaseStringBlock ? value.getValue() : undefined;
      return [{ type: type.valueBlock.toString(), text, der: new Uint8Array(value.toBER(false)) }];
    });
  });
}

/**
 * RFC 4514 string, most specific RDN first. Like `openssl -nameopt RFC2253`, the members of
 * a multi-valued RDN are reversed too, so both tools print the same text.
 */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return parseRdns(name)
    .reverse()
    .map((rdn) =>
      [...rdn]
        .reverse()
        .map((atv) => {
          const short = SHORT_NAMES[atv.type];
          // RFC 4514 §2.4: unknown types and non-string values are written as #hex of the BER.
          if (!short || atv.text === undefined) return `${short ?? atv.type}=#${toHex(atv.der).toUpperCase()}`;
          return `${short}=${escapeValue(atv.text)}`;
        })
        .join('+'),
    )
    .join(',');
}

/** Hex serial as openssl prints it: upper case, without the sign-padding zero byte. */
export function serialHex(cert: pkijs.Certificate): string {
  let bytes = cert.serialNumber.valueBlock.valueHexView;
  if (bytes.length > 1 && bytes[0] === 0 && bytes[1] >= 0x80) bytes = bytes.subarray(1);
  return toHex(bytes).toUpperCase();
}

/** SHA-256 over the DER certificate, "AB:CD:…" like `openssl x509 -fingerprint -sha256`. */
export function sha256Fingerprint(cert: pkijs.Certificate): string {
  const digest = syncHash('SHA-256').digest(toDer(cert));
  return Array.from(digest, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
}

export function summarizeCertificate(cert: pkijs.Certificate): CertificateSummary {
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    serialNumber: serialHex(cert),
    emails: certificateEmails(cert).map(escapeForDisplay),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256Fingerprint: sha256Fingerprint(cert),
  };
}

/** A short label: the most specific common name, else the first address, both display-safe. */
export function displayName(cert: pkijs.Certificate): string {
  const cns = parseRdns(cert.subject)
    .flat()
    .filter((atv) => atv.type === OID_CN && atv.text !== undefined && atv.text.trim() !== '');
  const cn = cns[cns.length - 1]?.text;
  if (cn !== undefined) return escapeForDisplay(cn);
  const email = certificateEmails(cert)[0];
  if (email !== undefined) return escapeForDisplay(email);
  return formatName(cert.subject) || '(unnamed certificate)';
}

import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { loadCertificate } from '../../src/core/pem';
import {
  displayName,
  escapeForDisplay,
  formatName,
  summarizeCertificate,
} from '../../src/core/pki/certificate-info';
import { KEY_FAMILIES, mustRun, pkiPath, readPki } from '../support/fixtures';

function openssl(file: string, ...args: string[]): string {
  return mustRun('openssl', ['x509', '-in', file, '-noout', ...args]).toString().trim();
}
const after = (line: string) => line.slice(line.indexOf('=') + 1);
const emailCert = (name: string) => loadCertificate(readPki('revocation/email', `${name}.crt`));

describe('summarizeCertificate agrees with openssl', () => {
  const cases = KEY_FAMILIES.flatMap((family) => ['alice', 'bob', 'inter', 'root'].map((who) => [family, who]));
  test.each(cases)('%s %s', (family, who) => {
    const file = pkiPath(family, `${who}.crt`);
    const summary = summarizeCertificate(loadCertificate(readPki(family, `${who}.crt`)));
    expect(summary.subject).toBe(after(openssl(file, '-subject', '-nameopt', 'RFC2253')));
    expect(summary.issuer).toBe(after(openssl(file, '-issuer', '-nameopt', 'RFC2253')));
    expect(summary.serialNumber).toBe(after(openssl(file, '-serial')));
    expect(summary.sha256Fingerprint).toBe(after(openssl(file, '-fingerprint', '-sha256')));
    expect(summary.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new Date(summary.notBefore).getTime()).toBe(new Date(after(openssl(file, '-startdate'))).getTime());
    expect(new Date(summary.notAfter).getTime()).toBe(new Date(after(openssl(file, '-enddate'))).getTime());
    expect(summary.notBefore).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(summary.emails).toEqual(who === 'alice' || who === 'bob' ? [`${who}@example.com`] : []);
  });

  test('hostile DN: bidi override and ESC escaped exactly like openssl RFC2253', () => {
    const file = pkiPath('revocation/email', 'hostile.crt');
    const summary = summarizeCertificate(emailCert('hostile'));
    expect(summary.subject).toBe('CN=Mallory \\E2\\80\\AEfdp.exe\\1B[2Jx,O=Acme\\, Inc.+OU=Sales');
    expect(summary.subject).toBe(after(openssl(file, '-subject', '-nameopt', 'RFC2253')));
    expect(summary.subject.includes('\u202e') || summary.subject.includes('\u001b')).toBe(false);
    expect(summary.sha256Fingerprint).toBe(after(openssl(file, '-fingerprint', '-sha256')));
  });

  test('readable non-ASCII stays readable (openssl would hex-escape it)', () => {
    expect(summarizeCertificate(emailCert('utf8')).subject).toBe('CN=Jörg Müller');
  });
});

describe('formatName escaping', () => {
  // One single-valued RDN per attribute, decoded from DER as a certificate's name would be.
  const name = (...atvs: [string, asn1js.AsnType][]) => {
    const seq = new asn1js.Sequence({
      value: atvs.map(
        ([type, value]) =>
          new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] })] }),
      ),
    });
    return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(seq.toBER(false)).result });
  };

  test('RFC 4514 specials, leading #, leading and trailing spaces', () => {
    expect(formatName(name(['2.5.4.3', new asn1js.Utf8String({ value: '#a,b+c"d\\e<f>g;h=i ' })]))).toBe(
      'CN=\\#a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i\\ ',
    );
    expect(formatName(name(['2.5.4.3', new asn1js.Utf8String({ value: ' x' })]))).toBe('CN=\\ x');
  });

  test('invisible and line-breaking characters are escaped', () => {
    const value = 'a\u200bb\u2028c\u00a0d\ne\u2066f';
    expect(formatName(name(['2.5.4.3', new asn1js.Utf8String({ value })]))).toBe(
      'CN=a\\E2\\80\\8Bb\\E2\\80\\A8c\\C2\\A0d\\0Ae\\E2\\81\\A6f',
    );
  });

  test('unknown attribute types and non-string values are #hex', () => {
    expect(formatName(name(['1.2.3.4', new asn1js.Utf8String({ value: 'a' })]))).toBe('1.2.3.4=#0C0161');
    expect(formatName(name(['2.5.4.3', new asn1js.Integer({ value: 5 })]))).toBe('CN=#020105');
  });

  test('most specific RDN first', () => {
    const n = name(['2.5.4.6', new asn1js.PrintableString({ value: 'DE' })], ['2.5.4.3', new asn1js.Utf8String({ value: 'X' })]);
    expect(formatName(n)).toBe('CN=X,C=DE');
  });

  test('a name built in memory (no original encoding) is formatted too', () => {
    const n = new pkijs.RelativeDistinguishedNames({
      typesAndValues: [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: 'Mem' }) })],
    });
    expect(formatName(n)).toBe('CN=Mem');
  });
});

describe('displayName', () => {
  test('common name', () => {
    expect(displayName(loadCertificate(readPki('p256', 'alice.crt')))).toBe('Alice (p256)');
    expect(displayName(emailCert('none'))).toBe('No Address');
  });

  test('first address when there is no CN', () => {
    expect(displayName(emailCert('nocn'))).toBe('only.org@example.com');
  });

  test('hostile CN is display-safe', () => {
    const shown = displayName(emailCert('hostile'));
    expect(shown).toBe('Mallory \\E2\\80\\AEfdp.exe\\1B[2Jx');
  });

  test('escapeForDisplay keeps ordinary text', () => {
    expect(escapeForDisplay('Zoë Ångström 日本')).toBe('Zoë Ångström 日本');
    expect(escapeForDisplay('\u202e')).toBe('\\E2\\80\\AE');
  });
});

import type * as pkijs from 'pkijs';
import { loadCertificate } from '../../src/core/pem';
import { certificateEmails, emailMatchesCertificate, normalizeAddress } from '../../src/core/pki/email-binding';
import { readPki } from '../support/fixtures';

const cert = (name: string): pkijs.Certificate => loadCertificate(readPki('revocation/email', `${name}.crt`));

describe('certificateEmails', () => {
  test('all rfc822Name SANs, DNS names ignored', () => {
    expect(certificateEmails(cert('two'))).toEqual(['first@example.com', 'Second.User@Example.ORG']);
  });

  test('subject emailAddress only as a fallback when the SAN holds no address', () => {
    expect(certificateEmails(cert('dnonly'))).toEqual(['dn.only@example.net']);
    expect(certificateEmails(cert('both'))).toEqual(['san@example.com']);
  });

  test('SAN and DN carrying the same address give it once', () => {
    expect(certificateEmails(loadCertificate(readPki('p256', 'alice.crt')))).toEqual(['alice@example.com']);
  });

  test('a certificate with no address', () => {
    expect(certificateEmails(cert('none'))).toEqual([]);
  });

  test('SmtpUTF8Mailbox otherName (RFC 8398)', () => {
    expect(certificateEmails(cert('utf8'))).toEqual(['jörg@bücher.example']);
  });
});

describe('normalizeAddress', () => {
  test.each([
    ['Alice@Example.COM', 'Alice', 'example.com'],
    ['info@bücher.example', 'info', 'xn--bcher-kva.example'],
    ['info@BÜCHER.Example', 'info', 'xn--bcher-kva.example'],
    ['info@xn--bcher-kva.example', 'info', 'xn--bcher-kva.example'],
    ['a@ｅｘａｍｐｌｅ.com', 'a', 'example.com'],
    ['"alice"@example.com', 'alice', 'example.com'],
    ['"first.last"@example.com', 'first.last', 'example.com'],
    ['"a b"@example.com', '"a b"', 'example.com'],
    ['"a\\ b"@example.com', '"a b"', 'example.com'],
    ['"a@b"@example.com', '"a@b"', 'example.com'],
    ['"a..b"@example.com', '"a..b"', 'example.com'],
    ['o\'brien+tag@example.com', 'o\'brien+tag', 'example.com'],
    ['  bob@example.com ', 'bob', 'example.com'],
    ['jo\u0308rg@example.com', 'jörg', 'example.com'],
  ])('%s', (input, local, domain) => {
    expect(normalizeAddress(input)).toEqual({ local, domain });
  });

  test.each([
    'no-at-sign',
    '@example.com',
    'alice@',
    'a b@example.com',
    'a..b@example.com',
    '.a@example.com',
    'a.@example.com',
    'a"b@example.com',
    '"unterminated@example.com',
    '"a\nb"@example.com',
    'a@exa mple.com',
    'a@example.com/path',
    'a@example.com:25',
    'a@ex%41mple.com',
    'a@127.0.0.1',
    'a@0x7f.1',
    'a@[127.0.0.1]',
    'a@localhost',
    'a@-bad.example',
    'a@example.com.',
    'a@\u202eexample.com',
    'a@xn--zz.example',
    'a@exa_mple.com',
    `${'x'.repeat(65)}@example.com`,
  ])('rejects %j', (input) => {
    expect(normalizeAddress(input)).toBeUndefined();
  });
});

describe('emailMatchesCertificate', () => {
  test('domain case-insensitive, local part exact', () => {
    const c = cert('case'); // SAN Alice@Example.COM
    expect(emailMatchesCertificate('Alice@example.com', c)).toBe(true);
    expect(emailMatchesCertificate('Alice@EXAMPLE.com', c)).toBe(true);
    expect(emailMatchesCertificate('alice@example.com', c)).toBe(false);
    expect(emailMatchesCertificate('ALICE@example.com', c)).toBe(false);
  });

  test('IDN: U-label From matches the A-label SAN', () => {
    const c = cert('idn-ascii'); // SAN info@xn--bcher-kva.example
    expect(emailMatchesCertificate('info@bücher.example', c)).toBe(true);
    expect(emailMatchesCertificate('info@xn--bcher-kva.example', c)).toBe(true);
    expect(emailMatchesCertificate('info@bucher.example', c)).toBe(false);
  });

  test('any of several SANs matches; DNS SAN does not count', () => {
    const c = cert('two');
    expect(emailMatchesCertificate('first@example.com', c)).toBe(true);
    expect(emailMatchesCertificate('"first"@example.com', c)).toBe(true);
    expect(emailMatchesCertificate('Second.User@example.org', c)).toBe(true);
    expect(emailMatchesCertificate('second.user@example.org', c)).toBe(false);
    expect(emailMatchesCertificate('www@example.com', c)).toBe(false);
    expect(emailMatchesCertificate('third@example.com', c)).toBe(false);
  });

  test('DN emailAddress used only without SAN addresses', () => {
    expect(emailMatchesCertificate('dn.only@example.net', cert('dnonly'))).toBe(true);
    expect(emailMatchesCertificate('dn@example.com', cert('both'))).toBe(false);
    expect(emailMatchesCertificate('san@example.com', cert('both'))).toBe(true);
  });

  test('no wildcard and no domain-only match', () => {
    const c = cert('wild'); // SAN *@example.com, example.org
    expect(emailMatchesCertificate('x@example.com', c)).toBe(false);
    expect(emailMatchesCertificate('x@example.org', c)).toBe(false);
    expect(emailMatchesCertificate('*@example.com', c)).toBe(true);
  });

  test('a certificate with no address matches nothing', () => {
    expect(emailMatchesCertificate('mail.example.com@example.com', cert('none'))).toBe(false);
    expect(emailMatchesCertificate('', cert('none'))).toBe(false);
  });

  test('non-ASCII local part compared after NFC, domain after IDNA', () => {
    const c = cert('utf8'); // SmtpUTF8Mailbox jörg@bücher.example (NFC)
    expect(emailMatchesCertificate('jörg@bücher.example', c)).toBe(true);
    expect(emailMatchesCertificate('jo\u0308rg@xn--bcher-kva.example', c)).toBe(true);
    expect(emailMatchesCertificate('Jörg@bücher.example', c)).toBe(false);
    expect(emailMatchesCertificate('jorg@bücher.example', c)).toBe(false);
  });

  test('invalid From never matches', () => {
    expect(emailMatchesCertificate('first@example.com@evil.com', cert('two'))).toBe(false);
    expect(emailMatchesCertificate('first@example.com\u0000', cert('two'))).toBe(false);
  });
});

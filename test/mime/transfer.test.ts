import fc from 'fast-check';
import { decodeQuotedPrintable, encodeQuotedPrintable, parseMime } from '../../src/core/mime';
import { latin1Encode, toBase64, utf8Encode } from '../../src/core/bytes';
import { msg } from './helpers';

const lines = (qp: string) => qp.split('\r\n');

test('QP round-trips random bytes and keeps every line ≤ 76 and 7-bit', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      const qp = encodeQuotedPrintable(bytes);
      expect(qp).toMatch(/^[\t\x20-\x7e\r\n]*$/);
      for (const line of lines(qp)) expect(line.length).toBeLessThanOrEqual(76);
      expect(decodeQuotedPrintable(qp)).toEqual(bytes);
    }),
    { numRuns: 300 },
  );
});

test('QP round-trips text made of risky characters', () => {
  const risky = fc.constantFrom('From ', '.', ' ', '\t', '\r\n', '=', 'a', 'é', '\n', 'x'.repeat(80));
  fc.assert(
    fc.property(fc.array(risky, { maxLength: 60 }), (pieces) => {
      const bytes = utf8Encode(pieces.join(''));
      const qp = encodeQuotedPrintable(bytes);
      for (const line of lines(qp)) {
        expect(line.length).toBeLessThanOrEqual(76);
        expect(line.startsWith('From ')).toBe(false);
        expect(line).not.toBe('.');
        expect(line).not.toMatch(/[ \t]$/);
      }
      expect(decodeQuotedPrintable(qp)).toEqual(bytes);
    }),
    { numRuns: 300 },
  );
});

test('QP keeps CRLF as hard breaks and encodes transport hazards', () => {
  expect(encodeQuotedPrintable(latin1Encode('a b \r\nFrom me\r\n.\r\nc=d\t'))).toBe('a b=20\r\n=46rom me\r\n=2E\r\nc=3Dd=09');
});

test('QP decoding is tolerant', () => {
  const dec = (s: string) => new TextDecoder().decode(decodeQuotedPrintable(s));
  expect(dec('soft=\r\nbreak=\nlf= \r\nend')).toBe('softbreaklfend');
  expect(dec('bad =ZZ escape and =4 and =')).toBe('bad =ZZ escape and =4 and ');
  expect(dec('trailing   \r\nnext\t')).toBe('trailing\r\nnext');
  expect(dec('caf=C3=A9 =c3=a9')).toBe('café é');
});

test('base64 bodies decode tolerantly (whitespace and junk ignored)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
      const wrapped = toBase64(bytes, 76).replace(/\r\n/g, ' \r\n\t');
      const e = parseMime(msg(['Content-Transfer-Encoding: BASE64', '', wrapped + '!!*']));
      expect(e.transferEncoding).toBe('base64');
      expect(e.decodeBody()).toEqual(bytes);
    }),
    { numRuns: 100 },
  );
});

test('text() uses the charset and never throws', () => {
  const latin = parseMime(latin1Encode('Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9'));
  expect(latin.text()).toBe('café');
  const unknown = parseMime(latin1Encode('Content-Type: text/plain; charset=x-bogus\r\n\r\ncaf\xc3\xa9'));
  expect(unknown.text()).toBe('café');
  const unknownLegacy = parseMime(latin1Encode('Content-Type: text/plain; charset=x-bogus\r\n\r\ncaf\xe9'));
  expect(unknownLegacy.text()).toBe('café');
  const binary = parseMime(latin1Encode('Content-Transfer-Encoding: 8bit\r\n\r\n\xff\xfe'));
  expect(binary.decodeBody()).toEqual(Uint8Array.from([0xff, 0xfe]));
  expect(typeof binary.text()).toBe('string');
});

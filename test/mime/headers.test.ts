import { decodeEncodedWords, encodeHeaderValue, foldHeader, parseContentType, parseMime } from '../../src/core/mime';
import { latin1Encode } from '../../src/core/bytes';
import { msg, str } from './helpers';

test('unfolding, duplicates, case-insensitive lookup and garbage lines kept in raw', () => {
  const lines = ['Received: from a', '\tby b;', '  Mon, 1 Jan 2024', 'garbage line without colon', 'received: second', 'Subject:   Hi there  ', '', 'body'];
  const e = parseMime(msg(lines));
  expect(e.header('RECEIVED')).toBe('from a\tby b;  Mon, 1 Jan 2024');
  expect(e.headerAll('Received')).toEqual(['from a\tby b;  Mon, 1 Jan 2024', 'second']);
  expect(e.header('subject')).toBe('Hi there');
  expect(e.header('missing')).toBeUndefined();
  expect(e.headers.map((h) => h.name)).toEqual(['Received', 'received', 'Subject']);
  expect(str(e.headers[0].raw)).toBe('Received: from a\r\n\tby b;\r\n  Mon, 1 Jan 2024\r\n');
  expect(str(e.headerBytes)).toContain('garbage line without colon');
});

test('raw UTF-8 header bytes are read as UTF-8, invalid ones as Latin-1', () => {
  const utf8 = new TextEncoder().encode('Subject: Grüße\r\n\r\n');
  expect(parseMime(utf8).header('subject')).toBe('Grüße');
  const latin = latin1Encode('Subject: Gr\xfc\xdfe\r\n\r\n');
  expect(parseMime(latin).header('subject')).toBe('Grüße');
});

describe('RFC 2047 decoding', () => {
  test.each([
    ['=?UTF-8?B?w6lsw6h2ZQ==?=', 'élève'],
    ['=?iso-8859-1?q?caf=E9_cr=E8me?=', 'café crème'],
    ['Re: =?utf-8?Q?na=C3=AFve?= idea', 'Re: naïve idea'],
    ['=?utf-8?q?a?= =?utf-8?q?b?=\r\n =?utf-8?q?c?=', 'abc'],
    ['=?utf-8?q?a?= plain =?utf-8?q?b?=', 'a plain b'],
    ['=?unknown-charset?q?ok?=', 'ok'],
    ['=?utf-8*en?q?lang?=', 'lang'],
    ['not =? an encoded word ?=', 'not =? an encoded word ?='],
  ])('%s', (input, expected) => {
    expect(decodeEncodedWords(input)).toBe(expected);
  });

  test('a multi-byte character split across adjacent words', () => {
    // "€" is E2 82 AC; split after the first byte.
    expect(decodeEncodedWords('=?utf-8?Q?=E2?= =?utf-8?Q?=82=AC?=')).toBe('€');
  });

  test('decodedHeader on an entity', () => {
    const e = parseMime(msg(['Subject: =?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=', ' =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=', '', '']));
    expect(e.decodedHeader('subject')).toBe('If you can read this you understand the example.');
  });
});

describe('RFC 2047 encoding', () => {
  test('ASCII passes through, non-ASCII round-trips', () => {
    expect(encodeHeaderValue('Plain subject')).toBe('Plain subject');
    for (const s of ['Grüße aus Köln', '日本語のテキスト 件名', 'Mixed ascii and ünïcödé words here', 'x'.repeat(30) + ' ' + 'é'.repeat(80)]) {
      const encoded = encodeHeaderValue(s);
      expect(encoded).toMatch(/^[\x20-\x7e]*$/);
      for (const word of encoded.split(' ')) expect(word.length).toBeLessThanOrEqual(75);
      expect(decodeEncodedWords(encoded)).toBe(s);
    }
  });

  test('a value that looks like an encoded word is protected; line breaks are flattened', () => {
    expect(decodeEncodedWords(encodeHeaderValue('=?utf-8?q?x?='))).toBe('=?utf-8?q?x?=');
    expect(encodeHeaderValue('a\r\nBcc: evil@x')).not.toMatch(/[\r\n]/);
  });
});

describe('folding', () => {
  test('lines ≤ 78 columns, unfolds back to the value, keeps encoded words whole', () => {
    const value = encodeHeaderValue('Ünïcödé ' + 'word '.repeat(40) + 'ëndé');
    const folded = foldHeader('Subject', value);
    expect(folded.endsWith('\r\n')).toBe(true);
    const lines = folded.slice(0, -2).split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
    const e = parseMime(latin1Encode(folded + '\r\n'));
    expect(e.header('subject')).toBe(value);
    expect(e.decodedHeader('subject')).toBe('Ünïcödé ' + 'word '.repeat(40) + 'ëndé');
  });

  test('an unbreakable token stays long; injected line breaks are removed', () => {
    const long = 'x'.repeat(120);
    expect(foldHeader('X-Long', long)).toBe(`X-Long: ${long}\r\n`);
    expect(foldHeader('Subject', 'a\r\nBcc: x')).toBe('Subject: a Bcc: x\r\n');
  });
});

describe('Content-Type parameters', () => {
  test('quoted values, case, comments and defaults', () => {
    const ct = parseContentType('Text/HTML; Charset="UTF-8"; name="a \\"q\\" ; b.html" (comment)');
    expect(ct.mediaType).toBe('text/html');
    expect(ct.params).toEqual({ charset: 'UTF-8', name: 'a "q" ; b.html' });
    expect(parseContentType('garbage').mediaType).toBe('text/plain');
    expect(parseContentType(undefined, 'message/rfc822').mediaType).toBe('message/rfc822');
  });

  test('RFC 2231 continuations and charset', () => {
    const ct = parseContentType(
      "application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"",
    );
    expect(ct.params.title).toBe("This is even more ***fun*** isn't it!");
    const latin = parseContentType("application/octet-stream; name*=iso-8859-1''caf%E9.txt");
    expect(latin.params.name).toBe('café.txt');
    const utf = parseContentType("application/pdf; name*0*=UTF-8''%E2%82; name*1*=%AC.pdf; name=fallback.pdf");
    expect(utf.params.name).toBe('€.pdf');
  });

  test('filename from Content-Disposition (2231) or Content-Type name (2047)', () => {
    const a = parseMime(msg(['Content-Type: application/pdf; name="x.pdf"', "Content-Disposition: attachment;", " filename*=utf-8''R%C3%A9sum%C3%A9.pdf", 'Content-ID: <img1@x>', '', '']));
    expect(a.filename).toBe('Résumé.pdf');
    expect(a.disposition).toBe('attachment');
    expect(a.contentId).toBe('img1@x');
    const b = parseMime(msg(['Content-Type: application/pdf; name="=?utf-8?B?w6kucGRm?="', '', '']));
    expect(b.filename).toBe('é.pdf');
    expect(b.disposition).toBeUndefined();
  });
});

import { buildLeaf, buildMessage, buildMultipart, parseMime, type MimeEntity } from '../../src/core/mime';
import { BadInputError } from '../../src/core/errors';
import { latin1Decode, latin1Encode, utf8Encode } from '../../src/core/bytes';

function expectSevenBitCrlf(bytes: Uint8Array): void {
  const text = latin1Decode(bytes);
  expect(text).toMatch(/^[\t\x20-\x7e\r\n]*$/);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
}

const shape = (e: MimeEntity): unknown => (e.isMultipart ? { [e.contentType.mediaType]: e.children.map(shape) } : e.contentType.mediaType);

describe('buildLeaf', () => {
  test.each([
    ['text/plain; charset=utf-8', 'hello\nworld\n', '7bit'],
    ['text/plain; charset=utf-8', 'Grüße, café, naïve text that is mostly ASCII\n', 'quoted-printable'],
    ['text/plain; charset=utf-8', '日本語のテキストです。', 'base64'],
    ['text/plain; charset=utf-8', 'x'.repeat(1200), 'quoted-printable'],
    ['application/octet-stream', new Uint8Array([0, 1, 2, 255]), 'base64'],
  ])('%s auto-encoding → %s', (contentType, body, expected) => {
    const bytes = buildLeaf({ contentType, body });
    expectSevenBitCrlf(bytes);
    const e = parseMime(bytes);
    expect(e.transferEncoding).toBe(expected);
    if (typeof body === 'string') expect(e.text()).toBe(body.replace(/\n/g, '\r\n'));
    else expect(e.decodeBody()).toEqual(body);
  });

  test('explicit encodings, extra headers, and 7bit refusal', () => {
    const data = utf8Encode('line one\r\nline two');
    const qp = parseMime(buildLeaf({ contentType: 'application/json', body: data, encoding: 'quoted-printable', headers: [{ name: 'Content-Description', value: 'Beschreibung für Sie' }] }));
    expect(qp.decodeBody()).toEqual(data);
    expect(qp.decodedHeader('content-description')).toBe('Beschreibung für Sie');
    const b64 = parseMime(buildLeaf({ contentType: 'text/plain', body: 'a\nb', encoding: 'base64' }));
    expect(b64.text()).toBe('a\r\nb');
    expect(() => buildLeaf({ contentType: 'text/plain', body: 'é', encoding: '7bit' })).toThrow(BadInputError);
  });
});

test('buildMultipart: fresh boundary absent from parts, children byte-exact', () => {
  const a = buildLeaf({ contentType: 'text/plain', body: 'one' });
  const b = buildLeaf({ contentType: 'application/octet-stream', body: new Uint8Array([1, 2, 3]) });
  const bytes = buildMultipart('signed', [a, b], { protocol: 'application/pkcs7-signature', micalg: 'sha-256' });
  expectSevenBitCrlf(bytes);
  const e = parseMime(bytes);
  expect(e.contentType.mediaType).toBe('multipart/signed');
  expect(e.contentType.params.protocol).toBe('application/pkcs7-signature');
  expect(e.children.map((c) => c.raw)).toEqual([a, b]);
  expect(e.truncated).toBe(false);
  const boundary = e.contentType.params.boundary;
  const nested = buildMultipart('mixed', [bytes]);
  expect(parseMime(nested).contentType.params.boundary).not.toBe(boundary);
  expect(parseMime(nested).children[0].children[0].raw).toEqual(a);
});

describe('buildMessage', () => {
  const base = { from: 'Jörg Müller <joerg@example.de>', to: ['"Smith, John" <john@x.org>', 'jane@y.org'], date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) };

  test('text only: headers, date, generated message-id', () => {
    const bytes = buildMessage({ ...base, subject: 'Grüße und ein sehr langer Betreff '.repeat(4), text: 'Hallo\nWelt' });
    expectSevenBitCrlf(bytes);
    for (const line of latin1Decode(bytes).split('\r\n\r\n')[0].split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const e = parseMime(bytes);
    expect(shape(e)).toBe('text/plain');
    expect(e.text()).toBe('Hallo\r\nWelt');
    expect(e.header('mime-version')).toBe('1.0');
    expect(e.header('date')).toBe('Tue, 02 Jan 2024 03:04:05 +0000');
    expect(e.header('message-id')).toMatch(/^<[0-9a-f]{32}@example\.de>$/);
    expect(e.decodedHeader('subject')).toBe('Grüße und ein sehr langer Betreff '.repeat(4).trim());
    expect(e.decodedHeader('from')).toBe('Jörg Müller <joerg@example.de>');
    expect(e.header('to')).toBe('"Smith, John" <john@x.org>, jane@y.org');
    expect(e.header('bcc')).toBeUndefined();
  });

  test('text + html + inline image + attachment', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 13, 10]);
    const pdf = latin1Encode('%PDF-1.4\n\xe2\xe3\n');
    const bytes = buildMessage({
      ...base,
      messageId: 'fixed@id',
      inReplyTo: '<prev@id>',
      text: 'plain',
      html: '<p>html <img src="cid:logo@x"></p>',
      attachments: [
        { filename: 'logo.png', contentType: 'image/png', data: png, contentId: 'logo@x', inline: true },
        { filename: 'Résumé.pdf', contentType: 'application/pdf', data: pdf },
      ],
      bcc: ['secret@z'],
    });
    expectSevenBitCrlf(bytes);
    const e = parseMime(bytes);
    expect(shape(e)).toEqual({ 'multipart/mixed': [{ 'multipart/alternative': ['text/plain', { 'multipart/related': ['text/html', 'image/png'] }] }, 'application/pdf'] });
    expect(e.header('message-id')).toBe('<fixed@id>');
    expect(e.header('in-reply-to')).toBe('<prev@id>');
    const [alt, attachment] = e.children;
    expect(alt.children[0].text()).toBe('plain');
    const related = alt.children[1];
    expect(related.contentType.params.type).toBe('text/html');
    expect(related.children[0].text()).toBe('<p>html <img src="cid:logo@x"></p>');
    expect(related.children[1].contentId).toBe('logo@x');
    expect(related.children[1].disposition).toBe('inline');
    expect(related.children[1].decodeBody()).toEqual(png);
    expect(attachment.filename).toBe('Résumé.pdf');
    expect(attachment.disposition).toBe('attachment');
    expect(attachment.decodeBody()).toEqual(pdf);
    expect(latin1Decode(bytes)).not.toContain('secret@z');
  });

  test('html only and attachment only', () => {
    expect(shape(parseMime(buildMessage({ ...base, html: '<b>x</b>' })))).toBe('text/html');
    const e = parseMime(buildMessage({ ...base, attachments: [{ filename: 'a.bin', contentType: 'application/octet-stream', data: new Uint8Array([7]) }] }));
    expect(shape(e)).toEqual({ 'multipart/mixed': ['text/plain', 'application/octet-stream'] });
    expect(() => buildMessage({ from: 'nobody' })).toThrow(BadInputError);
  });
});

test('non-text data keeps its exact bytes (line breaks are not canonicalised)', () => {
  const data = latin1Encode('a\nb\rc\r\n');
  const e = parseMime(buildLeaf({ contentType: 'application/octet-stream', body: data }));
  expect(e.transferEncoding).toBe('base64');
  expect(e.decodeBody()).toEqual(data);
  const clean = latin1Encode('plain ascii\r\nlines');
  const seven = parseMime(buildLeaf({ contentType: 'application/x-thing', body: clean }));
  expect(seven.transferEncoding).toBe('7bit');
  expect(seven.decodeBody()).toEqual(clean);
});

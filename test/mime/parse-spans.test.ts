import { parseMime } from '../../src/core/mime';
import { MalformedInputError } from '../../src/core/errors';
import { msg, str } from './helpers';

const signedLines = [
  'From: alice@example.com',
  'Content-Type: multipart/signed; protocol="application/pkcs7-signature";',
  '\tmicalg=sha-256; boundary="XYZ"',
  '',
  'This is an S/MIME signed message (preamble)',
  '--XYZ',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hello',
  '--XYZ-not-a-delimiter',
  'world',
  '',
  '--XYZ  ',
  'Content-Type: application/pkcs7-signature; name=smime.p7s',
  'Content-Transfer-Encoding: base64',
  '',
  'AAEC',
  '--XYZ--',
  'epilogue text',
  '',
];

describe.each([
  ['CRLF', '\r\n'],
  ['LF', '\n'],
])('multipart/signed raw spans (%s)', (_label, eol) => {
  const input = msg(signedLines, eol);
  const root = parseMime(input);

  test('child raw is exactly the bytes between delimiter lines', () => {
    expect(root.isMultipart).toBe(true);
    expect(root.children).toHaveLength(2);
    const first = ['Content-Type: text/plain; charset=utf-8', '', 'Hello', '--XYZ-not-a-delimiter', 'world', ''].join(eol);
    expect(str(root.children[0].raw)).toBe(first);
    const second = ['Content-Type: application/pkcs7-signature; name=smime.p7s', 'Content-Transfer-Encoding: base64', '', 'AAEC'].join(eol);
    expect(str(root.children[1].raw)).toBe(second);
    // A subarray of the input, so it is what was received.
    expect(root.children[0].raw.buffer).toBe(input.buffer);
  });

  test('preamble, epilogue, header and body split', () => {
    expect(str(root.preamble)).toBe('This is an S/MIME signed message (preamble)');
    expect(str(root.epilogue)).toBe('epilogue text' + eol);
    expect(root.truncated).toBe(false);
    const child = root.children[0];
    expect(str(child.headerBytes)).toBe('Content-Type: text/plain; charset=utf-8' + eol);
    expect(str(child.body)).toBe(['Hello', '--XYZ-not-a-delimiter', 'world', ''].join(eol));
    expect(root.contentType.params).toEqual({ protocol: 'application/pkcs7-signature', micalg: 'sha-256', boundary: 'XYZ' });
    expect(root.children[1].decodeBody()).toEqual(Uint8Array.from([0, 1, 2]));
    expect(str(root.raw)).toBe(str(input));
  });
});

test('mixed line endings keep each line break as received', () => {
  const input = new TextEncoder().encode('Content-Type: multipart/mixed; boundary=b\n\r\n--b\r\nContent-Type: text/plain\n\nA\r\nB\n--b\r\n\nsecond\r\n--b--');
  const root = parseMime(input);
  expect(root.children.map((c) => str(c.raw))).toEqual(['Content-Type: text/plain\n\nA\r\nB', '\nsecond']);
  expect(root.children[1].headers).toEqual([]);
  expect(str(root.children[1].body)).toBe('second');
  expect(root.children[1].contentType.mediaType).toBe('text/plain');
  expect(root.epilogue.length).toBe(0);
});

test('nested multiparts keep exact spans at every level', () => {
  const inner = ['Content-Type: multipart/alternative; boundary="inner"', '', '--inner', '', 'plain', '--inner', 'Content-Type: text/html', '', '<b>x</b>', '--inner--'];
  const lines = ['Content-Type: multipart/mixed; boundary="outer"', '', '--outer', ...inner, '--outer', 'Content-Type: text/plain', '', 'tail', '--outer--', ''];
  const root = parseMime(msg(lines));
  expect(root.children).toHaveLength(2);
  const alt = root.children[0];
  expect(str(alt.raw)).toBe(inner.join('\r\n'));
  expect(alt.children.map((c) => c.text())).toEqual(['plain', '<b>x</b>']);
  expect(alt.children[1].contentType.mediaType).toBe('text/html');
  expect(str(alt.epilogue)).toBe('');
});

test('missing close delimiter: last part runs to EOF and truncated is set', () => {
  const root = parseMime(msg(['Content-Type: multipart/mixed; boundary=q', '', '--q', '', 'one', '--q', '', 'two', 'lines', '']));
  expect(root.truncated).toBe(true);
  expect(root.children.map((c) => c.text())).toEqual(['one', 'two\r\nlines\r\n']);
});

test('empty parts and an immediately following delimiter', () => {
  const root = parseMime(msg(['Content-Type: multipart/mixed; boundary=q', '', '--q', '--q', '', 'x', '--q--']));
  expect(root.children).toHaveLength(2);
  expect(root.children[0].raw.length).toBe(0);
  expect(root.children[1].text()).toBe('x');
});

test('multipart/digest children default to message/rfc822 and are not recursed into', () => {
  const root = parseMime(msg(['Content-Type: multipart/digest; boundary=d', '', '--d', '', 'Subject: inner', '', 'body', '--d--']));
  const child = root.children[0];
  expect(child.contentType.mediaType).toBe('message/rfc822');
  expect(child.children).toHaveLength(0);
  expect(parseMime(child.decodeBody()).header('subject')).toBe('inner');
});

test('malformed input: empty message and multipart without boundary', () => {
  expect(() => parseMime(new Uint8Array(0))).toThrow(MalformedInputError);
  expect(() => parseMime(msg(['Content-Type: multipart/mixed', '', 'x']))).toThrow(MalformedInputError);
});

test('headers only (no blank line) and body only (leading blank line)', () => {
  const a = parseMime(msg(['Subject: x', 'X-A: 1']));
  expect(a.headers.map((h) => h.name)).toEqual(['Subject', 'X-A']);
  expect(a.body.length).toBe(0);
  const b = parseMime(msg(['', 'just body']));
  expect(b.headers).toEqual([]);
  expect(b.text()).toBe('just body');
  expect(b.contentType).toEqual({ type: 'text', subtype: 'plain', mediaType: 'text/plain', params: { charset: 'us-ascii' } });
});

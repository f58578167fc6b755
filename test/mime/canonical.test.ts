import { canonicalizeLineEndings, parseMime, splitMessageHeaders, toSignable, type MimeEntity } from '../../src/core/mime';
import { latin1Decode, latin1Encode } from '../../src/core/bytes';

function expectSevenBitCrlf(bytes: Uint8Array): void {
  const text = latin1Decode(bytes);
  expect(text).toMatch(/^[\t\x20-\x7e\r\n]*$/);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
}

/** Decoded content of every leaf, in order, for comparing before/after. */
const leaves = (e: MimeEntity): unknown[] =>
  e.isMultipart ? e.children.flatMap(leaves) : [{ type: e.contentType.mediaType, filename: e.filename, data: Array.from(e.decodeBody()) }];

test('canonicalizeLineEndings: bare LF and CR become CRLF, CRLF untouched', () => {
  expect(latin1Decode(canonicalizeLineEndings(latin1Encode('a\nb\rc\r\nd\n\r')))).toBe('a\r\nb\r\nc\r\nd\r\n\r\n');
  const clean = latin1Encode('x\r\ny');
  expect(canonicalizeLineEndings(clean)).toBe(clean);
});

test('7-bit clean LF message keeps its bytes with CRLF and drops outer headers', () => {
  const input = latin1Encode(
    'From: a@x\nSubject: hi\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=zz\n\npre\n--zz\nContent-Type: text/plain\n\nhello\n--zz--\nepi\n',
  );
  const e = parseMime(input);
  const out = toSignable(e);
  expectSevenBitCrlf(out);
  expect(latin1Decode(out)).toBe('Content-Type: multipart/mixed; boundary=zz\r\n\r\npre\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--zz--\r\nepi\r\n');
  const { outer, content } = splitMessageHeaders(e);
  expect(outer.map((h) => h.name)).toEqual(['From', 'Subject', 'MIME-Version']);
  expect(content.map((h) => h.name)).toEqual(['Content-Type']);
});

test('8bit, binary, long-line and trailing-space leaves are re-encoded; decoded content unchanged', () => {
  const png = '\x89PNG\r\n\x1a\n\x00\x00\xff';
  const input = latin1Encode(
    [
      'From: a@x',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Gr\xc3\xbc\xc3\x9fe   ',
      '--b',
      'Content-Type: application/octet-stream; name="Gr\xc3\xbc\xc3\x9fe.bin"',
      'Content-Transfer-Encoding: binary',
      '',
      png,
      '--b',
      'Content-Type: text/plain',
      '',
      'x'.repeat(1500),
      'trailing space ',
      '--b',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: base64',
      '',
      'aGVsbG8=',
      '--b--',
      '',
    ].join('\n'),
  );
  const before = parseMime(input);
  const out = toSignable(before);
  expectSevenBitCrlf(out);
  const after = parseMime(out);
  expect(after.header('from')).toBeUndefined();
  expect(after.contentType.params.boundary).toBe('b');
  expect(after.children.map((c) => c.transferEncoding)).toEqual(['quoted-printable', 'base64', 'quoted-printable', 'base64']);
  expect(after.children[0].text()).toBe('Grüße   ');
  expect(after.children[1].filename).toBe('Grüße.bin');
  expect(after.children[1].decodeBody()).toEqual(latin1Encode(png));
  expect(after.children[2].text()).toBe('x'.repeat(1500) + '\r\ntrailing space ');
  // The already clean base64 part keeps its exact bytes.
  expect(latin1Decode(after.children[3].raw)).toBe('Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=');
  const [, binBefore, , b64Before] = leaves(before);
  const [, binAfter, , b64After] = leaves(after);
  expect([binAfter, b64After]).toEqual([binBefore, b64Before]);
  // Idempotent: a canonical entity is returned unchanged.
  expect(latin1Decode(toSignable(after))).toBe(latin1Decode(out));
});

test('non-ASCII unstructured content headers are RFC 2047 encoded', () => {
  const input = new TextEncoder().encode('Content-Type: text/plain\nContent-Description: Übersicht\n\nok\n');
  const out = toSignable(parseMime(input));
  expectSevenBitCrlf(out);
  expect(parseMime(out).decodedHeader('content-description')).toBe('Übersicht');
  expect(parseMime(out).text()).toBe('ok\r\n');
});

test('a clean entity keeps unusual but valid bytes (padding after boundary, garbage header line)', () => {
  const text = 'Content-Type: multipart/mixed; boundary=q\r\n\r\n--q   \r\nX-Garbage line\r\nContent-Type: text/plain\r\n\r\nbody\r\n--q--';
  expect(latin1Decode(toSignable(parseMime(latin1Encode(text))))).toBe(text);
});

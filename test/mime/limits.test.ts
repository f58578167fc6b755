import { DEFAULT_MIME_LIMITS, parseMime } from '../../src/core/mime';
import { LimitExceededError } from '../../src/core/errors';
import { bytesEqual, latin1Encode, randomBytes, toBase64 } from '../../src/core/bytes';

function nested(depth: number): Uint8Array {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    close = `\r\n--b${i}--` + close;
  }
  return latin1Encode(open + 'Content-Type: text/plain\r\n\r\nleaf' + close);
}

test('defaults are exported', () => {
  expect(DEFAULT_MIME_LIMITS).toEqual({ maxDepth: 32, maxParts: 10000, maxHeaderBytes: 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 });
});

test('depth: 1000 nested multiparts → LimitExceededError; 20 levels parse', () => {
  expect(() => parseMime(nested(1000))).toThrow(LimitExceededError);
  let e = parseMime(nested(20));
  for (let i = 0; i < 20; i++) e = e.children[0];
  expect(e.text()).toBe('leaf');
  expect(() => parseMime(nested(5), { maxDepth: 4 })).toThrow(LimitExceededError);
});

test('parts: 50k parts → LimitExceededError; a custom budget allows them', () => {
  const input = latin1Encode('Content-Type: multipart/mixed; boundary=p\r\n\r\n' + '--p\r\n\r\nx\r\n'.repeat(50000) + '--p--\r\n');
  expect(() => parseMime(input)).toThrow(LimitExceededError);
  expect(parseMime(input, { maxParts: 60000 }).children).toHaveLength(50000);
});

test('header block over 1 MiB → LimitExceededError, with and without a blank line', () => {
  const big = 'X-Junk: ' + 'a'.repeat(2 * 1024 * 1024) + '\r\n';
  expect(() => parseMime(latin1Encode(big + '\r\nbody'))).toThrow(LimitExceededError);
  const manyLines = 'X-A: b\r\n'.repeat(300000);
  expect(() => parseMime(latin1Encode(manyLines))).toThrow(LimitExceededError);
  const inPart = 'Content-Type: multipart/mixed; boundary=p\r\n\r\n--p\r\n' + big + '\r\nx\r\n--p--';
  expect(() => parseMime(latin1Encode(inPart))).toThrow(LimitExceededError);
});

test('total size limit', () => {
  expect(() => parseMime(new Uint8Array(1000).fill(0x61), { maxTotalBytes: 999 })).toThrow(LimitExceededError);
});

test('25 MB single-part message parses correctly', () => {
  const body = new Uint8Array(25 * 1024 * 1024).fill(0x61);
  for (let i = 99; i < body.length; i += 100) body[i] = 0x0a;
  const head = latin1Encode('Subject: big\r\nContent-Type: text/plain\r\n\r\n');
  const input = new Uint8Array(head.length + body.length);
  input.set(head);
  input.set(body, head.length);
  const e = parseMime(input);
  expect(e.header('subject')).toBe('big');
  expect(e.body.length).toBe(body.length);
  expect(e.text().length).toBe(body.length);
  expect(e.raw.length).toBe(input.length);
});

test('25 MB base64 attachment parses and decodes correctly', () => {
  const data = randomBytes(25 * 1024 * 1024);
  const text =
    'Content-Type: multipart/mixed; boundary="att"\r\n\r\n--att\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--att\r\n' +
    'Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
    toBase64(data, 76) +
    '--att--\r\n';
  const e = parseMime(latin1Encode(text));
  expect(e.children).toHaveLength(2);
  expect(e.children[0].text()).toBe('see attached');
  const decoded = e.children[1].decodeBody();
  expect(decoded.length).toBe(data.length);
  // bytesEqual, not toEqual: Jest's deep equality is far too slow for 25 MB.
  expect(bytesEqual(decoded, data)).toBe(true);
});

/** A realistic message of about `size` bytes: a short text part and a base64 attachment. */
import { randomBytes } from 'node:crypto';

export const OUTER_HEADER =
  'From: Alice <alice@example.com>\r\nTo: Bob <bob@example.com>\r\nSubject: Benchmark\r\n' +
  'Date: Sun, 29 Nov 2026 12:00:00 +0000\r\nMessage-ID: <bench@example.com>\r\nMIME-Version: 1.0\r\n';

/** The whole message (outer header + content entity) and the content entity alone. */
export function makeMessage(size: number): { full: Buffer; content: Buffer } {
  const text = 'Hello Bob,\r\n\r\nthe report is attached.\r\n\r\nAlice\r\n';
  const header =
    'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n' +
    `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n` +
    '--b1\r\nContent-Type: application/octet-stream; name="data.bin"\r\nContent-Transfer-Encoding: base64\r\n' +
    'Content-Disposition: attachment; filename="data.bin"\r\n\r\n';
  const trailer = '\r\n--b1--\r\n';
  const budget = Math.max(0, size - OUTER_HEADER.length - header.length - trailer.length);
  // base64 with 76-column lines: 78 bytes per 57 input bytes.
  const raw = randomBytes(Math.floor((budget / 78) * 57));
  const b64 = raw.toString('base64').replace(/.{76}/g, '$&\r\n');
  const content = Buffer.from(header + b64 + trailer, 'latin1');
  return { full: Buffer.concat([Buffer.from(OUTER_HEADER, 'latin1'), content]), content };
}

/** A realistic message of about `size` bytes: a short text part and a base64 attachment. */
import { randomBytes } from 'node:crypto';

export function makeMessage(size: number): Buffer {
  const text = 'Hello Bob,\r\n\r\nthe report is attached.\r\n\r\nAlice\r\n';
  const header =
    'From: Alice <alice@example.com>\r\nTo: Bob <bob@example.com>\r\nSubject: Benchmark\r\n' +
    'Date: Sun, 29 Nov 2026 12:00:00 +0000\r\nMessage-ID: <bench@example.com>\r\nMIME-Version: 1.0\r\n' +
    'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n' +
    `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n` +
    '--b1\r\nContent-Type: application/octet-stream; name="data.bin"\r\nContent-Transfer-Encoding: base64\r\n' +
    'Content-Disposition: attachment; filename="data.bin"\r\n\r\n';
  const trailer = '\r\n--b1--\r\n';
  const budget = Math.max(0, size - header.length - trailer.length);
  // base64 with 76-column lines: 78 bytes per 57 input bytes.
  const raw = randomBytes(Math.floor((budget / 78) * 57));
  const b64 = raw.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(header + b64 + trailer, 'latin1');
}

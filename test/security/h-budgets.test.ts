/**
 * Threat checklist §H (H59–H63): parser budgets. Hostile inputs of up to 30 MB go through the
 * whole read pipeline and must end in a verdict within a time budget, never a crash or a
 * stack overflow. Limits are documented in docs/SECURITY-TESTS.md.
 */
import * as asn1js from 'asn1js';
import { latin1Encode, toArrayBuffer, toBase64, utf8Encode } from '../../src/core/bytes';
import { signData, type SignerIdentity } from '../../src/core/cms/sign';
import { parseMime } from '../../src/core/mime';
import { signMessage } from '../../src/core/smime';
import type { VerdictStatus } from '../../src/core/verdict';
import { familySigner, header, opaqueDer, opaqueMessage, parseSignedData, serialiseSignedData, signedBy, verdictOf } from './builders';

const ALICE = 'Alice <alice@example.com>';
const MB = 1024 * 1024;
const S = (s: VerdictStatus): VerdictStatus => s;
/** Generous for a shared 2-core CI box under Jest's VM (asn1js runs ~10× slower there than in plain Node). */
const BUDGET_MS = 60_000;

let alice: SignerIdentity;
beforeAll(async () => {
  alice = await familySigner('rsa2048', 'alice');
});

async function timed(message: string | Uint8Array): Promise<VerdictStatus> {
  const started = Date.now();
  const v = await verdictOf(message);
  expect(Date.now() - started).toBeLessThan(BUDGET_MS);
  expect(v.banner.length).toBeLessThanOrEqual(150);
  return v.status;
}

describe('H59 MIME bombs (~30 MB)', () => {
  test('10 000-deep multipart and 10 000-deep message/rfc822 are malformed', async () => {
    let deep = '';
    for (let i = 0; i < 10_000; i++) deep += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    expect(await timed(header(ALICE) + deep + 'Content-Type: text/plain\r\n\r\nx\r\n')).toBe(S('malformed'));
    const rfc822 = 'Content-Type: message/rfc822\r\n\r\nFrom: a@b.c\r\n'.repeat(10_000);
    expect(['malformed', 'not-signed']).toContain(await timed(header(ALICE) + rfc822 + '\r\nx\r\n'));
  });

  test('a 30 MB message of 4-byte-boundary sibling parts is malformed (part limit)', async () => {
    const part = '--ab\r\n\r\nx\r\n';
    const n = Math.floor((30 * MB) / part.length);
    const msg = header(ALICE) + 'Content-Type: multipart/mixed; boundary="ab"\r\n\r\n' + part.repeat(n) + '--ab--\r\n';
    expect(await timed(msg)).toBe(S('malformed'));
  });

  test('a 30 MB header line, 100 000 header fields, and a missing closing boundary end cleanly', async () => {
    expect(await timed(`X-Long: ${'a'.repeat(30 * MB)}\r\n${header(ALICE)}Content-Type: text/plain\r\n\r\nx`)).toBe(S('malformed'));
    expect(await timed(`${'X-H: v\r\n'.repeat(100_000)}${header(ALICE)}Content-Type: text/plain\r\n\r\nx`)).not.toBe(S('valid'));
    const open = header(ALICE) + 'Content-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nno end';
    expect(await timed(open)).toBe(S('not-signed'));
  });

  test('a 30 MB multipart/signed whose boundary also appears inside the signed part is never valid', async () => {
    const signed = await signedBy(alice, ALICE);
    const boundary = /boundary="([^"]+)"/.exec(signed)?.[1] ?? '';
    const injected = signed.replace('Pay Bob 10 EUR.', `Pay Bob 10 EUR.\r\n--${boundary}\r\n${'y'.repeat(30 * MB)}`);
    expect(await timed(injected)).not.toBe(S('valid'));
  });
});

test('H60 transfer-encoding abuse: invalid base64, NULs, =ZZ, unknown CTE decode deterministically without a crash', () => {
  for (const [cte, body] of [
    ['base64', 'QUJD*!!\u0000RE=\r\nRk'],
    ['base64', 'QQ'],
    ['quoted-printable', 'a=ZZb=\r\nc='],
    ['x-unknown', 'raw'],
    ['7bit', '\u00ff\u00fe8bit'],
  ]) {
    const e = parseMime(latin1Encode(`Content-Type: text/plain; charset=x-nonexistent\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n${body}`));
    expect(e.decodeBody()).toEqual(e.decodeBody());
    expect(typeof e.text()).toBe('string');
  }
});

describe('H61 ASN.1 bombs in the signature (~30 MB where it matters)', () => {
  const asP7s = async (der: Uint8Array) => {
    const signed = await signedBy(alice, ALICE);
    const root = parseMime(latin1Encode(signed));
    const content = new TextDecoder('latin1').decode(root.children[0].raw);
    const { multipartSigned } = await import('./builders');
    return multipartSigned(ALICE, { content, p7s: der });
  };

  test('10 000-deep SEQUENCEs, deep indefinite-length OCTET STRINGs, and 0x84FFFFFFFF lengths are malformed', async () => {
    const deep = new Uint8Array(20_000);
    for (let i = 0; i < 10_000; i++) deep.set([0x30, 0x80], i * 2);
    expect(await timed(await asP7s(deep))).toBe(S('malformed'));
    const octets = new Uint8Array(20_000);
    for (let i = 0; i < 10_000; i++) octets.set([0x24, 0x80], i * 2);
    expect(await timed(await asP7s(octets))).toBe(S('malformed'));
    expect(await timed(await asP7s(Uint8Array.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x06, 0x09])))).toBe(S('malformed'));
  });

  test('a 30 MB flat SEQUENCE of NULLs (node-count bomb) is malformed within budget', async () => {
    const n = 15 * MB;
    const der = new Uint8Array(6 + 2 * n);
    der.set([0x30, 0x84]);
    new DataView(der.buffer).setUint32(2, 2 * n);
    for (let i = 0; i < n; i++) der[6 + 2 * i] = 0x05;
    expect(await timed(await asP7s(der))).toBe(S('malformed'));
  }, 180_000);

  test('an OID arc above 2^32 in the content type is compared exactly, not truncated', async () => {
    const sd = parseSignedData(opaqueDer(await signedBy(alice, ALICE, true)));
    sd.encapContentInfo.eContentType = `1.2.840.113549.1.7.${2 ** 32 + 1}`;
    expect(await timed(opaqueMessage(ALICE, serialiseSignedData(sd)))).toBe(S('malformed'));
  });

  test('an empty digestAlgorithms SET does not crash (CVE-2026-45447 class); trailing bytes never make it invalid→valid', async () => {
    const opaque = await signedBy(alice, ALICE, true);
    const sd = parseSignedData(opaqueDer(opaque));
    sd.digestAlgorithms = [];
    expect(['valid', 'malformed']).toContain(await timed(opaqueMessage(ALICE, serialiseSignedData(sd))));
    const trailing = Uint8Array.from([...opaqueDer(opaque), 0x00, 0x00, 0x30, 0x00]);
    // Deliberate (documented): trailing bytes after the ContentInfo are ignored, like OpenSSL's d2i;
    // they are outside every signed byte, so they cannot change what is verified.
    expect(['valid', 'malformed']).toContain(await timed(opaqueMessage(ALICE, trailing)));
  });

  test('many SignerInfos (2 000) are refused without verifying any', async () => {
    const sd = parseSignedData(opaqueDer(await signedBy(alice, ALICE, true)));
    sd.signerInfos = Array.from({ length: 2_000 }, () => sd.signerInfos[0]);
    expect(await timed(opaqueMessage(ALICE, serialiseSignedData(sd)))).toBe(S('malformed'));
  });
});

describe('H62 recursion and compression', () => {
  test('CompressedData (smime-type=compressed-data) is refused as malformed/unsupported', async () => {
    const compressed = new asn1js.Sequence({
      value: [
        new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.9' }),
        new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] })] }),
      ],
    });
    const der = new Uint8Array(compressed.toBER(false));
    expect(await timed(opaqueMessage(ALICE, der, 'compressed-data'))).toBe(S('malformed'));
  });

  test('SignedData nested 20 levels (opaque inside opaque) is malformed beyond the layer cap', async () => {
    let msg: Uint8Array = latin1Encode(header(ALICE) + 'Content-Type: text/plain\r\n\r\nx\r\n');
    for (let i = 0; i < 20; i++) msg = await signMessage(msg, alice, { opaque: true });
    expect(await timed(msg)).toBe(S('malformed'));
  });
});

test('H63 a 25 MB opaque-signed message with an attachment is processed (valid), not degraded', async () => {
  const attachment = toBase64(crypto.getRandomValues(new Uint8Array(64 * 1024)), 76).replace(/\n/g, '\r\n');
  const body =
    'Content-Type: multipart/mixed; boundary="att"\r\n\r\n--att\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n' +
    `--att\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${(attachment + '\r\n').repeat(280)}--att--\r\n`;
  expect(body.length).toBeGreaterThan(24 * MB);
  const { der } = await signData(utf8Encode(body), alice, { detached: false });
  const msg = opaqueMessage(ALICE, der);
  expect(await timed(msg)).toBe(S('valid'));
  expect(toArrayBuffer(der).byteLength).toBeGreaterThan(24 * MB);
}, 180_000);

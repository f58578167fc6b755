/**
 * Threat checklist §E (E32–E42), core side: which parts are decrypted, what the verdict says,
 * and that failures are uniform. Rendering (sandboxed frame, zero network) is the UI's and
 * Outlook's Chromium tests; CMS-level twins are in test/cms/decrypt-tamper.test.ts.
 */
import * as asn1js from 'asn1js';
import { parseBer } from '../../src/core/asn1';
import { concatBytes, latin1Decode, latin1Encode, randomBytes, toArrayBuffer, utf8Decode } from '../../src/core/bytes';
import type { DecryptionKey } from '../../src/core/cms/decrypt';
import { encryptData } from '../../src/core/cms/encrypt';
import type { SignerIdentity } from '../../src/core/cms/sign';
import { rsaPkcs1v15Encrypt } from '../../src/core/crypto/rsa-pkcs1';
import { parseMime } from '../../src/core/mime';
import { OID } from '../../src/core/oids';
import { encryptMessage, readMessage, signMessage } from '../../src/core/smime';
import type { VerdictStatus } from '../../src/core/verdict';
import { certOf, decryptionKeyFor } from '../smime/helpers';
import { anchors, familySigner, header, opaqueMessage, plain, verdictOf } from './builders';

const ALICE = 'Alice <alice@example.com>';
const S = (s: VerdictStatus): VerdictStatus => s;
const SECRET = 'The launch code is 0000-TOP-SECRET.';
const secretBody = `Content-Type: text/plain; charset=utf-8\r\n\r\n${SECRET}\r\n`;

let alice: SignerIdentity;
let bobKey: DecryptionKey;
beforeAll(async () => {
  alice = await familySigner('rsa2048', 'alice');
  bobKey = await decryptionKeyFor('rsa2048', 'bob');
});

const bobCert = () => certOf('rsa2048', 'bob');
const derOf = (msg: Uint8Array) => parseMime(msg).decodeBody();

/** Edits the fields of the (Auth)EnvelopedData inside a ContentInfo and re-encodes it. */
function mutate(der: Uint8Array, edit: (fields: asn1js.AsnType[]) => void, contentType?: string): Uint8Array {
  const ci = parseBer(der, 'test') as asn1js.Sequence;
  if (contentType) ci.valueBlock.value[0] = new asn1js.ObjectIdentifier({ value: contentType });
  const inner = (ci.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  edit(inner.valueBlock.value);
  return new Uint8Array(ci.toBER(false));
}
const eci = (fields: asn1js.AsnType[]) => fields.find((f, i) => i > 0 && f instanceof asn1js.Sequence) as asn1js.Sequence;
const recipientSet = (fields: asn1js.AsnType[]) => fields.find((f) => f instanceof asn1js.Set) as asn1js.Set;

test('E32 EFAIL direct exfiltration: an encrypted part between HTML fragments is not decrypted into the message', async () => {
  const enc = latin1Decode(await encryptMessage(plain(ALICE, secretBody), [bobCert()], { cipher: 'aes-256-cbc' }));
  const part = enc.slice(enc.indexOf('Content-Type: application/pkcs7-mime'));
  for (const [open, close] of [
    ['<img src="http://127.0.0.1:9/?', '">'],
    ['<form action="http://127.0.0.1:9/"><textarea>', '</textarea></form>'],
    ['<link rel=stylesheet href="http://127.0.0.1:9/?', '">'],
    ['<meta http-equiv=refresh content="0;url=http://127.0.0.1:9/?', '">'],
  ]) {
    const msg =
      header(ALICE) +
      'Content-Type: multipart/mixed; boundary="e"\r\n\r\n' +
      `--e\r\nContent-Type: text/html\r\n\r\n${open}\r\n--e\r\n${part}\r\n--e\r\nContent-Type: text/html\r\n\r\n${close}\r\n--e--\r\n`;
    const result = await readMessage(latin1Encode(msg), { anchors: anchors(), decryptionKeys: [bobKey] });
    expect(result.verdict.status).toBe(S('partially-signed'));
    expect(result.verdict.encryption).toHaveLength(0);
    // Nothing the host can render contains the plaintext.
    expect(latin1Decode(result.content?.raw ?? new Uint8Array(0))).not.toContain(SECRET);
    expect(JSON.stringify(result.verdict)).not.toContain(SECRET);
  }
});

test('E33 EFAIL CBC gadget: a chosen first block via the IV decrypts silently, so CBC is reported unauthenticated and never valid', async () => {
  const der = await encryptData(latin1Encode(secretBody), [bobCert()], { cipher: 'aes-256-cbc' });
  const known = latin1Encode('Content-Type: te');
  const chosen = latin1Encode('<img src="http:/');
  const gadget = mutate(der, (fields) => {
    const params = (eci(fields).valueBlock.value[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.OctetString;
    const iv = params.valueBlock.valueHexView.slice();
    for (let i = 0; i < 16; i++) iv[i] ^= known[i] ^ chosen[i];
    params.valueBlock.valueHexView = iv;
  });
  const result = await readMessage(latin1Encode(opaqueMessage(ALICE, gadget, 'enveloped-data')), { anchors: anchors(), decryptionKeys: [bobKey] });
  expect(result.verdict.encryption[0].authenticated).toBe(false);
  expect(result.verdict.warnings.some((w) => /legacy mode \(CBC\)/.test(w))).toBe(true);
  expect(result.verdict.status).not.toBe(S('valid'));

  // The same gadget against signed-then-encrypted CBC mail breaks the inner signature: never valid.
  const signedEnc = await encryptMessage(await signMessage(plain(ALICE), alice), [bobCert()], { cipher: 'aes-256-cbc' });
  const sgadget = mutate(derOf(signedEnc), (fields) => {
    const params = (eci(fields).valueBlock.value[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.OctetString;
    const iv = params.valueBlock.valueHexView.slice();
    iv[0] ^= 0x01;
    params.valueBlock.valueHexView = iv;
  });
  const v = await verdictOf(opaqueMessage(ALICE, sgadget, 'enveloped-data'), { decryptionKeys: [bobKey] });
  expect(['malformed', 'invalid', 'not-signed']).toContain(v.status);
});

test('E33 EFAIL CBC gadget inside the content: the random block it leaves raises the tamper warning', async () => {
  const body = `Content-Type: text/plain; charset=utf-8\r\n\r\n${'Grüße aus Köln, ESC \x1b$B ok.\r\n'.repeat(8)}`;
  const der = await encryptData(new TextEncoder().encode(body), [bobCert()], { cipher: 'aes-256-cbc' });
  const clean = await readMessage(latin1Encode(opaqueMessage(ALICE, der, 'enveloped-data')), { anchors: anchors(), decryptionKeys: [bobKey] });
  expect(clean.verdict.encryption[0].tamperSuspected).toBeUndefined(); // UTF-8 text and ISO-2022 escapes are text

  // The known first block P1 = "Content-Type: te" and its ciphertext pair (IV, C1) inject
  // `<img src="http:/` after blocks 3, 6, 9 and 12: X = IV ^ P1 ^ chosen, then C1 (the EFAIL-MG
  // technique). Each injection leaves two random blocks; 8 make a miss (~0.17^8) negligible.
  const known = latin1Encode('Content-Type: te');
  const chosen = latin1Encode('<img src="http:/');
  const gadget = mutate(der, (fields) => {
    const info = eci(fields).valueBlock.value;
    const iv = ((info[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.OctetString).valueBlock.valueHexView;
    const content = info[2] as asn1js.Primitive;
    const ct = content.valueBlock.valueHexView;
    const x = iv.map((b, i) => b ^ known[i] ^ chosen[i]);
    const blocks: Uint8Array[] = [];
    for (let i = 0; i * 16 < ct.length; i++) {
      blocks.push(ct.subarray(i * 16, i * 16 + 16));
      if (i > 0 && i % 3 === 0 && i <= 12) blocks.push(x, ct.subarray(0, 16));
    }
    content.valueBlock.valueHexView = concatBytes(...blocks);
  });
  const result = await readMessage(latin1Encode(opaqueMessage(ALICE, gadget, 'enveloped-data')), { anchors: anchors(), decryptionKeys: [bobKey] });
  expect(latin1Decode(result.content?.raw ?? new Uint8Array(0))).toContain('<img src="http:/');
  expect(result.verdict.encryption[0].tamperSuspected).toBe(true);
  expect(result.verdict.warnings.join('\n')).toMatch(/random-looking bytes/);
  expect(result.verdict.status).not.toBe(S('valid'));
});

describe('E34 AuthEnvelopedData integrity (message level)', () => {
  let gcm: Uint8Array;
  beforeAll(async () => {
    gcm = await encryptData(latin1Encode(secretBody), [bobCert()], { cipher: 'aes-256-gcm' });
  });
  const statusOf = async (der: Uint8Array) =>
    (await verdictOf(opaqueMessage(ALICE, der, 'authEnveloped-data'), { decryptionKeys: [bobKey] })).status;
  const gcmParams = (fields: asn1js.AsnType[]) => (eci(fields).valueBlock.value[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.Sequence;

  test('baseline decrypts to not-signed (encrypted, unsigned: E36)', async () => {
    const v = await verdictOf(opaqueMessage(ALICE, gcm, 'authEnveloped-data'), { decryptionKeys: [bobKey] });
    expect(v.status).toBe(S('not-signed'));
    expect(v.encryption[0].authenticated).toBe(true);
    expect(v.banner).toMatch(/Encrypted but not signed/);
  });

  test('nonce of 0, 8, 16 and 1024 bytes, truncated tags and a missing mac never release plaintext', async () => {
    for (const n of [0, 8, 16, 1024]) {
      const der = mutate(gcm, (fields) => {
        (gcmParams(fields).valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView = randomBytes(n);
      });
      expect(await statusOf(der)).toBe(S('decrypt-failed'));
    }
    for (const len of [12, 8, 4]) {
      const der = mutate(gcm, (fields) => {
        const mac = fields.find((f, i) => i > 2 && f instanceof asn1js.OctetString) as asn1js.OctetString;
        mac.valueBlock.valueHexView = mac.valueBlock.valueHexView.slice(0, len);
      });
      expect(['decrypt-failed', 'malformed']).toContain(await statusOf(der));
    }
    const noMac = mutate(gcm, (fields) => {
      const i = fields.findIndex((f, k) => k > 2 && f instanceof asn1js.OctetString);
      fields.splice(i, 1);
    });
    expect(['decrypt-failed', 'malformed']).toContain(await statusOf(noMac));
  });
});

test('E35 AEAD→CBC downgrade: AuthEnvelopedData re-emitted as EnvelopedData(AES-256-CBC) is never valid and is marked unauthenticated', async () => {
  const gcm = await encryptData(latin1Encode(secretBody), [bobCert()], { cipher: 'aes-256-gcm' });
  const ct = (asn1js.fromBER(toArrayBuffer(gcm)).result as asn1js.Sequence).toBER(false);
  expect(ct.byteLength).toBeGreaterThan(0);
  const downgraded = mutate(
    gcm,
    (fields) => {
      const e = eci(fields);
      e.valueBlock.value[1] = new asn1js.Sequence({
        value: [new asn1js.ObjectIdentifier({ value: OID.aes256CBC }), new asn1js.OctetString({ valueHex: toArrayBuffer(randomBytes(16)) })],
      });
      const macIdx = fields.findIndex((f, k) => k > 2 && f instanceof asn1js.OctetString);
      if (macIdx > 0) fields.splice(macIdx, 1);
    },
    OID.envelopedData,
  );
  const v = await verdictOf(opaqueMessage(ALICE, downgraded, 'enveloped-data'), { decryptionKeys: [bobKey] });
  expect(v.status).not.toBe(S('valid'));
  if (v.encryption.length > 0) expect(v.encryption[0].authenticated).toBe(false);
  expect(JSON.stringify(v)).not.toContain(SECRET);
});

test('E40 PKCS#1 v1.5 oracle: garbage, wrong-length and wrong-key encrypted keys give identical verdicts', async () => {
  const gcm = await encryptData(latin1Encode(secretBody), [bobCert()], { cipher: 'aes-256-gcm' });
  const replaceKey = (value: Uint8Array) =>
    mutate(gcm, (fields) => {
      const ktri = (recipientSet(fields).valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
      (ktri[3] as asn1js.OctetString).valueBlock.valueHexView = value;
    });
  const variants = [
    randomBytes(256), // non-conforming padding
    rsaPkcs1v15Encrypt(bobCert(), randomBytes(16)), // conforming, wrong key length
    rsaPkcs1v15Encrypt(bobCert(), randomBytes(32)), // conforming, right length, wrong key
    rsaPkcs1v15Encrypt(bobCert(), new Uint8Array(0)), // conforming, empty
    new Uint8Array(256), // zero
    randomBytes(255), // short
  ];
  const seen = new Set<string>();
  for (const value of variants) {
    const v = await verdictOf(opaqueMessage(ALICE, replaceKey(value), 'authEnveloped-data'), { decryptionKeys: [bobKey] });
    expect(v.status).toBe(S('decrypt-failed'));
    seen.add(JSON.stringify({ s: v.status, e: v.errors, w: v.warnings, b: v.banner }));
  }
  expect(seen.size).toBe(1);
});

test('E41 unusual RecipientInfos (KEK, PWRI, Other) and 10 000 RecipientInfos end cleanly and quickly', async () => {
  const gcm = await encryptData(latin1Encode(secretBody), [bobCert()], { cipher: 'aes-256-gcm' });
  const tagged = (n: number, value: asn1js.AsnType[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: n }, value });
  const alg = (oid: string) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid })] });
  const octets = (n: number) => new asn1js.OctetString({ valueHex: toArrayBuffer(randomBytes(n)) });
  const kek = tagged(2, [new asn1js.Integer({ value: 4 }), new asn1js.Sequence({ value: [octets(8)] }), alg('2.16.840.1.101.3.4.1.45'), octets(40)]);
  const pwri = tagged(3, [new asn1js.Integer({ value: 0 }), alg('1.2.840.113549.1.9.16.3.9'), octets(3)]); // KEK blob out of bounds
  const ori = tagged(4, [new asn1js.ObjectIdentifier({ value: '1.3.6.1.4.1.55555.9' }), new asn1js.Null()]);
  for (const infos of [[kek], [pwri], [ori], [kek, pwri, ori]]) {
    const der = mutate(gcm, (fields) => {
      recipientSet(fields).valueBlock.value = infos;
    });
    const v = await verdictOf(opaqueMessage(ALICE, der, 'authEnveloped-data'), { decryptionKeys: [bobKey] });
    expect(['encrypted-no-key', 'malformed', 'decrypt-failed']).toContain(v.status);
  }
  const many = mutate(gcm, (fields) => {
    const set = recipientSet(fields);
    const first = set.valueBlock.value[0];
    // Just over MAX_RECIPIENT_INFOS (1024): refused before pkijs builds an object per entry.
    // 10 000 is measured in docs/SECURITY-TESTS.md (asn1js parse time dominates; too slow for CI).
    set.valueBlock.value = Array.from({ length: 1100 }, () => first);
  });
  const started = Date.now();
  const v = await verdictOf(opaqueMessage(ALICE, many, 'authEnveloped-data'), { decryptionKeys: [bobKey] });
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(v.status).toBe(S('malformed'));
  expect(v.errors.join(' ')).toMatch(/more than 1024 recipients/);
});

test('E37 REPLY: a non-root encrypted part is never decrypted, so no reply path can quote its plaintext', async () => {
  const enc = latin1Decode(await encryptMessage(plain(ALICE, secretBody), [bobCert()], { cipher: 'aes-256-gcm' }));
  const part = enc.slice(enc.indexOf('Content-Type: application/pkcs7-mime'));
  const msg =
    header('Eve <eve@evil.example>') +
    'Content-Type: multipart/alternative; boundary="r"\r\n\r\n' +
    `--r\r\nContent-Type: text/plain\r\n\r\nHi, lunch?\r\n${'\r\n'.repeat(200)}--r\r\n${part}\r\n--r--\r\n`;
  const result = await readMessage(latin1Encode(msg), { decryptionKeys: [bobKey] });
  expect(result.verdict.encryption).toHaveLength(0);
  expect(utf8Decode(result.content?.raw ?? new Uint8Array(0))).not.toContain(SECRET);
});

/**
 * Threat checklist §B (MIME wrapping and nesting, B18–B24) and §C (identity binding, C25–C29),
 * through readMessage, asserting the VerdictStatus. Inputs are Johnny-style messages rebuilt
 * from our own signatures (the Johnny .eml files are signed by expired GlobalSign certificates).
 */
import { latin1Decode, latin1Encode } from '../../src/core/bytes';
import type { DecryptionKey } from '../../src/core/cms/decrypt';
import type { SignerIdentity } from '../../src/core/cms/sign';
import { certificateEmails } from '../../src/core/pki/email-binding';
import { encryptMessage, signMessage } from '../../src/core/smime';
import { CIPHERTEXT_ONLY_WARNING } from '../../src/core/smime/read-message';
import type { VerdictStatus } from '../../src/core/verdict';
import { decryptionKeyFor, certOf } from '../smime/helpers';
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../../src/core/bytes';
import { signData } from '../../src/core/cms/sign';
import {
  CONTENT,
  detachedParts,
  familySigner,
  header,
  multipartSigned,
  parseSignedData,
  plain,
  serialiseSignedData,
  signedBy,
  verdictOf,
} from './builders';

const ALICE = 'Alice <alice@example.com>';
const S = (s: VerdictStatus): VerdictStatus => s;

let alice: SignerIdentity;
let bob: SignerIdentity;
let bobKey: DecryptionKey;
let signed: string;
beforeAll(async () => {
  alice = await familySigner('rsa2048', 'alice');
  bob = await familySigner('rsa2048', 'bob');
  bobKey = await decryptionKeyFor('rsa2048', 'bob');
  signed = await signedBy(alice, ALICE);
});

/** The signed message without its RFC 5322 header: what an attacker embeds. */
const signedEntity = (msg: string) => msg.slice(msg.indexOf('Content-Type: multipart/signed'));

function mixed(from: string, parts: string[], type = 'multipart/mixed'): string {
  return header(from) + `Content-Type: ${type}; boundary="w"\r\n\r\n` + parts.map((p) => `--w\r\n${p}\r\n`).join('') + '--w--\r\n';
}

describe('B: MIME wrapping (Johnny M1–M4)', () => {
  test('B18 M1 prepended unsigned text is partially-signed', async () => {
    const msg = mixed(ALICE, ['Content-Type: text/plain\r\n\r\nPlease wire 10 000 EUR to Eve.\r\n', signedEntity(signed)]);
    expect((await verdictOf(msg)).status).toBe(S('partially-signed'));
  });

  test('B19 M2 signed part hidden by HTML/CSS is partially-signed', async () => {
    const html = 'Content-Type: text/html\r\n\r\n<p>Pay Eve.</p><div style="display:none">\r\n';
    const msg = mixed(ALICE, [html, signedEntity(signed), 'Content-Type: text/html\r\n\r\n</div>\r\n']);
    expect((await verdictOf(msg)).status).toBe(S('partially-signed'));
  });

  test('B20 M3 cid: reference to the signed part in multipart/related is partially-signed', async () => {
    const html = 'Content-Type: text/html\r\n\r\n<p>Pay Eve.</p><iframe src="cid:target"></iframe><img src="cid:target">\r\n';
    const target = `Content-ID: <target>\r\n${signedEntity(signed)}`;
    const msg = mixed(ALICE, [html, target], 'multipart/related; type="text/html"');
    expect((await verdictOf(msg)).status).toBe(S('partially-signed'));
  });

  test('B21 M4 signed message as an attachment (message/rfc822 and application/pkcs7-mime) never gives the message a valid banner', async () => {
    const asRfc822 = `Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="fwd.eml"\r\n\r\n${signed}`;
    const v = await verdictOf(mixed(ALICE, ['Content-Type: text/plain\r\n\r\nSee attachment.\r\n', asRfc822]));
    expect(['partially-signed', 'not-signed']).toContain(v.status);
    const opaque = await signedBy(alice, ALICE, true);
    const p7m = opaque.slice(opaque.indexOf('Content-Type: application/pkcs7-mime'));
    const v2 = await verdictOf(mixed(ALICE, ['Content-Type: text/plain\r\n\r\nSee attachment.\r\n', p7m]));
    expect(v2.status).toBe(S('partially-signed'));
  });
});

describe('B: nesting and takeover', () => {
  test('B22 nested signatures (alice inside, bob outside): alice is the author, bob is reported as outer signer', async () => {
    for (const opaque of [false, true]) {
      const inner = await signMessage(plain(ALICE), alice, { opaque });
      const outer = await signMessage(inner, bob, { opaque });
      const v = await verdictOf(outer);
      expect(v.status).toBe(S('valid'));
      expect(v.signers[0].certificate?.emails).toEqual(['alice@example.com']);
      expect(v.banner).toContain('alice@example.com');
      expect(v.warnings.some((w) => /outer layer by bob@example.com/.test(w))).toBe(true);
    }
  });

  test('B22 a broken outer signature still makes the message invalid', async () => {
    const inner = await signMessage(plain(ALICE), alice, { opaque: true });
    const parts = detachedParts(latin1Decode(await signMessage(inner, bob)));
    const sd = parseSignedData(parts.p7s);
    const sig = sd.signerInfos[0].signature.valueBlock.valueHexView.slice();
    sig[5] ^= 1;
    sd.signerInfos[0].signature = new asn1js.OctetString({ valueHex: toArrayBuffer(sig) });
    const tampered = multipartSigned(ALICE, { content: parts.content, p7s: serialiseSignedData(sd) });
    const v = await verdictOf(tampered);
    expect(v.status).toBe(S('invalid'));
    expect(v.signers.map((s) => s.status)).toEqual([S('valid'), S('invalid')]);
  });

  test('B22 nesting deeper than the layer cap is malformed', async () => {
    let msg = plain(ALICE);
    for (let i = 0; i < 4; i++) msg = await signMessage(msg, alice, { opaque: true });
    expect((await verdictOf(msg, { maxLayers: 3 })).status).toBe(S('malformed'));
    expect((await verdictOf(msg)).status).toBe(S('valid'));
  });

  test('B23 encrypt-then-sign takeover: eve signs alice\u2019s encrypted-only mail → not-signed, banner says ciphertext only', async () => {
    const eve = bob; // any other valid identity plays Eve
    const encrypted = await encryptMessage(plain(ALICE), [certOf('rsa2048', 'bob')], { cipher: 'aes-256-cbc' });
    const takeover = await signMessage(encrypted, eve);
    const v = await verdictOf(takeover, { decryptionKeys: [bobKey] });
    expect(v.status).toBe(S('not-signed'));
    expect(v.warnings).toContain(CIPHERTEXT_ONLY_WARNING);
    expect(v.banner).toMatch(/covers encrypted content only/);
  });

  test('B23 eve wraps alice\u2019s signed-then-encrypted mail under From: eve → the inner author alice is named, not eve', async () => {
    const inner = await encryptMessage(await signMessage(plain(ALICE), alice), [certOf('rsa2048', 'bob')], { cipher: 'aes-256-gcm' });
    const rewrapped = latin1Encode(latin1Decode(inner).replace(/^From: .*$/m, 'From: bob@example.com'));
    const v = await verdictOf(await signMessage(rewrapped, bob), { decryptionKeys: [bobKey] });
    expect(v.signers[0].certificate?.emails).toEqual(['alice@example.com']);
    expect(v.status).toBe(S('sender-mismatch'));
    expect(v.banner).toContain('alice@example.com');
  });

  test('B24 mixed encrypted and clear parts: the encrypted part is not decrypted inline and the message is partially-signed', async () => {
    const enc = latin1Decode(await encryptMessage(plain(ALICE), [certOf('rsa2048', 'bob')], { cipher: 'aes-256-gcm' }));
    const part = enc.slice(enc.indexOf('Content-Type: application/pkcs7-mime'));
    const msg = mixed(ALICE, ['Content-Type: text/plain\r\n\r\nClear text added by someone.\r\n', part]);
    const v = await verdictOf(msg, { decryptionKeys: [bobKey] });
    expect(v.status).toBe(S('partially-signed'));
    expect(v.encryption).toHaveLength(0);
  });
});

describe('C: identity binding', () => {
  test('C25 From ≠ signer is sender-mismatch and the banner names the certificate address and the From', async () => {
    const v = await verdictOf(await signedBy(alice, 'Eve <eve@evil.example>'));
    expect(v.status).toBe(S('sender-mismatch'));
    expect(v.banner).toContain('alice@example.com');
    expect(v.banner).toContain('eve@evil.example');
  });

  test('C26 display-name spoofing: only the addr-spec is compared; the banner names the certificate address', async () => {
    const spoofs = [
      `"alice@example.com${' '.repeat(200)}x" <eve@evil.example>`,
      '"Alice <alice@example.com>" <eve@evil.example>',
      '=?utf-8?q?alice=40example=2Ecom?= <eve@evil.example>',
    ];
    for (const from of spoofs) {
      const v = await verdictOf(await signedBy(bob, from));
      expect(v.status).toBe(S('sender-mismatch'));
      expect(v.from).toBe('eve@evil.example');
      expect(v.banner).toContain('bob@example.com');
    }
  });

  test('C26 empty From, name-only From, and From without a domain are malformed', async () => {
    const msg = signed;
    for (const from of ['', 'Alice', 'alice@', '<>']) {
      const v = await verdictOf(msg.replace(/^From: .*$/m, `From: ${from}`));
      expect(v.status).toBe(S('malformed'));
    }
  });

  test('C27 two From fields are malformed; Sender ≠ From keeps the From binding and warns naming both', async () => {
    expect((await verdictOf(`From: eve@evil.example\r\n${signed}`)).status).toBe(S('malformed'));
    const withSender = signed.replace(/^From: .*$/m, (f) => `${f}\r\nSender: eve@evil.example`);
    const v = await verdictOf(withSender);
    expect(v.status).toBe(S('valid')); // deliberate: the displayed From is what is bound (mailing lists set Sender)
    expect(v.warnings.some((w) => w.includes('eve@evil.example') && w.includes('alice@example.com'))).toBe(true);
    // Sender = signer, From = someone else (Johnny i3-from1-sender-from2-signer): mismatch against the displayed From.
    const fromEve = signed.replace(/^From: .*$/m, 'From: eve@evil.example\r\nSender: alice@example.com');
    expect((await verdictOf(fromEve)).status).toBe(S('sender-mismatch'));
  });

  test('C27 the address the host shows (Office.js item.from) must be the raw From, or the verdict is sender-mismatch', async () => {
    expect((await verdictOf(signed, { displayedFrom: 'alice@EXAMPLE.com' })).status).toBe(S('valid'));
    const shownOther = await verdictOf(signed, { displayedFrom: 'ceo@example.com' });
    expect(shownOther.status).toBe(S('sender-mismatch'));
    expect(shownOther.errors).toContain("Your mail program shows the sender as ceo@example.com, but the message's From is alice@example.com");
    // Exchange's X.500 form for internal senders is not an SMTP address and is not compared.
    expect((await verdictOf(signed, { displayedFrom: '/O=EXCHANGELABS/OU=FYDIBOHF23SPDLT/CN=RECIPIENTS/CN=ALICE' })).status).toBe(S('valid'));
  });

  test('C27 a Reply-To other than the signed From is a warning for the moment the user replies', async () => {
    const replyElsewhere = signed.replace(/^From: .*$/m, (f) => `${f}\r\nReply-To: Billing <billing@evil.example>, alice@example.com`);
    const v = await verdictOf(replyElsewhere);
    expect(v.status).toBe(S('valid'));
    expect(v.warnings).toContain('Replies go to billing@evil.example (Reply-To), not to the sender alice@example.com');
    expect(v.warnings.filter((w) => w.startsWith('Replies go to'))).toHaveLength(1);
    const replyToSelf = await verdictOf(signed.replace(/^From: .*$/m, (f) => `${f}\r\nReply-To: alice@example.com`));
    expect(replyToSelf.warnings.some((w) => w.startsWith('Replies go to'))).toBe(false);
  });

  test('C28 address normalisation: domain case-insensitive, local part exact (policy in pki/email-binding)', async () => {
    expect((await verdictOf(signed.replace(/^From: .*$/m, 'From: alice@EXAMPLE.com'))).status).toBe(S('valid'));
    expect((await verdictOf(signed.replace(/^From: .*$/m, 'From: Alice@example.com'))).status).toBe(S('sender-mismatch'));
    expect(certificateEmails(alice.certificate)).toEqual(['alice@example.com']);
  });

  test('C29 header protection: an outer From that differs from the signer is never valid, even with hp="clear" inner headers', async () => {
    const inner = `Content-Type: text/plain; charset=utf-8; hp="clear"\r\nFrom: ${ALICE}\r\nSubject: Real\r\n\r\nPay Bob 10 EUR.\r\n`;
    const { der } = await signData(latin1Encode(inner), alice, { detached: true });
    const v = await verdictOf(multipartSigned('Eve <eve@evil.example>', { content: inner, p7s: der }));
    expect(v.status).toBe(S('sender-mismatch'));
  });
});

test('the plain CONTENT fixture is what the baseline signs', () => {
  expect(CONTENT).toContain('Pay Bob');
});

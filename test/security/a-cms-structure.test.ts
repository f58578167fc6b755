/**
 * Threat checklist §A (cases A1–A17): CMS signature structure, read through the whole
 * pipeline (readMessage) and judged by the VerdictStatus alone. CMS-level twins of several
 * cases live in test/cms/verify-negative.test.ts; these assert what the user is shown.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { latin1Encode, toArrayBuffer, utf8Encode } from '../../src/core/bytes';
import { contentTypeAttribute, messageDigestAttribute, sortSignedAttributes } from '../../src/core/cms/attributes';
import type { SignerIdentity } from '../../src/core/cms/sign';
import { OID } from '../../src/core/oids';
import type { VerdictStatus } from '../../src/core/verdict';
import {
  CONTENT,
  caseSigner,
  detachedParts,
  familySigner,
  multipartSigned,
  opaqueDer,
  opaqueMessage,
  parseSignedData,
  resign,
  schemeFor,
  serialiseSignedData,
  setEContent,
  signedBy,
  verdictOf,
} from './builders';

const ALICE = 'Alice <alice@example.com>';
const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const S = (s: VerdictStatus): VerdictStatus => s;

let alice: SignerIdentity;
let aliceEc: SignerIdentity;
let bob: SignerIdentity;
let detached: string;
let opaque: string;
beforeAll(async () => {
  alice = await familySigner('rsa2048', 'alice');
  aliceEc = await familySigner('p256', 'alice');
  bob = await familySigner('rsa2048', 'bob');
  detached = await signedBy(alice, ALICE);
  opaque = await signedBy(alice, ALICE, true);
});

const digestOf = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(bytes)));

test('baseline: detached and opaque messages from alice are valid (A11)', async () => {
  expect((await verdictOf(detached)).status).toBe(S('valid'));
  expect((await verdictOf(opaque)).status).toBe(S('valid'));
});

describe('A1 eContent confusion', () => {
  test('multipart/signed whose p7s carries another eContent is malformed, even when eContent equals the part', async () => {
    const evil = utf8Encode('Content-Type: text/plain\r\n\r\nPay Eve 10000 EUR.\r\n');
    const sd = parseSignedData(opaqueDer(opaque));
    const parts = detachedParts(detached);
    for (const shown of [evil, latin1Encode(parts.content)]) {
      // eContent is alice's real signed content; the displayed part is something else (or identical).
      const msg = multipartSigned(ALICE, { content: new TextDecoder('latin1').decode(shown), p7s: serialiseSignedData(sd) });
      const v = await verdictOf(msg);
      expect(v.status).toBe(S('malformed'));
    }
  });
});

describe('A2 ForgedAttributes', () => {
  test('signedAttrs moved into the content (signature over DER(attrs) without signedAttrs) is malformed', async () => {
    const sd = parseSignedData(opaqueDer(opaque));
    const si = sd.signerInfos[0];
    const attrsDer = new Uint8Array(si.signedAttrs!.encodedValue).slice();
    attrsDer[0] = 0x31;
    si.signedAttrs = undefined;
    setEContent(sd, attrsDer);
    const v = await verdictOf(opaqueMessage(ALICE, serialiseSignedData(sd)));
    expect(v.status).toBe(S('malformed'));
  });

  test('a signature without signedAttrs over plain content is malformed (S/MIME requires signedAttrs)', async () => {
    const sd = parseSignedData(opaqueDer(opaque));
    const si = sd.signerInfos[0];
    const content = (sd.encapContentInfo.eContent as asn1js.OctetString).valueBlock.valueHexView;
    si.signedAttrs = undefined;
    si.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(await alice.key.sign(content, schemeFor(alice))) });
    const v = await verdictOf(opaqueMessage(ALICE, serialiseSignedData(sd)));
    expect(v.status).toBe(S('malformed'));
    expect(v.signers.every((s) => s.status !== 'valid')).toBe(true);
  });
});

describe('A3 multiple signers', () => {
  async function twoSigners(second: SignerIdentity, breakSecond: boolean): Promise<string> {
    const first = parseSignedData(opaqueDer(opaque));
    const other = parseSignedData(opaqueDer(await signedBy(second, ALICE, true)));
    const si = other.signerInfos[0];
    if (breakSecond) {
      const sig = si.signature.valueBlock.valueHexView.slice();
      sig[10] ^= 1;
      si.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(sig) });
    }
    // Same eContent bytes (toSignable of the same message) so both cover what is displayed.
    first.signerInfos.push(si);
    first.certificates = [...(first.certificates ?? []), ...(other.certificates ?? [])];
    return opaqueMessage(ALICE, serialiseSignedData(first));
  }

  test('one valid + one broken signer (Johnny append) is invalid, both reported', async () => {
    const v = await verdictOf(await twoSigners(alice, true));
    expect(v.status).toBe(S('invalid'));
    expect(v.signers.map((s) => s.status)).toEqual([S('valid'), S('invalid')]);
  });

  test('two valid signers of different identities: per-signer rows, worst wins (sender-mismatch for bob)', async () => {
    const v = await verdictOf(await twoSigners(bob, false));
    expect(v.signers).toHaveLength(2);
    expect(v.status).toBe(S('sender-mismatch'));
  });

  test('two valid signers of the same identity (RSA + EC) stay valid with one row each', async () => {
    const v = await verdictOf(await twoSigners(aliceEc, false));
    expect(v.signers.map((s) => s.status)).toEqual([S('valid'), S('valid')]);
    expect(v.status).toBe(S('valid'));
  });
});

describe('A4 zero signers', () => {
  test('zero SignerInfos (detached and opaque, with and without certificates) is malformed, never signed', async () => {
    for (const stripCerts of [false, true]) {
      const sd = parseSignedData(detachedParts(detached).p7s);
      sd.signerInfos = [];
      if (stripCerts) sd.certificates = undefined;
      const msg = multipartSigned(ALICE, { content: detachedParts(detached).content, p7s: serialiseSignedData(sd) });
      const v = await verdictOf(msg);
      expect(v.status).toBe(S('malformed'));
      expect(v.banner).not.toMatch(/^Signed by/);

      const osd = parseSignedData(opaqueDer(opaque));
      osd.signerInfos = [];
      if (stripCerts) osd.certificates = undefined;
      expect((await verdictOf(opaqueMessage(ALICE, serialiseSignedData(osd)))).status).toBe(S('malformed'));
    }
  });
});

describe('A5 absent or garbage CMS', () => {
  test('empty, PEM certificate, EnvelopedData and random p7s are malformed; the next message still verifies', async () => {
    const { content } = detachedParts(detached);
    const pem = latin1Encode('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const enveloped = new Uint8Array(
      new pkijs.ContentInfo({ contentType: OID.envelopedData, content: new asn1js.Sequence({ value: [] }) }).toSchema().toBER(false),
    );
    for (const p7s of [new Uint8Array(0), pem, enveloped, crypto.getRandomValues(new Uint8Array(300))]) {
      expect((await verdictOf(multipartSigned(ALICE, { content, p7s }))).status).toBe(S('malformed'));
      // An EnvelopedData in pkcs7-mime is an encryption layer whatever smime-type says: no key → encrypted-no-key.
      const expected = p7s === enveloped ? S('encrypted-no-key') : S('malformed');
      expect((await verdictOf(opaqueMessage(ALICE, p7s))).status).toBe(expected);
    }
    // Johnny crash_01: multipart/signed whose signature part is missing entirely.
    const crash = detached.replace(/--[^\r\n]+\r\nContent-Type: application\/pkcs7-signature[\s\S]*?(?=--[^\r\n]+--)/, '');
    expect((await verdictOf(crash)).status).toBe(S('malformed'));
    expect((await verdictOf(detached)).status).toBe(S('valid'));
  });
});

describe('A6–A8 attribute tricks (validly re-signed by the test signer)', () => {
  test('A6 content-type attribute id-signedData / TSTInfo while eContentType is id-data is malformed', async () => {
    for (const wrong of [OID.signedData, TST_INFO]) {
      const der = await resign(opaqueDer(opaque), alice, (attrs) => [
        ...attrs.filter((a) => a.type !== OID.contentType),
        contentTypeAttribute(wrong),
      ]);
      expect((await verdictOf(opaqueMessage(ALICE, der))).status).toBe(S('malformed'));
    }
  });

  test('A7 duplicate or multi-valued messageDigest is malformed in every order', async () => {
    const sd = parseSignedData(opaqueDer(opaque));
    const good = await digestOf((sd.encapContentInfo.eContent as asn1js.OctetString).valueBlock.valueHexView);
    const bad = new Uint8Array(32).fill(7);
    const variants: ((attrs: pkijs.Attribute[]) => pkijs.Attribute[])[] = [
      (a) => [...a.filter((x) => x.type !== OID.messageDigest), messageDigestAttribute(good), messageDigestAttribute(bad)],
      (a) => [...a.filter((x) => x.type !== OID.messageDigest), messageDigestAttribute(bad), messageDigestAttribute(good)],
      (a) => [
        ...a.filter((x) => x.type !== OID.messageDigest),
        new pkijs.Attribute({
          type: OID.messageDigest,
          values: [new asn1js.OctetString({ valueHex: toArrayBuffer(good) }), new asn1js.OctetString({ valueHex: toArrayBuffer(bad) })],
        }),
      ],
      (a) => [
        ...a.filter((x) => x.type !== OID.messageDigest),
        new pkijs.Attribute({
          type: OID.messageDigest,
          values: [new asn1js.OctetString({ valueHex: toArrayBuffer(bad) }), new asn1js.OctetString({ valueHex: toArrayBuffer(good) })],
        }),
      ],
    ];
    for (const mutate of variants) {
      const der = await resign(opaqueDer(opaque), alice, mutate);
      expect((await verdictOf(opaqueMessage(ALICE, der))).status).toBe(S('malformed'));
    }
  });

  test('A8 eContentType id-ct-TSTInfo from an expired signer is malformed, and the time is not shifted', async () => {
    const expired = await caseSigner('expired');
    const signed = await signedBy(expired, 'expired@example.com', true);
    const der = await resign(opaqueDer(signed), expired, (attrs, sd) => {
      sd.encapContentInfo.eContentType = TST_INFO;
      return [...attrs.filter((a) => a.type !== OID.contentType), contentTypeAttribute(TST_INFO)];
    });
    const v = await verdictOf(opaqueMessage('expired@example.com', der));
    expect(v.status).toBe(S('malformed'));
    // Same signature as id-data is `expired`, evaluated now, never "in the past".
    expect((await verdictOf(signed)).status).toBe(S('expired'));
  });
});

describe('A9–A10 tampering and canonicalisation', () => {
  test('A9 a changed header of the signed part is invalid (body tamper: test/verdict/statuses.test.ts)', async () => {
    const msg = detached.replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: text/html; charset=utf-8');
    expect(msg).not.toBe(detached);
    expect((await verdictOf(msg)).status).toBe(S('invalid'));
  });

  test('A10 added trailing whitespace in the signed part is invalid, bare-LF transport is valid', async () => {
    const withSpace = detached.replace('Pay Bob 10 EUR.\r\n', 'Pay Bob 10 EUR. \r\n');
    expect((await verdictOf(withSpace)).status).toBe(S('invalid'));
    expect((await verdictOf(detached.replace(/\r\n/g, '\n'))).status).toBe(S('valid'));
  });

  test('A10 the hash covers raw QP bytes: a re-encoding that decodes to the same text is invalid', async () => {
    const qpBody = 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nPay Bob 10 EUR=2E\r\n';
    const msg = await signedBy(alice, ALICE, false, qpBody);
    expect((await verdictOf(msg)).status).toBe(S('valid'));
    const reencoded = msg.replace('Pay Bob 10 EUR=2E', 'Pay Bob 10 EUR.');
    expect(reencoded).not.toBe(msg);
    expect((await verdictOf(reencoded)).status).toBe(S('invalid'));
  });
});

describe('A12 micalg and protocol lies', () => {
  test('micalg=sha-1 on a SHA-256 signature and missing micalg: only the SignerInfo counts (valid)', async () => {
    const parts = detachedParts(detached);
    const lie = await verdictOf(multipartSigned(ALICE, parts, 'protocol="application/pkcs7-signature"; micalg=sha-1'));
    expect(lie.status).toBe(S('valid'));
    expect(lie.warnings.some((w) => /micalg/.test(w))).toBe(true);
    expect((await verdictOf(multipartSigned(ALICE, parts, 'protocol="application/pkcs7-signature"'))).status).toBe(S('valid'));
  });

  test('protocol="application/pgp-signature" on an S/MIME p7s, signature first, or three parts is malformed', async () => {
    const parts = detachedParts(detached);
    expect((await verdictOf(multipartSigned(ALICE, parts, 'protocol="application/pgp-signature"; micalg=sha-256'))).status).toBe(
      S('malformed'),
    );
    expect((await verdictOf(multipartSigned(ALICE, parts, undefined, 'signature-first'))).status).toBe(S('malformed'));
    const extra = 'Content-Type: text/plain\r\n\r\nUnsigned extra part.\r\n';
    expect((await verdictOf(multipartSigned(ALICE, parts, undefined, 'content-first', extra))).status).toBe(S('malformed'));
  });
});

describe('A13–A15 weak and malformed signatures', () => {
  test('A13 MD5 digest is never valid (SHA-1: test/verdict/statuses.test.ts)', async () => {
    const sd = parseSignedData(opaqueDer(opaque));
    sd.signerInfos[0].digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.md5, algorithmParams: new asn1js.Null() });
    const v = await verdictOf(opaqueMessage(ALICE, serialiseSignedData(sd)));
    expect(['invalid', 'malformed', 'weak-algorithm']).toContain(v.status);
    expect(v.status).not.toBe(S('valid'));
  });

  test('A14 RSA signature values: zero, n-sized garbage, truncated, extended, leading zero byte are invalid', async () => {
    const der = opaqueDer(opaque);
    const sig = parseSignedData(der).signerInfos[0].signature.valueBlock.valueHexView;
    const variants = [
      new Uint8Array(sig.length),
      new Uint8Array(sig.length).fill(0xff),
      sig.subarray(0, sig.length - 1),
      Uint8Array.from([...sig, 0]),
      Uint8Array.from([0, ...sig]),
      new Uint8Array(0),
      new Uint8Array(2048).fill(1), // BigSig: 16 384-bit value for a 2048-bit key
    ];
    for (const value of variants) {
      const sd = parseSignedData(der);
      sd.signerInfos[0].signature = new asn1js.OctetString({ valueHex: toArrayBuffer(value) });
      expect((await verdictOf(opaqueMessage(ALICE, serialiseSignedData(sd)))).status).toBe(S('invalid'));
    }
  });

  test('A15 ECDSA: r=0, s=0, r=n, BER lengths, trailing bytes, negative r are invalid; high-S follows Wycheproof (valid)', async () => {
    const ecOpaque = await signedBy(aliceEc, ALICE, true);
    const der = opaqueDer(ecOpaque);
    const sigDer = parseSignedData(der).signerInfos[0].signature.valueBlock.valueHexView;
    const seq = asn1js.fromBER(toArrayBuffer(sigDer)).result as asn1js.Sequence;
    const [r, s] = seq.valueBlock.value.map((v) => BigInt(`0x${Buffer.from((v as asn1js.Integer).valueBlock.valueHexView).toString('hex')}`));
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const int = (x: bigint): number[] => {
      let hex = x.toString(16);
      if (hex.length % 2) hex = `0${hex}`;
      const bytes = [...Buffer.from(hex, 'hex')];
      return bytes[0] & 0x80 ? [0, ...bytes] : bytes;
    };
    const enc = (a: number[], b: number[]): Uint8Array => Uint8Array.from([0x30, a.length + b.length + 4, 2, a.length, ...a, 2, b.length, ...b]);
    const apply = async (value: Uint8Array): Promise<VerdictStatus> => {
      const sd = parseSignedData(der);
      sd.signerInfos[0].signature = new asn1js.OctetString({ valueHex: toArrayBuffer(value) });
      return (await verdictOf(opaqueMessage(ALICE, serialiseSignedData(sd)))).status;
    };
    const rb = int(r);
    const sb = int(s);
    expect(await apply(enc(rb, sb))).toBe(S('valid'));
    for (const bad of [
      enc([0], sb),
      enc(rb, [0]),
      enc(int(n), sb),
      enc(int(r + n), sb),
      enc([0xff, ...rb.slice(1)], sb), // negative
      enc([0, ...rb], sb), // non-minimal INTEGER: same value with a superfluous leading 00
      Uint8Array.from([...enc(rb, sb), 0]),
      Uint8Array.from([0x30, 0x81, rb.length + sb.length + 4, 2, rb.length, ...rb, 2, sb.length, ...sb]), // non-minimal length
    ]) {
      expect(await apply(bad)).toBe(S('invalid'));
    }
    expect(await apply(enc(rb, int(n - s)))).toBe(S('valid')); // ECDSA is not strongly unforgeable; Wycheproof marks high-S valid
  });
});

describe('A16 signing time vs Date', () => {
  const atTime = async (signingTime: Date, date: Date): Promise<string> => {
    const { signMessage } = await import('../../src/core/smime');
    const raw = `From: ${ALICE}\r\nTo: bob@example.com\r\nSubject: t\r\nDate: ${date.toUTCString()}\r\nMIME-Version: 1.0\r\n${CONTENT}`;
    return new TextDecoder('latin1').decode(await signMessage(latin1Encode(raw), alice, { signingTime }));
  };

  test('5 years before or 1 day after the Date header: still valid, with a warning and the time shown', async () => {
    const now = new Date();
    for (const t of [new Date(now.getTime() - 5 * 365 * 864e5), new Date(now.getTime() + 864e5)]) {
      const v = await verdictOf(await atTime(t, now));
      expect(v.status).toBe(S('valid'));
      expect(v.signers[0].signingTime).toBe(new Date(Math.floor(t.getTime() / 1000) * 1000).toISOString());
      expect(v.warnings.some((w) => /signing time/i.test(w))).toBe(true);
    }
  });

  test('no signingTime: valid, with "signing time not stated"; a GeneralizedTime before 2050 is tolerated', async () => {
    const noTime = await resign(opaqueDer(opaque), alice, (attrs) => attrs.filter((a) => a.type !== OID.signingTime));
    const v = await verdictOf(opaqueMessage(ALICE, noTime));
    expect(v.status).toBe(S('valid'));
    expect(v.signers[0].signingTime).toBeUndefined();
    expect(v.warnings.some((w) => /signing time.*not stated/i.test(w))).toBe(true);

    const gen = await resign(opaqueDer(opaque), alice, (attrs) => [
      ...attrs.filter((a) => a.type !== OID.signingTime),
      new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.GeneralizedTime({ valueDate: new Date() })] }),
    ]);
    expect(['valid', 'malformed']).toContain((await verdictOf(opaqueMessage(ALICE, gen))).status);
  });
});

test('A17 expired / revoked after signing are never valid: covered in test/verdict/statuses.test.ts (expired, revoked)', async () => {
  const expired = await caseSigner('expired');
  expect((await verdictOf(await signedBy(expired, 'expired@example.com'))).status).toBe(S('expired'));
});

test('sortSignedAttributes keeps DER order, so re-signed inputs above are real signatures', async () => {
  const attrs = [contentTypeAttribute(OID.data), messageDigestAttribute(new Uint8Array(32))];
  const { setDer } = sortSignedAttributes(attrs);
  expect(setDer[0]).toBe(0x31);
});

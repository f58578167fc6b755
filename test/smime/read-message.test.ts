import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseContentInfo, toDer } from '../../src/core/asn1';
import { signData } from '../../src/core/cms/sign';
import { fromBase64, latin1Decode, latin1Encode, toBase64, utf8Encode } from '../../src/core/bytes';
import { decryptMessage, encryptMessage, readMessage, signMessage } from '../../src/core/smime';
import type { VerdictStatus } from '../../src/core/verdict';
import { certOf, decryptionKeyFor, plainMessage, rootOf, signerFor } from './helpers';

const FAMILIES = ['rsa2048', 'rsa3072', 'p256', 'p384'];

describe.each(FAMILIES)('%s', (family) => {
  test.each([false, true])('signed message (opaque=%s) is valid with its root as anchor', async (opaque) => {
    const signed = await signMessage(plainMessage(), await signerFor(family), { opaque });
    const { verdict, content } = await readMessage(signed, { anchors: [rootOf(family)], revocation: 'off' });
    expect(verdict.status).toBe<VerdictStatus>('valid');
    expect(verdict.signers).toHaveLength(1);
    expect(verdict.signers[0].certificate?.emails).toEqual(['alice@example.com']);
    expect(verdict.banner).toContain('alice@example.com');
    expect(content?.text()).toBe('Hello Bob,\r\n\r\nsee you at 10.\r\n');
  });

  test('sign then encrypt: valid, with the encryption layer reported', async () => {
    const signed = await signMessage(plainMessage(), await signerFor(family));
    const encrypted = await encryptMessage(signed, [certOf(family, 'bob'), certOf(family, 'alice')]);
    const { verdict } = await readMessage(encrypted, {
      anchors: [rootOf(family)],
      decryptionKeys: [await decryptionKeyFor(family, 'bob')],
      revocation: 'off',
    });
    expect(verdict.status).toBe<VerdictStatus>('valid');
    expect(verdict.encryption).toHaveLength(1);
    expect(verdict.encryption[0].recipientCount).toBe(2);
    expect(verdict.encryption[0].authenticated).toBe(false);
  });
});

describe('verdicts', () => {
  const family = 'rsa2048';
  const opts = () => ({ anchors: [rootOf(family)], revocation: 'off' as const });

  test('a changed body is invalid', async () => {
    const signed = latin1Decode(await signMessage(plainMessage(), await signerFor(family)));
    const tampered = latin1Encode(signed.replace('see you at 10.', 'see you at 11.'));
    expect((await readMessage(tampered, opts())).verdict.status).toBe<VerdictStatus>('invalid');
  });

  test('a From that is not the certificate address is sender-mismatch, and the banner names the certificate', async () => {
    const signed = await signMessage(plainMessage('Bob <bob@example.com>'), await signerFor(family));
    const { verdict } = await readMessage(signed, opts());
    expect(verdict.status).toBe<VerdictStatus>('sender-mismatch');
    expect(verdict.banner).toContain('alice@example.com');
    expect(verdict.from).toBe('bob@example.com');
  });

  test('without anchors a good signature is untrusted', async () => {
    const signed = await signMessage(plainMessage(), await signerFor(family));
    expect((await readMessage(signed, { revocation: 'off' })).verdict.status).toBe<VerdictStatus>('untrusted');
  });

  test('an unsigned message is not-signed', async () => {
    expect((await readMessage(plainMessage(), opts())).verdict.status).toBe<VerdictStatus>('not-signed');
  });

  test('a signed part inside unsigned content is partially-signed', async () => {
    const signed = latin1Decode(await signMessage(plainMessage(), await signerFor(family)));
    const inner = signed.slice(signed.indexOf('Content-Type: multipart/signed'));
    const outer = latin1Encode(
      'From: alice@example.com\r\nTo: bob@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n' +
        'Content-Type: multipart/mixed; boundary="outer"\r\n\r\n--outer\r\nContent-Type: text/plain\r\n\r\n' +
        'Injected text.\r\n--outer\r\n' + inner + '\r\n--outer--\r\n',
    );
    expect((await readMessage(outer, opts())).verdict.status).toBe<VerdictStatus>('partially-signed');
  });

  test('several From headers are malformed', async () => {
    const msg = utf8Encode('From: a@example.com\r\nFrom: b@example.com\r\nSubject: x\r\n\r\nhi\r\n');
    expect((await readMessage(msg, opts())).verdict.status).toBe<VerdictStatus>('malformed');
  });

  test('encrypted without a key is encrypted-no-key; with the wrong key too', async () => {
    const encrypted = await encryptMessage(plainMessage(), [certOf(family, 'bob')]);
    expect((await readMessage(encrypted, opts())).verdict.status).toBe<VerdictStatus>('encrypted-no-key');
    const wrong = await readMessage(encrypted, { ...opts(), decryptionKeys: [await decryptionKeyFor(family, 'alice')] });
    expect(wrong.verdict.status).toBe<VerdictStatus>('encrypted-no-key');
  });

  test('encrypted but unsigned is not-signed, reported as encrypted', async () => {
    const encrypted = await encryptMessage(plainMessage(), [certOf(family, 'bob')], { cipher: 'aes-256-gcm' });
    const { verdict } = await readMessage(encrypted, { ...opts(), decryptionKeys: [await decryptionKeyFor(family)] });
    expect(verdict.status).toBe<VerdictStatus>('not-signed');
    expect(verdict.encryption[0]).toMatchObject({ contentAlgorithm: 'AES-256-GCM', authenticated: true });
  });

  test('a tampered AES-GCM message is decrypt-failed', async () => {
    const encrypted = latin1Decode(await encryptMessage(plainMessage(), [certOf(family, 'bob')], { cipher: 'aes-256-gcm' }));
    const split = encrypted.lastIndexOf('\r\n\r\n') + 4;
    const der = fromBase64(encrypted.slice(split));
    der[der.length - 30] ^= 0x01; // inside the ciphertext, before the 16-byte tag
    const tampered = latin1Encode(encrypted.slice(0, split) + toBase64(der, 76));
    const { verdict } = await readMessage(tampered, { ...opts(), decryptionKeys: [await decryptionKeyFor(family)] });
    expect(verdict.status).toBe<VerdictStatus>('decrypt-failed');
  });

  test('encrypt-then-sign: the signature covers ciphertext only, so the content is not-signed', async () => {
    const encrypted = await encryptMessage(plainMessage(), [certOf(family, 'bob')]);
    const signed = await signMessage(encrypted, await signerFor(family));
    const { verdict } = await readMessage(signed, { ...opts(), decryptionKeys: [await decryptionKeyFor(family)] });
    expect(verdict.status).toBe<VerdictStatus>('not-signed');
    expect(verdict.signers[0].status).toBe<VerdictStatus>('valid');
    expect(verdict.banner).toContain('encrypted content only');
  });

  test('a message converted to bare LF by a mail store still verifies', async () => {
    const signed = latin1Decode(await signMessage(plainMessage(), await signerFor(family)));
    const lf = latin1Encode(signed.replace(/\r\n/g, '\n'));
    expect((await readMessage(lf, opts())).verdict.status).toBe<VerdictStatus>('valid');
  });

  test('garbage input is malformed, never a crash', async () => {
    const { verdict } = await readMessage(new Uint8Array([0, 1, 2, 3, 255]), opts());
    expect(verdict.status).toBe<VerdictStatus>('malformed');
  });

  test('decryptMessage keeps the outer header and restores the inner entity byte-exactly', async () => {
    const original = plainMessage();
    const encrypted = await encryptMessage(original, [certOf(family, 'bob')]);
    const { message } = await decryptMessage(encrypted, [await decryptionKeyFor(family)]);
    const text = latin1Decode(message);
    expect(text).toContain('Subject: Meeting\r\n');
    expect(text).toContain('From: Alice <alice@example.com>\r\n');
    expect(text.endsWith('\r\n\r\nHello Bob,\r\n\r\nsee you at 10.\r\n')).toBe(true);
  });
});

describe('certificates that cannot be decoded end in a verdict, never an exception', () => {
  /** Alice's opaque signed message with `edit` applied to the certificates it carries. */
  async function withCertificates(edit: (certs: pkijs.Certificate[]) => void): Promise<Uint8Array> {
    const { der } = await signData(utf8Encode('Content-Type: text/plain\r\n\r\nHi\r\n'), await signerFor('p256'), { detached: false });
    const sd = new pkijs.SignedData({ schema: parseContentInfo(der).content });
    edit(sd.certificates as pkijs.Certificate[]);
    const out = toDer(new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd.toSchema() }));
    return latin1Encode(
      'From: alice@example.com\r\nTo: bob@example.com\r\nSubject: s\r\nMIME-Version: 1.0\r\n' +
        'Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        `${toBase64(out)}\r\n`,
    );
  }
  /** A Name whose AttributeTypeAndValue has a third element: pkijs accepts it, our decoder does not (property test finding). */
  function breakSubject(cert: pkijs.Certificate): void {
    const atv = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '2.5.4.3' }), new asn1js.Utf8String({ value: 'x' }), new asn1js.Null()] });
    const bad = new asn1js.Sequence({ value: [new asn1js.Set({ value: [atv] })] });
    cert.subject = new pkijs.RelativeDistinguishedNames({ schema: new asn1js.Sequence() });
    cert.subject.valueBeforeDecode = bad.toBER(false);
    cert.tbsView = new Uint8Array(cert.encodeTBS().toBER(false));
  }
  const options = { anchors: [rootOf('p256')], revocation: 'off' as const };

  test('an intermediate with an undecodable subject is ignored: the path is incomplete', async () => {
    const message = await withCertificates((certs) => breakSubject(certs[1]));
    const { verdict } = await readMessage(message, options);
    expect(verdict.status).toBe<VerdictStatus>('untrusted');
  });

  test("a signer certificate with an undecodable subject makes the signer malformed", async () => {
    const message = await withCertificates((certs) => breakSubject(certs[0]));
    const { verdict } = await readMessage(message, options);
    expect(['malformed', 'invalid', 'untrusted']).toContain(verdict.status);
    expect(verdict.signers).toHaveLength(1);
    expect(verdict.signers[0].status).not.toBe<VerdictStatus>('valid');
  });
});

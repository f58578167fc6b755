/** RFC 9788 header protection: protected headers are shown and bound; unprotected copies are not merged. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatBytes, latin1Encode } from '../../src/core/bytes';
import { signData } from '../../src/core/cms/sign';
import { buildLeaf, buildMultipart } from '../../src/core/mime';
import { encryptMessage, readMessage } from '../../src/core/smime';
import type { VerdictStatus } from '../../src/core/verdict';
import { mustRun, pkiPath, tempDir } from '../support/fixtures';
import { certOf, decryptionKeyFor, rootOf, signerFor } from './helpers';

const FAMILY = 'p256';
const INNER =
  'Content-Type: text/plain; charset=utf-8; hp="clear"\r\nFrom: Alice <alice@example.com>\r\n' +
  'Subject: Real subject\r\n\r\nHello Bob.\r\n';

async function signedWithOuterFrom(outerFrom: string): Promise<Uint8Array> {
  const { der, micalg } = await signData(latin1Encode(INNER), await signerFor(FAMILY), { detached: true });
  const signature = buildLeaf({ contentType: 'application/pkcs7-signature; name="smime.p7s"', encoding: 'base64', body: der });
  const body = buildMultipart('signed', [latin1Encode(INNER), signature], { protocol: 'application/pkcs7-signature', micalg });
  return concatBytes(latin1Encode(`From: ${outerFrom}\r\nTo: bob@example.com\r\nSubject: [...]\r\nMIME-Version: 1.0\r\n`), body);
}

const options = { anchors: [rootOf(FAMILY)], revocation: 'off' as const };

test('hp="clear": the protected Subject and From are exposed; matching outer From is valid', async () => {
  const { verdict, protectedHeaders } = await readMessage(await signedWithOuterFrom('alice@example.com'), options);
  expect(verdict.status).toBe<VerdictStatus>('valid');
  expect(protectedHeaders?.find((h) => h.name.toLowerCase() === 'subject')?.value).toBe('Real subject');
});

test('hp="clear": the signer is bound to the protected From, and a different outer From is flagged', async () => {
  const { verdict } = await readMessage(await signedWithOuterFrom('Eve <eve@evil.example>'), options);
  expect(verdict.status).toBe<VerdictStatus>('sender-mismatch');
  expect(verdict.signers[0].status).toBe<VerdictStatus>('valid'); // alice signed alice's From
  expect(verdict.errors.join(' ')).toContain('protected From (alice@example.com)');
});

test('protected headers inside encryption: the real Subject comes from the protected part only', async () => {
  const encrypted = await encryptMessage(await signedWithOuterFrom('alice@example.com'), [certOf(FAMILY, 'bob')]);
  const { verdict, protectedHeaders } = await readMessage(encrypted, { ...options, decryptionKeys: [await decryptionKeyFor(FAMILY)] });
  expect(verdict.status).toBe<VerdictStatus>('valid');
  expect(protectedHeaders?.map((h) => `${h.name}: ${h.value}`)).toEqual(['From: Alice <alice@example.com>', 'Subject: Real subject']);
});

test('without hp, inner header fields are not treated as protected', async () => {
  const plain = await signedWithOuterFrom('alice@example.com');
  const { protectedHeaders } = await readMessage(latin1Encode(new TextDecoder('latin1').decode(plain).replace('; hp="clear"', '')), options);
  expect(protectedHeaders).toBeUndefined();
});

describe('RFC 8551 §3.1 message/rfc822 wrapper (older clients)', () => {
  const inner = (from: string) =>
    `From: ${from}\r\nTo: bob@example.com\r\nSubject: Inner subject\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHello inside.\r\n`;

  /** Signed by the real OpenSSL, as an older client would send it. */
  function opensslWrapped(innerMessage: string, wrapperParams = ''): Uint8Array {
    const entity = `Content-Type: message/rfc822${wrapperParams}\r\n\r\n${innerMessage}`;
    const dir = tempDir();
    writeFileSync(join(dir, 'in.txt'), entity);
    return mustRun('openssl', [
      'cms', '-sign', '-binary', '-in', join(dir, 'in.txt'),
      '-signer', pkiPath(FAMILY, 'alice.crt'), '-inkey', pkiPath(FAMILY, 'alice.key'), '-certfile', pkiPath(FAMILY, 'inter.crt'),
      '-from', 'alice@example.com', '-to', 'bob@example.com', '-subject', 'Outer subject',
    ]);
  }

  test('the inner message is displayed and its headers are the protected ones', async () => {
    const { verdict, protectedHeaders, content } = await readMessage(opensslWrapped(inner('Alice <alice@example.com>')), options);
    expect(verdict.status).toBe<VerdictStatus>('valid');
    expect(protectedHeaders?.find((h) => h.name.toLowerCase() === 'subject')?.value).toBe('Inner subject');
    expect(content?.contentType.mediaType).toBe('text/plain');
    expect(content?.text()).toBe('Hello inside.\r\n');
  });

  test('the signer is bound to the inner From: another author inside is a sender mismatch', async () => {
    const { verdict } = await readMessage(opensslWrapped(inner('CEO <ceo@example.com>')), options);
    expect(verdict.status).toBe<VerdictStatus>('sender-mismatch');
    expect(verdict.errors.join(' ')).toContain('protected From (ceo@example.com)');
  });

  test('several inner From fields cannot name an author: malformed, never valid', async () => {
    const twoFroms = inner('alice@example.com').replace('To:', 'From: ceo@example.com\r\nTo:');
    const { verdict } = await readMessage(opensslWrapped(twoFroms), options);
    expect(verdict.status).toBe<VerdictStatus>('malformed');
    expect(verdict.errors).toContain('The signed, protected headers have several From fields');
  });

  test('forwarded=yes is a forwarded message, not a wrapper: nothing is treated as protected', async () => {
    const { verdict, protectedHeaders, content } = await readMessage(opensslWrapped(inner('CEO <ceo@example.com>'), '; forwarded=yes'), options);
    expect(verdict.status).toBe<VerdictStatus>('valid');
    expect(protectedHeaders).toBeUndefined();
    expect(content?.contentType.mediaType).toBe('message/rfc822');
  });
});

/** RFC 9788 header protection: protected headers are shown and bound; unprotected copies are not merged. */
import { concatBytes, latin1Encode } from '../../src/core/bytes';
import { signData } from '../../src/core/cms/sign';
import { buildLeaf, buildMultipart } from '../../src/core/mime';
import { encryptMessage, readMessage } from '../../src/core/smime';
import type { VerdictStatus } from '../../src/core/verdict';
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

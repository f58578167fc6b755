/** The pure verdict logic: (raw bytes, stores) → {badge, verdict}, no messenger involved. */
import { assessMessage } from '../../src/thunderbird/assess';
import { badgeFor, TONE_COLORS } from '../../src/thunderbird/badge';
import { STATUS_PRECEDENCE } from '../../src/core/verdict';
import { plainMessage } from '../smime/helpers';
import { encryptedToBob, newStores, signedByAlice, tamper } from './helpers';

const soft = { revocation: 'soft' as const };

test('a valid signature gets the only green badge and its certificate is harvested', async () => {
  const stores = await newStores({ anchor: true });
  const result = await assessMessage(await signedByAlice(), stores, { decrypt: false, ...soft });
  expect(result.verdict.status).toBe('valid');
  expect(result.badge).toMatchObject({ text: 'OK', color: TONE_COLORS.valid, tone: 'valid', icon: 'icons/valid.svg' });
  expect(result.badge.title).toBe(result.verdict.banner);
  expect((await stores.book.list()).map((e) => e.addresses)).toEqual([['alice@example.com']]);
});

test('without the anchor the signature is untrusted: amber, nothing harvested', async () => {
  const stores = await newStores();
  const result = await assessMessage(await signedByAlice(), stores, { decrypt: false, ...soft });
  expect(result.state).toBe('untrusted');
  expect(result.badge.color).toBe(TONE_COLORS.warning);
  expect(await stores.book.list()).toEqual([]);
});

test('a tampered body is invalid and red', async () => {
  const result = await assessMessage(tamper(await signedByAlice()), await newStores({ anchor: true }), { decrypt: false, ...soft });
  expect(result.state).toBe('invalid');
  expect(result.badge).toMatchObject({ text: 'BAD', color: TONE_COLORS.danger });
});

test('a plain message has an empty grey badge', async () => {
  const result = await assessMessage(plainMessage(), await newStores({ anchor: true }), { decrypt: false, ...soft });
  expect(result.state).toBe('not-signed');
  expect(result.badge).toMatchObject({ text: '', tone: 'none' });
});

test('encrypted mail stays "ENC" until decryption is asked for, then uses the keystore identity', async () => {
  const stores = await newStores({ anchor: true, bobIdentity: true });
  const raw = await encryptedToBob();
  const before = await assessMessage(raw, stores, { decrypt: false, ...soft });
  expect(before.state).toBe('encrypted');
  expect(before.badge).toMatchObject({ text: 'ENC', tone: 'info' });
  const after = await assessMessage(raw, stores, { decrypt: true, ...soft });
  expect(after.verdict.status).toBe('valid');
  expect(after.verdict.encryption).toHaveLength(1);
  expect(after.read.content).toBeDefined();
});

test('decrypting without a matching identity reports encrypted-no-key, not valid', async () => {
  const result = await assessMessage(await encryptedToBob(), await newStores({ anchor: true }), { decrypt: true, ...soft });
  expect(result.state).toBe('encrypted-no-key');
  expect(result.badge.tone).not.toBe('valid');
});

test('green is used for valid and for nothing else', () => {
  for (const status of STATUS_PRECEDENCE) {
    const badge = badgeFor(status, '');
    expect(badge.text.length).toBeLessThanOrEqual(4);
    expect(badge.color === TONE_COLORS.valid).toBe(status === 'valid');
  }
});

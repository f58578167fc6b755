/** The background over a typed mock of messenger.*: badges, popup requests, cache, harvesting. */
import { jest } from '@jest/globals';
import { ThunderbirdBackground } from '../../src/thunderbird/background-controller';
import { TONE_COLORS } from '../../src/thunderbird/badge';
import type { Stores } from '../../src/thunderbird/stores';
import type { ReadPaneState } from '../../src/ui/host-api';
import { plainMessage, wrappedSignedMessage } from '../smime/helpers';
import { createFakeMessenger, type FakeMessenger } from './fake-messenger';
import { encryptedToBob, FAMILY, markSanitized, newStores, signedByAlice } from './helpers';

let fake: FakeMessenger;

async function start(stores: Stores): Promise<ThunderbirdBackground> {
  fake = createFakeMessenger();
  const bg = new ThunderbirdBackground({ messenger: fake, stores, sanitize: markSanitized, revocation: 'soft' });
  bg.start();
  return bg;
}

const settle = () => new Promise((r) => setTimeout(r, 0));
async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('displaying a signed message sets the button badge, colour, title and icon for that tab only', async () => {
  await start(await newStores({ anchor: true }));
  fake.store.set(7, await signedByAlice());
  fake.display(3, 7);
  await waitFor(() => fake.badges.get(3)?.icon !== undefined);
  expect(fake.badges.get(3)).toMatchObject({ text: 'OK', color: TONE_COLORS.valid, icon: 'icons/valid.svg' });
  expect(fake.badges.get(3)?.title).toMatch(/alice@example\.com/);
  expect(fake.badges.has(-1)).toBe(false);
  expect(fake.getRawCalls[0]).toEqual({ id: 7, options: { data_format: 'File', decrypt: false } });
});

test('verdicts are cached per message id; a store change clears them', async () => {
  const bg = await start(await newStores({ anchor: true }));
  fake.store.set(7, await signedByAlice());
  await bg.onDisplayed({ id: 1 }, { id: 7, author: '', subject: '' });
  await bg.onDisplayed({ id: 2 }, { id: 7, author: '', subject: '' });
  expect(fake.getRawCalls).toHaveLength(1);
  expect(await fake.runtime.sendMessage({ type: 'stores-changed' })).toEqual({ cleared: 1 });
  await bg.onDisplayed({ id: 1 }, { id: 7, author: '', subject: '' });
  expect(fake.getRawCalls).toHaveLength(2);
});

test('a slow verdict for the previous message never lands on the button of the next one', async () => {
  await start(await newStores({ anchor: true }));
  fake.store.set(1, await signedByAlice());
  fake.store.set(2, plainMessage());
  fake.rawDelay.set(1, 300);
  fake.display(5, 1);
  fake.display(5, 2);
  await new Promise((r) => setTimeout(r, 700));
  expect(fake.badges.get(5)).toMatchObject({ text: '', icon: 'icons/none.svg' });
});

test('the popup decrypts with the keystore identity and gets sanitised content and attachments', async () => {
  await start(await newStores({ anchor: true, bobIdentity: true }));
  fake.store.set(9, await encryptedToBob());
  fake.display(1, 9);
  await waitFor(() => fake.badges.get(1)?.icon !== undefined);
  expect(fake.badges.get(1)?.text).toBe('ENC');

  const state = (await fake.runtime.sendMessage({ type: 'read-state', tabId: 1, decrypt: true })) as ReadPaneState;
  if (state.kind !== 'verdict') throw new Error(`unexpected ${state.kind}`);
  expect(state.verdict.status).toBe('valid');
  expect(state.content?.html).toMatch(/^\[sanitized\]/);
  expect(state.content?.html).not.toMatch(/tracker|script/);
  expect(state.content?.attachments).toEqual([{ id: 'part-0', name: 'plan.txt', contentType: 'text/plain', size: 6 }]);
  expect(fake.badges.get(1)?.text).toBe('OK');

  const file = (await fake.runtime.sendMessage({ type: 'attachment', tabId: 1, attachmentId: 'part-0' })) as { bytes: Uint8Array };
  expect(new TextDecoder().decode(file.bytes)).toBe('step 1');
});

test('clear-signed mail returns no content (Thunderbird shows the body) and plain mail is not-smime', async () => {
  await start(await newStores({ anchor: true }));
  fake.store.set(1, await signedByAlice());
  fake.store.set(2, plainMessage());
  fake.displayed.set(1, 1);
  const signed = (await fake.runtime.sendMessage({ type: 'read-state', tabId: 1, decrypt: true })) as ReadPaneState;
  expect(signed).toMatchObject({ kind: 'verdict', canSaveSenderCertificate: false });
  expect(signed.kind === 'verdict' && signed.content).toBeFalsy();
  fake.displayed.set(1, 2);
  expect(await fake.runtime.sendMessage({ type: 'read-state', tabId: 1, decrypt: true })).toEqual({ kind: 'not-smime' });
});

test('a signed message/rfc822 wrapper: the popup gets the signed headers and the inner message', async () => {
  await start(await newStores({ anchor: true }));
  fake.store.set(4, await wrappedSignedMessage(FAMILY));
  fake.displayed.set(1, 4);
  const state = (await fake.runtime.sendMessage({ type: 'read-state', tabId: 1, decrypt: false })) as ReadPaneState;
  expect(state.kind === 'verdict' && state.verdict.status).toBe('valid');
  expect(state.kind === 'verdict' && state.protectedHeaders?.find((h) => h.name === 'Subject')?.value).toBe('Schön');
  expect(state.kind === 'verdict' && state.content?.text).toBe('Wrapped body.\r\n');
});

test('an untrusted sender certificate can be saved once, on request', async () => {
  const stores = await newStores();
  await start(stores);
  fake.store.set(4, await signedByAlice());
  fake.displayed.set(2, 4);
  const state = (await fake.runtime.sendMessage({ type: 'read-state', tabId: 2, decrypt: false })) as ReadPaneState;
  expect(state).toMatchObject({ kind: 'verdict', canSaveSenderCertificate: true });
  expect(await stores.book.list()).toHaveLength(0);
  expect(await fake.runtime.sendMessage({ type: 'save-sender-certificate', tabId: 2 })).toEqual({ saved: true });
  expect((await stores.book.list())[0].addresses).toEqual(['alice@example.com']);
  await expect(fake.runtime.sendMessage({ type: 'save-sender-certificate', tabId: 2 })).rejects.toThrow(/no sender certificate/);
});

test('getRaw failures and binary-string answers are handled', async () => {
  await start(await newStores({ anchor: true }));
  fake.store.set(3, Array.from(await signedByAlice(), (b) => String.fromCharCode(b)).join(''));
  fake.display(1, 3);
  fake.display(2, 404);
  await waitFor(() => fake.badges.get(1)?.icon !== undefined && fake.badges.get(2)?.icon !== undefined);
  expect(fake.badges.get(1)?.text).toBe('OK');
  expect(fake.badges.get(2)).toMatchObject({ text: 'ERR', color: TONE_COLORS.danger });
  fake.displayed.set(2, 404);
  expect(await fake.runtime.sendMessage({ type: 'read-state', tabId: 2, decrypt: true })).toEqual({ kind: 'error', message: 'Message not found: 404' });
});

test('foreign runtime messages are ignored and nothing is logged', async () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}));
  await start(await newStores({ anchor: true, bobIdentity: true }));
  await expect(fake.runtime.sendMessage({ type: 'evil', tabId: 1 })).rejects.toThrow(/Receiving end/);
  fake.store.set(9, await encryptedToBob());
  fake.displayed.set(1, 9);
  await fake.runtime.sendMessage({ type: 'read-state', tabId: 1, decrypt: true });
  await settle();
  for (const spy of spies) expect(spy).not.toHaveBeenCalled();
});

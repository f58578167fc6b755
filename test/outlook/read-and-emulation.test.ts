/** Read-path adapters (S/MIME detection, raw bytes with Graph fallback) and the emulation's documented limits. */
import { toBase64 } from '../../src/core/bytes';
import { GraphClient } from '../../src/outlook/graph';
import { databaseName } from '../../src/outlook/storage';
import { themeFromBackground } from '../../src/outlook/host';
import { formatPolicy, parsePolicy } from '../../src/outlook/policy';
import { looksLikeSmime } from '../../src/outlook/read/detect';
import { RawMessageUnavailableError, readRawMessage } from '../../src/outlook/read/raw-message';
import type { OfficeApi, OfficeReadItem } from '../../src/outlook/office-port';
import { NotificationList } from '../../src/playground/emulation/notifications';
import { fail, notificationStore, ok } from './office-mock';

const item = (over: Partial<OfficeReadItem> = {}): OfficeReadItem => ({
  itemType: 'message',
  itemClass: 'IPM.Note',
  itemId: 'AAMk/1+2',
  subject: 's',
  from: { emailAddress: 'a@example.com', displayName: 'A' },
  attachments: [],
  notificationMessages: notificationStore(),
  ...over,
});

test('S/MIME is recognised by item class, by smime.p7m/p7s attachment, or by Content-Type header', () => {
  expect(looksLikeSmime(item({ itemClass: 'IPM.Note.SMIME.MultipartSigned' }))).toBe(true);
  expect(looksLikeSmime(item({ attachments: [{ id: '1', name: 'smime.p7m', size: 1, isInline: false, contentId: '', attachmentType: 'file' }] }))).toBe(true);
  expect(looksLikeSmime(item(), 'From: a\r\nContent-Type: multipart/signed;\r\n protocol="application/pkcs7-signature"\r\n')).toBe(true);
  expect(looksLikeSmime(item(), 'Content-Type: text/plain\r\n')).toBe(false);
});

const office = (convert = true) => ({ context: { mailbox: { convertToRestId: convert ? (id: string) => id.replace(/\//g, '-').replace(/\+/g, '_') : undefined } } }) as unknown as OfficeApi;

test('raw bytes come from getAsFileAsync when available', async () => {
  const bytes = await readRawMessage(office(), item({ getAsFileAsync: (cb) => cb(ok(toBase64(new Uint8Array([65, 66])))) }));
  expect(Array.from(bytes)).toEqual([65, 66]);
});

test('if getAsFileAsync fails, Graph $value is used with the REST id', async () => {
  const urls: string[] = [];
  const graph = new GraphClient('https://g/v1.0', { getToken: async () => 't' }, async (input) => {
    urls.push(String(input));
    return new Response(new Uint8Array([67]));
  });
  const bytes = await readRawMessage(office(), item({ getAsFileAsync: (cb) => cb(fail(5000)) }), graph);
  expect(Array.from(bytes)).toEqual([67]);
  expect(urls).toEqual([`https://g/v1.0/me/messages/${encodeURIComponent('AAMk-1_2')}/$value`]);
});

test('with neither route the user is asked to drag the message in', async () => {
  await expect(readRawMessage(office(false), item())).rejects.toBeInstanceOf(RawMessageUnavailableError);
});

test('policy header round-trips and ignores junk', () => {
  expect(parsePolicy(formatPolicy({ sign: true, encrypt: true }))).toEqual({ sign: true, encrypt: true });
  expect(parsePolicy('none')).toEqual({ sign: false, encrypt: false });
  expect(parsePolicy(' Encrypt , bogus')).toEqual({ sign: false, encrypt: true });
  expect(parsePolicy(undefined)).toEqual({ sign: false, encrypt: false });
});

test('storage is partitioned by Office.context.partitionKey; theme follows the Office background', () => {
  expect(databaseName()).toBe('smime-addin');
  expect(databaseName('p-1')).toBe('smime-addin:p-1');
  expect(themeFromBackground('#1f1f1f')).toBe('dark');
  expect(themeFromBackground('#ffffff')).toBe('light');
  expect(themeFromBackground(undefined, true)).toBe('dark');
});

test('the emulation enforces Outlook notification limits (150 chars, key 32, 5 per item, icon, persistence)', () => {
  const list = new NotificationList(() => undefined);
  expect(() => list.replace('k', { type: 'errorMessage', message: 'x'.repeat(151) })).toThrow(/150/);
  expect(() => list.replace('k'.repeat(33), { type: 'errorMessage', message: 'x' })).toThrow(/32/);
  expect(() => list.replace('k', { type: 'informationalMessage', message: 'x' })).toThrow(/icon/);
  expect(() => list.replace('k', { type: 'errorMessage', message: 'x', persistent: true })).toThrow(/persistent/);
  for (let i = 0; i < 5; i++) list.replace(`k${i}`, { type: 'errorMessage', message: 'x' });
  expect(() => list.replace('k5', { type: 'errorMessage', message: 'x' })).toThrow(/at most 5/);
  list.replace('k0', { type: 'errorMessage', message: 'replaced' });
  expect(list.all()).toHaveLength(5);
});

/**
 * Builds an Office global for adapter tests with office-addin-mock (host "outlook", so no
 * load/sync step): a compose or read item whose *Async methods answer like Office does.
 */
import { jest } from '@jest/globals';
import type { OfficeApi, OfficeAsyncResult, OfficeCallback, OfficeNotificationDetails } from '../../src/outlook/office-port';

// office-addin-mock only needs the OfficeApp enum from office-addin-manifest, whose full module
// graph (ESM-only strip-bom) cannot load under Jest's CommonJS loader; hand it just the enum.
jest.mock('office-addin-manifest', () => jest.requireActual('office-addin-manifest/lib/officeApp.js'));
const { OfficeMockObject } = await import('office-addin-mock');

export function ok<T>(value: T): OfficeAsyncResult<T> {
  return { status: 'succeeded', value, error: { code: 0, name: '', message: '' } };
}
export function fail<T>(code: number, message = 'failed'): OfficeAsyncResult<T> {
  return { status: 'failed', value: undefined as T, error: { code, name: 'Error', message } };
}
const later = <T>(cb: OfficeCallback<T> | undefined, result: OfficeAsyncResult<T>) => setTimeout(() => cb?.(result), 0);

export function notificationStore() {
  const items = new Map<string, OfficeNotificationDetails>();
  return {
    items,
    getAllAsync: (cb: OfficeCallback<OfficeNotificationDetails[]>) => later(cb, ok([...items.entries()].map(([key, d]) => ({ ...d, key })))),
    replaceAsync: (key: string, d: OfficeNotificationDetails, cb?: OfficeCallback<void>) => {
      items.set(key, d);
      later(cb, ok(undefined));
    },
    removeAsync: (key: string, cb?: OfficeCallback<void>) => {
      items.delete(key);
      later(cb, ok(undefined));
    },
  };
}

export interface ComposeData {
  headers?: Record<string, string>;
  mailbox?: string;
  from?: string;
  to?: string[];
  headerFailure?: number;
  attachments?: { id: string; name: string; base64: string; isInline?: boolean; contentId?: string }[];
}

export function composeOffice(data: ComposeData = {}) {
  const headers = { ...(data.headers ?? {}) };
  const notifications = notificationStore();
  const saved: string[] = [];
  const sets = { Mailbox: data.mailbox ?? '1.15' };
  const from = data.from ?? 'alice@example.com';
  const addr = (a: string) => ({ emailAddress: a, displayName: a });
  const attachments = data.attachments ?? [];
  const mockData = {
    context: {
      requirements: {
        isSetSupported: (name: string, version = '1.1') => name === 'Mailbox' && Number(sets.Mailbox.split('.')[1]) >= Number(version.split('.')[1]),
      },
      roamingSettings: { get: (_n: string) => undefined },
      mailbox: {
        userProfile: { emailAddress: from, displayName: 'Alice' },
        diagnostics: { hostName: 'OutlookWebApp', hostVersion: 'test' },
        convertToRestId: (id: string) => `rest-${id}`,
        item: {
          itemType: 'message',
          from: { getAsync: (cb: OfficeCallback<unknown>) => later(cb, ok(addr(from))) },
          to: { getAsync: (cb: OfficeCallback<unknown>) => later(cb, ok((data.to ?? ['bob@example.com']).map(addr))) },
          cc: { getAsync: (cb: OfficeCallback<unknown>) => later(cb, ok([])) },
          bcc: { getAsync: (cb: OfficeCallback<unknown>) => later(cb, ok([])) },
          subject: { getAsync: (cb: OfficeCallback<string>) => later(cb, ok('Quarterly report')) },
          body: { getAsync: (type: string, cb: OfficeCallback<string>) => later(cb, ok(type === 'html' ? '<p>Hello <img src="cid:logo"></p>' : 'Hello')) },
          inReplyTo: '<parent@example.com>',
          notificationMessages: notifications,
          internetHeaders: {
            getAsync: (names: string[], cb: OfficeCallback<Record<string, string>>) =>
              later(cb, data.headerFailure ? fail(data.headerFailure) : ok(Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]])))),
            setAsync: (h: Record<string, string>, cb?: OfficeCallback<void>) => {
              Object.assign(headers, h);
              later(cb, ok(undefined));
            },
          },
          getAttachmentsAsync: (cb: OfficeCallback<unknown>) =>
            later(cb, ok(attachments.map((a) => ({ id: a.id, name: a.name, size: 10, isInline: !!a.isInline, contentId: a.contentId ?? '', attachmentType: 'file' })))),
          getAttachmentContentAsync: (id: string, cb: OfficeCallback<unknown>) => later(cb, ok({ format: 'base64', content: attachments.find((a) => a.id === id)?.base64 ?? '' })),
          saveAsync: (cb: OfficeCallback<string>) => {
            saved.push('draft-1');
            later(cb, ok('draft/1+x'));
          },
          closeAsync: (_o: unknown, cb?: OfficeCallback<void>) => later(cb, ok(undefined)),
        },
      },
    },
    actions: { associate: () => undefined },
    onReady: async () => ({ host: 'Outlook', platform: 'OfficeOnline' }),
  };
  const office = new OfficeMockObject(mockData, 'outlook' as never) as unknown as OfficeApi;
  return { office, headers, notifications, saved };
}

export function event() {
  const calls: unknown[] = [];
  return { calls, completed: (options?: unknown) => void calls.push(options ?? {}) };
}

/**
 * An Office.js emulation of exactly the APIs the add-in uses (the OfficeApi port), backed by
 * the playground's local mailbox. Callbacks run asynchronously with AsyncResult objects, as
 * in Office; requirement sets are declared per emulated client so feature detection is real.
 */
import type {
  OfficeApi,
  OfficeAsyncResult,
  OfficeAttachmentContent,
  OfficeCallback,
  OfficeComposeItem,
  OfficeMailbox,
  OfficeReadItem,
} from '../../outlook/office-port';
import { ITEM_CHANGED_EVENT } from '../../outlook/office-port';
import type { DraftState, ItemState, ReadState } from './items';
import { EmulatedOfficeError } from './notifications';

export interface EmulationHost {
  currentItem(): ItemState | undefined;
  userProfile: { emailAddress: string; displayName: string };
  /** Highest version per requirement set, e.g. { Mailbox: '1.15', IdentityAPI: '1.3' }. */
  requirementSets: Record<string, string>;
  roamingSettings: Map<string, unknown>;
  saveDraft(draft: DraftState): Promise<string>;
  closeDraft(draft: DraftState): void;
}

export interface EmulatedOffice extends OfficeApi {
  /** Runs an associated action (function command or launch-event handler); false when none. */
  invoke(actionId: string, event: unknown): boolean;
  fireItemChanged(): void;
}

function versionAtLeast(have: string, want: string): boolean {
  const [a1, a2] = have.split('.').map(Number);
  const [b1, b2 = 0] = want.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

function respond<T>(callback: OfficeCallback<T> | undefined, work: () => T | Promise<T>): void {
  void (async () => {
    let result: OfficeAsyncResult<T>;
    try {
      result = { status: 'succeeded', value: await work(), error: { code: 0, name: '', message: '' } };
    } catch (err) {
      const e = err instanceof EmulatedOfficeError ? err : new EmulatedOfficeError(5001, 'InternalError', err instanceof Error ? err.message : String(err));
      result = { status: 'failed', value: undefined as T, error: { code: e.code, name: e.name, message: e.message } };
    }
    callback?.(result);
  })();
}

/** Office's EWS→REST id conversion replaces '/' and '+' (the ids here are already URL-safe). */
export function toRestId(id: string): string {
  return id.replace(/\//g, '-').replace(/\+/g, '_');
}

function readItem(state: ReadState): OfficeReadItem {
  return {
    itemType: 'message',
    itemClass: state.itemClass,
    itemId: state.id,
    subject: state.subject,
    from: state.from,
    attachments: state.attachments,
    notificationMessages: notificationApi(state),
    getAsFileAsync: (cb) => respond(cb, () => state.loadBase64()),
    getAllInternetHeadersAsync: (cb) => respond(cb, () => state.headers),
  };
}

function notificationApi(state: ItemState): OfficeReadItem['notificationMessages'] {
  return {
    getAllAsync: (cb) => respond(cb, () => state.notifications.all()),
    replaceAsync: (key, details, cb) => respond(cb, () => state.notifications.replace(key, details)),
    removeAsync: (key, cb) => respond(cb, () => state.notifications.remove(key)),
  };
}

function composeItem(state: DraftState, host: EmulationHost, has: (set: string, v: string) => boolean): OfficeComposeItem {
  const recipients = (list: () => DraftState['to']) => ({ getAsync: (cb: OfficeCallback<DraftState['to']>) => respond(cb, () => list().map((r) => ({ ...r }))) });
  const item: OfficeComposeItem = {
    itemType: 'message',
    from: { getAsync: (cb) => respond(cb, () => ({ ...state.from })) },
    to: recipients(() => state.to),
    cc: recipients(() => state.cc),
    bcc: recipients(() => state.bcc),
    subject: { getAsync: (cb) => respond(cb, () => state.subject) },
    body: { getAsync: (type, cb) => respond(cb, () => (type === 'html' ? state.html : state.text)) },
    inReplyTo: state.inReplyTo,
    notificationMessages: notificationApi(state),
    saveAsync: (cb) => respond(cb, () => host.saveDraft(state)),
    internetHeaders: {
      getAsync: (names, cb) =>
        respond(cb, () => {
          const out: Record<string, string> = {};
          for (const n of names) {
            const key = Object.keys(state.headers).find((k) => k.toLowerCase() === n.toLowerCase());
            if (key) out[key] = state.headers[key];
          }
          return out;
        }),
      setAsync: (headers, cb) =>
        respond(cb, () => {
          const size = JSON.stringify({ ...state.headers, ...headers }).length;
          if (size > 256 * 1024) throw new EmulatedOfficeError(9020, 'SizeLimitExceeded', 'Internet headers are limited to 256 KB.');
          Object.assign(state.headers, headers);
        }),
    },
    getAttachmentsAsync: (cb) => respond(cb, () => state.attachments.map((a) => ({ ...a.details }))),
    getAttachmentContentAsync: (id, cb) =>
      respond(cb, (): OfficeAttachmentContent => {
        const found = state.attachments.find((a) => a.details.id === id);
        if (!found) throw new EmulatedOfficeError(9030, 'AttachmentNotFound', 'No attachment with this id.');
        return { content: found.base64, format: 'base64' };
      }),
    getItemIdAsync: (cb) =>
      respond(cb, () => {
        if (!state.savedId) throw new EmulatedOfficeError(9051, 'ItemNotSaved', 'The item has not been saved yet.');
        return state.savedId;
      }),
  };
  if (has('Mailbox', '1.14')) item.closeAsync = (_options, cb) => respond(cb, () => host.closeDraft(state));
  return item;
}

export function createEmulatedOffice(host: EmulationHost): EmulatedOffice {
  const actions = new Map<string, (arg?: unknown) => void>();
  const itemChanged: ((event: unknown) => void)[] = [];
  const has = (name: string, version?: string) => {
    const max = host.requirementSets[name];
    return !!max && (!version || versionAtLeast(max, version));
  };
  const mailbox: OfficeMailbox = {
    get item() {
      const state = host.currentItem();
      if (!state) return null;
      return state.kind === 'read' ? readItem(state) : composeItem(state, host, has);
    },
    userProfile: host.userProfile,
    diagnostics: { hostName: 'OutlookWebApp', hostVersion: 'playground' },
    convertToRestId: (id) => toRestId(id),
    addHandlerAsync: (type, handler, cb) =>
      respond(cb, () => {
        if (type !== ITEM_CHANGED_EVENT) throw new EmulatedOfficeError(5000, 'InvalidEventType', `Unsupported event ${type}`);
        itemChanged.push(handler);
      }),
    removeHandlerAsync: (type, cb) =>
      respond(cb, () => {
        if (type === ITEM_CHANGED_EVENT) itemChanged.length = 0;
      }),
  };
  return {
    onReady: async () => ({ host: 'Outlook', platform: 'OfficeOnline' }),
    context: {
      mailbox,
      requirements: { isSetSupported: (name, version) => has(name, version) },
      roamingSettings: { get: (name) => host.roamingSettings.get(name) },
      officeTheme: { bodyBackgroundColor: '#ffffff' },
    },
    actions: { associate: (id, fn) => void actions.set(id, fn) },
    invoke(actionId, event) {
      const fn = actions.get(actionId);
      if (!fn) return false;
      fn(event);
      return true;
    },
    fireItemChanged() {
      for (const handler of itemChanged) handler({ type: ITEM_CHANGED_EVENT });
    },
  };
}

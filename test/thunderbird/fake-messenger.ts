/**
 * A typed mock of the messenger.* slice the extension uses (MessengerApi). No Node imports,
 * so the same mock runs in Jest and, bundled, as the `messenger` global of a Chromium page.
 */
import type { ActionButton, ComposeDetails128, GetRawOptions, MessageHeader, MessengerApi, RuntimeListener, Tab, TbEvent } from '../../src/thunderbird/types/messenger';

export class FakeEvent<L extends (...args: never[]) => unknown> implements TbEvent<L> {
  readonly listeners: L[] = [];
  addListener(listener: L): void {
    this.listeners.push(listener);
  }
  removeListener(listener: L): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }
}

export interface ButtonState {
  text?: string;
  color?: string;
  title?: string;
  icon?: string;
}

function fakeButton(states: Map<number, ButtonState>): ActionButton {
  const update = (tabId: number | undefined, patch: ButtonState) => {
    states.set(tabId ?? -1, { ...states.get(tabId ?? -1), ...patch });
    return Promise.resolve();
  };
  return {
    setBadgeText: (d) => update(d.tabId, { text: d.text ?? '' }),
    setBadgeBackgroundColor: (d) => update(d.tabId, { color: String(d.color) }),
    setTitle: (d) => update(d.tabId, { title: d.title ?? '' }),
    setIcon: (d) => update(d.tabId, { icon: String(d.path) }),
  };
}

export interface FakeMessenger extends MessengerApi {
  /** Raw messages by id: bytes, or a binary string to exercise the pre-"File" format. */
  store: Map<number, Uint8Array | string>;
  getRawCalls: { id: number; options?: GetRawOptions }[];
  /** Message shown per tab, as messageDisplay.getDisplayedMessage answers it. */
  displayed: Map<number, number>;
  activeTab: number;
  badges: Map<number, ButtonState>;
  composeBadges: Map<number, ButtonState>;
  composeDetails: Map<number, ComposeDetails128>;
  sent: unknown[];
  responses: unknown[];
  /** Thunderbird displays message `id` in `tabId` (fires onMessageDisplayed). */
  display(tabId: number, id: number): void;
  /** Test hook: delay getRaw for one id. */
  rawDelay: Map<number, number>;
}

export function createFakeMessenger(): FakeMessenger {
  const onMessageDisplayed = new FakeEvent<(tab: Tab, message: MessageHeader) => void>();
  const onRemoved = new FakeEvent<(tabId: number) => void>();
  const onMessage = new FakeEvent<RuntimeListener>();
  const header = (id: number): MessageHeader => ({ id, author: 'someone@example.com', subject: `message ${id}` });
  const fake: FakeMessenger = {
    store: new Map(),
    getRawCalls: [],
    displayed: new Map(),
    activeTab: 1,
    badges: new Map(),
    composeBadges: new Map(),
    composeDetails: new Map(),
    sent: [],
    responses: [],
    rawDelay: new Map(),
    display(tabId, id) {
      fake.displayed.set(tabId, id);
      for (const l of onMessageDisplayed.listeners) l({ id: tabId }, header(id));
    },
    messages: {
      async getRaw(id, options) {
        fake.getRawCalls.push({ id, options });
        const delay = fake.rawDelay.get(id);
        if (delay) await new Promise((r) => setTimeout(r, delay));
        const raw = fake.store.get(id);
        if (raw === undefined) throw new Error(`Message not found: ${id}`);
        if (typeof raw === 'string' || options?.data_format !== 'File') {
          return typeof raw === 'string' ? raw : Array.from(raw, (b) => String.fromCharCode(b)).join('');
        }
        return new File([raw.slice()], 'message.eml', { type: 'message/rfc822' });
      },
    },
    messageDisplay: {
      onMessageDisplayed,
      async getDisplayedMessage(tabId) {
        const id = fake.displayed.get(tabId);
        return id === undefined ? null : header(id);
      },
    },
    messageDisplayAction: fakeButton(new Map()),
    composeAction: fakeButton(new Map()),
    compose: {
      async getComposeDetails(tabId) {
        const details = fake.composeDetails.get(tabId);
        if (!details) throw new Error(`No composer in tab ${tabId}`);
        return details;
      },
    },
    tabs: {
      async query() {
        return [{ id: fake.activeTab }];
      },
      onRemoved,
    },
    runtime: {
      // Like Firefox: the first listener that returns a promise answers; pages never hear themselves.
      async sendMessage(message) {
        fake.sent.push(message);
        for (const l of onMessage.listeners) {
          const answer = l(structuredClone(message), { id: 'smime-helper@smime-addin.example' });
          if (answer) {
            const response = structuredClone(await answer);
            fake.responses.push(response);
            return response;
          }
        }
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      onMessage,
      async openOptionsPage() {},
    },
  };
  fake.messageDisplayAction = fakeButton(fake.badges);
  fake.composeAction = fakeButton(fake.composeBadges);
  return fake;
}

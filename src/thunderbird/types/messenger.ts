/**
 * The slice of Thunderbird's `messenger.*` this extension uses, typed from
 * @types/thunderbird-webext-browser (which stops at TB 127) and extended by hand for 128+.
 * Everything takes this interface instead of the global, so tests pass a typed mock.
 */
/// <reference types="thunderbird-webext-browser" />

type Tb = typeof messenger;

/** TB 125+: `decrypt` (we always pass false: we want the S/MIME bytes, not Thunderbird's plaintext). */
export interface GetRawOptions {
  decrypt?: boolean;
  data_format?: 'File' | 'BinaryString';
}

/** TB 128 added which crypto the composer uses; absent on older builds. */
export interface ComposeDetails128 extends messenger.compose.ComposeDetails {
  selectedEncryptionTechnology?: { name: 'OpenPGP' | 'S/MIME'; options?: Record<string, unknown> };
}

export type MessageHeader = Pick<messenger.messages.MessageHeader, 'id' | 'author' | 'subject'>;
export type Tab = Pick<messenger.tabs.Tab, 'id'>;

export interface TbEvent<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

/** Messages between the extension's pages and its background; see protocol.ts. */
export type RuntimeListener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;

export interface ActionButton {
  setBadgeText: Tb['messageDisplayAction']['setBadgeText'];
  setBadgeBackgroundColor: Tb['messageDisplayAction']['setBadgeBackgroundColor'];
  setTitle: Tb['messageDisplayAction']['setTitle'];
  setIcon: Tb['messageDisplayAction']['setIcon'];
}

export interface MessengerApi {
  messages: {
    getRaw(messageId: number, options?: GetRawOptions): Promise<string | File>;
  };
  messageDisplay: {
    onMessageDisplayed: TbEvent<(tab: Tab, message: MessageHeader) => void>;
    getDisplayedMessage(tabId: number): Promise<MessageHeader | null>;
  };
  messageDisplayAction: ActionButton;
  composeAction: ActionButton;
  compose: {
    getComposeDetails(tabId: number): Promise<ComposeDetails128>;
  };
  tabs: {
    query(queryInfo: { active?: boolean; currentWindow?: boolean }): Promise<Tab[]>;
    onRemoved: TbEvent<(tabId: number) => void>;
  };
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: TbEvent<RuntimeListener>;
    openOptionsPage(): Promise<void>;
  };
}

/** The real API in an extension page, typed as the slice above. */
export function realMessenger(): MessengerApi {
  const api = (globalThis as { messenger?: MessengerApi }).messenger;
  if (!api) throw new Error('This page must run inside the Thunderbird extension (no messenger API)');
  return api;
}

// Compile-time proof that the real global satisfies the slice (no runtime reference).
type RealFits = typeof messenger extends MessengerApi ? true : false;
export const REAL_MESSENGER_FITS: RealFits = true;

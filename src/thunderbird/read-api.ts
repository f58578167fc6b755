/**
 * ReadPaneApi for the message display popup: asks the background (which caches verdicts per
 * message) for the displayed message's state. Opening the popup is the user's request to
 * decrypt, so the popup asks with decrypt: true.
 */
import type { ReadPaneApi, ReadPaneState } from '../ui/host-api';
import { ThunderbirdHostError } from './errors';
import { downloadBytes } from '../ui/common/files';
import type { BackgroundRequest, ResponseMap } from './protocol';
import type { MessageHeader, MessengerApi, Tab } from './types/messenger';

export async function activeTabId(messenger: MessengerApi): Promise<number> {
  const [tab] = await messenger.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new ThunderbirdHostError('no-tab', 'No active Thunderbird tab');
  return tab.id;
}

export async function ask<T extends BackgroundRequest>(messenger: MessengerApi, request: T): Promise<ResponseMap[T['type']]> {
  return (await messenger.runtime.sendMessage(request)) as ResponseMap[T['type']];
}

export function createReadApi(messenger: MessengerApi): ReadPaneApi {
  return {
    async loadCurrentItem(onProgress) {
      onProgress?.({ label: 'Checking the S/MIME signature…' });
      try {
        const tabId = await activeTabId(messenger);
        return await ask(messenger, { type: 'read-state', tabId, decrypt: true });
      } catch (err) {
        const state: ReadPaneState = { kind: 'error', message: err instanceof Error ? err.message : 'The message could not be read' };
        return state;
      }
    },
    onItemChanged(listener) {
      const onDisplayed = (_tab: Tab, _message: MessageHeader) => listener();
      messenger.messageDisplay.onMessageDisplayed.addListener(onDisplayed);
      return () => messenger.messageDisplay.onMessageDisplayed.removeListener(onDisplayed);
    },
    async saveSenderCertificate() {
      await ask(messenger, { type: 'save-sender-certificate', tabId: await activeTabId(messenger) });
    },
    async saveAttachment(attachmentId) {
      const file = await ask(messenger, { type: 'attachment', tabId: await activeTabId(messenger), attachmentId });
      downloadBytes(file.bytes, file.name, file.contentType);
    },
  };
}

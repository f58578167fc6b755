/**
 * ReadPaneApi for Outlook: detect S/MIME, fetch the raw bytes, verify/decrypt with the
 * user's keys and anchors, learn valid signers' certificates, post the verdict banner as an
 * item notification, and hand sanitised content to the UI (which renders it sandboxed).
 */
import { createRevocationProvider, displayedProtectedHeaders, fetcherFromFetch, readMessage, type ReadResult } from '../../core/index';
import { harvestFromRead } from '../../core/keystore/harvest';
import type { DecryptionKey } from '../../core/index';
import type { ProgressListener, ReadPaneApi, ReadPaneState } from '../../ui/host-api';
import { OutlookAddinError } from '../errors';
import type { GraphClient } from '../graph';
import { clearNotification, showNotification } from '../notifications';
import { ITEM_CHANGED_EVENT, isComposeItem, type OfficeApi, type OfficeReadItem } from '../office-port';
import { officeCall } from '../office-async';
import type { Stores } from '../storage';
import { paneContent, type PaneContent } from '../../platform/message-content';
import { detectSmime } from './detect';
import { readRawMessage } from './raw-message';
import { sanitizeMessageHtml } from '../../platform/message-html';

export interface ReadDeps {
  office: OfficeApi;
  stores: () => Promise<Stores>;
  graph?: GraphClient;
  fetchFn: typeof fetch;
  download(fileName: string, data: Uint8Array, contentType: string): void;
}

async function decryptionKeys(stores: Stores): Promise<DecryptionKey[]> {
  const keys: DecryptionKey[] = [];
  for (const identity of await stores.keys.listIdentities()) {
    keys.push({ certificate: identity.certificate, key: await stores.keys.getKeyHandle(identity.id) });
  }
  return keys;
}

export function createReadApi(deps: ReadDeps): ReadPaneApi {
  const { office } = deps;
  let last: { result: ReadResult; attachments: PaneContent['attachments'] } | undefined;

  function currentItem(): OfficeReadItem | undefined {
    const item = office.context.mailbox.item;
    return item && !isComposeItem(item) ? item : undefined;
  }

  /** Verifies/decrypts raw MIME and prepares what the pane shows; remembers it for saving. */
  async function verifyBytes(bytes: Uint8Array, onProgress?: ProgressListener, displayedFrom?: string): Promise<ReadPaneState> {
    const stores = await deps.stores();
    onProgress?.({ label: 'Verifying' });
    const result = await readMessage(bytes, {
      decryptionKeys: await decryptionKeys(stores),
      anchors: stores.trust.anchors(),
      extraCertificates: stores.trust.intermediates(),
      revocation: 'soft',
      revocationProvider: createRevocationProvider({ fetcher: fetcherFromFetch(deps.fetchFn) }),
      displayedFrom,
    });
    const { alerts } = await harvestFromRead(stores.addressBook, result, stores.trust);
    const { verdict } = result;
    const state: ReadPaneState = { kind: 'verdict', verdict, canSaveSenderCertificate: false, certificateAlerts: alerts };
    if (result.protectedHeaders) state.protectedHeaders = displayedProtectedHeaders(result.protectedHeaders);
    const shown = paneContent(result, (html, resolveCid) => sanitizeMessageHtml(html, resolveCid).html);
    if (shown) state.content = shown.view;
    const known = new Set((await stores.addressBook.list()).map((e) => e.fingerprint));
    state.canSaveSenderCertificate = verdict.status === 'valid' && verdict.signers.some((s) => s.certificate && !known.has(s.certificate.sha256Fingerprint.replace(/:/g, '').toLowerCase()));
    last = { result, attachments: shown?.attachments ?? [] };
    return state;
  }

  return {
    async loadMessageBytes(bytes, onProgress) {
      last = undefined;
      try {
        return await verifyBytes(bytes, onProgress);
      } catch (err) {
        return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
      }
    },

    async loadCurrentItem(onProgress) {
      last = undefined;
      const item = currentItem();
      if (!item) return { kind: 'error', message: 'Select a message to check it.' };
      try {
        onProgress?.({ label: 'Checking the message' });
        if (!(await detectSmime(item))) {
          await clearNotification(item.notificationMessages).catch(() => undefined);
          return { kind: 'not-smime', subject: item.subject };
        }
        onProgress?.({ label: 'Reading the message' });
        const state = await verifyBytes(await readRawMessage(office, item, deps.graph), onProgress, item.from?.emailAddress);
        if (state.kind === 'verdict') {
          const { verdict } = state;
          await showNotification(item.notificationMessages, verdict.status === 'valid' ? 'info' : 'error', verdict.banner).catch(() => false);
        }
        return state;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await showNotification(item.notificationMessages, 'error', `S/MIME: ${message}`).catch(() => false);
        return { kind: 'error', message };
      }
    },

    onItemChanged(listener) {
      const mailbox = office.context.mailbox;
      let active = true;
      const handler = () => {
        if (active) listener();
      };
      if (mailbox.addHandlerAsync) {
        const add = mailbox.addHandlerAsync;
        void officeCall<void>('watch the selection', (cb) => add.call(mailbox, ITEM_CHANGED_EVENT, handler, cb)).catch(() => undefined);
      }
      return () => {
        active = false;
        const remove = mailbox.removeHandlerAsync;
        if (remove) void officeCall<void>('stop watching the selection', (cb) => remove.call(mailbox, ITEM_CHANGED_EVENT, cb)).catch(() => undefined);
      };
    },

    async saveSenderCertificate() {
      if (!last) return;
      const stores = await deps.stores();
      await harvestFromRead(stores.addressBook, last.result, stores.trust);
    },

    async saveAttachment(id) {
      const attachment = last?.attachments.find((a) => a.id === id);
      if (!attachment) throw new OutlookAddinError('This attachment is no longer available; reopen the message.');
      deps.download(attachment.name, attachment.data, attachment.contentType);
    },
  };
}

/**
 * The background page: computes a verdict whenever Thunderbird displays a message, shows it on
 * the message display button (never in the message body), and answers the popup's requests.
 * All Thunderbird access goes through the injected MessengerApi so tests drive it with a mock.
 */
import { toDer } from '../core/asn1';
import { certificateId } from '../core/keystore/fingerprint';
import type { RevocationProvider } from '../core/pki/revocation-types';
import { emailMatchesCertificate } from '../core/pki/email-binding';
import type { RevocationMode } from '../core/pki/validate';
import { displayedProtectedHeaders } from '../core/smime/header-protection';
import { paneContent, type PaneContent } from '../platform/message-content';
import type { HtmlSanitizer } from '../platform/message-html';
import type { ReadPaneState } from '../ui/host-api';
import { assessMessage, type Assessment } from './assess';
import { badgeFor, type Badge } from './badge';
import { describeError, ThunderbirdHostError } from './errors';
import { isBackgroundRequest, type BackgroundRequest, type ResponseMap } from './protocol';
import { fetchRawMessage } from './raw-message';
import type { Stores } from './stores';
import type { MessageHeader, MessengerApi, Tab } from './types/messenger';
import { VerdictCache } from './verdict-cache';

export interface BackgroundOptions {
  messenger: MessengerApi;
  stores: Stores;
  sanitize: HtmlSanitizer;
  revocation?: RevocationMode;
  revocationProvider?: RevocationProvider;
  cacheSize?: number;
}

interface CacheEntry {
  assessment: Assessment;
  decrypted: boolean;
  content?: PaneContent;
}


export class ThunderbirdBackground {
  readonly cache: VerdictCache<CacheEntry>;
  /** Which message each tab shows now, so a slow verdict never lands on the next message's button. */
  private readonly shown = new Map<number, number>();
  private readonly pending = new Map<string, Promise<CacheEntry>>();

  constructor(private readonly options: BackgroundOptions) {
    this.cache = new VerdictCache(options.cacheSize);
  }

  start(): void {
    const { messenger } = this.options;
    messenger.messageDisplay.onMessageDisplayed.addListener((tab, message) => void this.onDisplayed(tab, message));
    messenger.tabs.onRemoved.addListener((tabId) => this.shown.delete(tabId));
    messenger.runtime.onMessage.addListener((message) => (isBackgroundRequest(message) ? this.handle(message) : undefined));
  }

  async onDisplayed(tab: Tab, message: MessageHeader): Promise<Badge> {
    if (tab.id === undefined) throw new ThunderbirdHostError('no-tab', 'The message is not shown in a tab');
    const tabId = tab.id;
    this.shown.set(tabId, message.id);
    let badge: Badge;
    try {
      badge = (await this.entry(message.id, false)).assessment.badge;
    } catch (err) {
      badge = badgeFor('malformed', `S/MIME check failed: ${describeError(err)}`);
    }
    if (this.shown.get(tabId) === message.id) await this.showBadge(tabId, badge);
    return badge;
  }

  async handle<T extends BackgroundRequest>(request: T): Promise<ResponseMap[T['type']]>;
  async handle(request: BackgroundRequest): Promise<ResponseMap[BackgroundRequest['type']]> {
    switch (request.type) {
      case 'read-state':
        return this.readState(request.tabId, request.decrypt);
      case 'save-sender-certificate':
        return this.saveSenderCertificate(request.tabId);
      case 'attachment': {
        const entry = this.cache.get(await this.displayedId(request.tabId));
        const file = entry?.content?.attachments.find((a) => a.id === request.attachmentId);
        if (!file) throw new ThunderbirdHostError('no-attachment', 'This attachment is no longer available; reopen the message');
        return { name: file.name, contentType: file.contentType, bytes: file.data };
      }
      case 'stores-changed':
        return { cleared: this.cache.clear() };
    }
  }

  private async displayedId(tabId: number): Promise<number> {
    const message = await this.options.messenger.messageDisplay.getDisplayedMessage(tabId);
    if (!message) throw new ThunderbirdHostError('no-message', 'No message is displayed');
    return message.id;
  }

  private async readState(tabId: number, decrypt: boolean): Promise<ReadPaneState> {
    try {
      const id = await this.displayedId(tabId);
      const entry = await this.entry(id, decrypt);
      if (this.shown.get(tabId) === id || !this.shown.has(tabId)) await this.showBadge(tabId, entry.assessment.badge);
      return await this.toState(entry);
    } catch (err) {
      return { kind: 'error', message: describeError(err) };
    }
  }

  /** One computation per (message, decrypt) at a time; a decrypted entry also answers non-decrypt requests. */
  private entry(id: number, decrypt: boolean): Promise<CacheEntry> {
    const cached = this.cache.get(id);
    if (cached && (cached.decrypted || !decrypt)) return Promise.resolve(cached);
    const key = `${id}/${decrypt}`;
    let job = this.pending.get(key);
    if (!job) {
      job = this.compute(id, decrypt).finally(() => this.pending.delete(key));
      this.pending.set(key, job);
    }
    return job;
  }

  private async compute(id: number, decrypt: boolean): Promise<CacheEntry> {
    const { messenger, stores, revocation, revocationProvider } = this.options;
    const raw = await fetchRawMessage(messenger, id);
    const assessment = await assessMessage(raw, stores, { decrypt, revocation, revocationProvider });
    const entry: CacheEntry = { assessment, decrypted: decrypt };
    const content = paneContent(assessment.read, this.options.sanitize);
    if (content) entry.content = content;
    this.cache.set(id, entry);
    return entry;
  }

  private async toState(entry: CacheEntry): Promise<ReadPaneState> {
    const { verdict } = entry.assessment;
    if (verdict.status === 'not-signed' && verdict.signers.length === 0 && verdict.encryption.length === 0) {
      return { kind: 'not-smime' };
    }
    const state: ReadPaneState = {
      kind: 'verdict',
      verdict,
      canSaveSenderCertificate: await this.canSaveSender(entry),
      certificateAlerts: entry.assessment.alerts,
    };
    const { protectedHeaders } = entry.assessment.read;
    if (protectedHeaders) state.protectedHeaders = displayedProtectedHeaders(protectedHeaders);
    if (entry.content) state.content = entry.content.view;
    return state;
  }

  /**
   * Only a signature that verified, whose certificate names the From address and whose only
   * flaw is an unknown issuer: the user may then decide to keep it (valid ones are harvested).
   */
  private async canSaveSender(entry: CacheEntry): Promise<boolean> {
    const { verdict, read } = entry.assessment;
    const cert = read.signerDetails?.[0]?.certificate;
    if (verdict.status !== 'untrusted' || !cert || !verdict.from || !emailMatchesCertificate(verdict.from, cert)) return false;
    const fingerprint = certificateId(cert);
    return !(await this.options.stores.book.list()).some((e) => e.fingerprint === fingerprint);
  }

  private async saveSenderCertificate(tabId: number): Promise<{ saved: boolean }> {
    const entry = this.cache.get(await this.displayedId(tabId));
    if (!entry || !(await this.canSaveSender(entry))) {
      throw new ThunderbirdHostError('no-sender-certificate', "This message has no sender certificate that can be saved");
    }
    const cert = entry.assessment.read.signerDetails![0].certificate;
    const saved = await this.options.stores.book.importCertificates(toDer(cert));
    return { saved: saved.length > 0 };
  }

  private async showBadge(tabId: number, badge: Badge): Promise<void> {
    const button = this.options.messenger.messageDisplayAction;
    await Promise.all([
      button.setBadgeText({ tabId, text: badge.text }),
      button.setBadgeBackgroundColor({ tabId, color: badge.color }),
      button.setTitle({ tabId, title: badge.title }),
      button.setIcon({ tabId, path: badge.icon }),
    ]);
  }
}

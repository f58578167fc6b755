/**
 * ComposeApi for Outlook: policy on the item, recipient checks, and "Send securely":
 * protect → size check → Graph sendMail → delete the autosaved draft → closeAsync(discard).
 * Order matters: the add-in stops running once the draft closes.
 */
import { summarizeCertificate } from '../../core/index';
import type { ComposeApi, ComposePolicy, IdentityInfo, ProgressListener, RecipientStatus, SendResult } from '../../ui/host-api';
import { MessageTooLargeError } from '../errors';
import { officeCall } from '../office-async';
import type { OfficeApi, OfficeComposeItem } from '../office-port';
import type { OutlookFeatures } from '../features';
import { checkSendMailSize, type GraphClient } from '../graph';
import { identityInfo } from '../keys-api';
import type { Stores } from '../storage';
import { allRecipients, collectDraft } from './collect';
import { readPolicy, writePolicy } from './policy-store';
import { protectDraft } from './protect';

export interface ComposeDeps {
  office: OfficeApi;
  item: OfficeComposeItem;
  stores: () => Promise<Stores>;
  features: OutlookFeatures;
  graph: GraphClient;
  /** Hands a file to the user (browser download). */
  download(fileName: string, data: Uint8Array, contentType: string): void;
}

export function emlFileName(subject: string): string {
  const base = subject.replace(/[^\p{L}\p{N} ._-]+/gu, '').trim().slice(0, 60) || 'message';
  return `${base}.eml`;
}

export function createComposeApi(deps: ComposeDeps): ComposeApi {
  const { office, item } = deps;

  async function draftRestId(): Promise<string | undefined> {
    // saveAsync returns the draft's EWS id; Graph needs the REST form.
    const id = await officeCall<string>('save the draft', (cb) => item.saveAsync(cb));
    const convert = office.context.mailbox.convertToRestId;
    return id && convert ? convert.call(office.context.mailbox, id, 'v2.0') : undefined;
  }

  async function protect(options: { signOnlyIfMissingCertificates?: boolean }, onProgress?: ProgressListener) {
    onProgress?.({ label: 'Reading the message' });
    const snapshot = await collectDraft(office, item);
    const policy = await readPolicy(item);
    onProgress?.({ label: policy.encrypt ? 'Signing and encrypting' : 'Signing' });
    return { snapshot, result: await protectDraft(snapshot, policy, await deps.stores(), options) };
  }

  return {
    getPolicy: () => readPolicy(item),
    setPolicy: (policy: ComposePolicy) => writePolicy(item, policy),

    async signingIdentity(): Promise<IdentityInfo | undefined> {
      const { from } = await collectFrom(office, item);
      const identity = await (await deps.stores()).keys.chooseSigningIdentity(from);
      return identity && identityInfo(identity);
    },

    async checkRecipients(): Promise<RecipientStatus[]> {
      const snapshot = await collectDraft(office, item);
      const lookups = await (await deps.stores()).addressBook.lookupRecipients(allRecipients(snapshot));
      return lookups.map((l) => {
        const status: RecipientStatus = { address: l.address };
        if (l.certificate) status.certificate = summarizeCertificate(l.certificate);
        if (l.problem) status.problem = l.problem;
        return status;
      });
    },

    async sendSecurely(options, onProgress): Promise<SendResult> {
      const { result } = await protect(options, onProgress);
      if (result.kind === 'blocked') return result;
      try {
        checkSendMailSize(result.mime);
      } catch (err) {
        if (err instanceof MessageTooLargeError) return { kind: 'blocked', reason: err.message };
        throw err;
      }
      const restId = await draftRestId();
      onProgress?.({ label: 'Sending' });
      await deps.graph.sendMime(result.mime);
      if (restId) {
        try {
          await deps.graph.deleteMessage(restId);
        } catch {
          // The message is sent; a leftover draft is harmless and closeAsync discards the open copy.
        }
      }
      if (deps.features.mailbox114 && item.closeAsync) {
        const close = item.closeAsync;
        await officeCall<void>('close the draft', (cb) => close.call(item, { discardItem: true }, cb));
      }
      return { kind: 'sent', via: 'graph' };
    },

    async saveAsEml(onProgress): Promise<SendResult> {
      const { snapshot, result } = await protect({ signOnlyIfMissingCertificates: false }, onProgress);
      if (result.kind === 'blocked') return result;
      const fileName = emlFileName(snapshot.subject);
      deps.download(fileName, result.mime, 'message/rfc822');
      return { kind: 'saved-eml', fileName };
    },
  };
}

async function collectFrom(office: OfficeApi, item: OfficeComposeItem): Promise<{ from: string }> {
  const field = item.from;
  if (!field) return { from: office.context.mailbox.userProfile.emailAddress };
  const address = await officeCall<{ emailAddress: string }>('read From', (cb) => field.getAsync(cb));
  return { from: address.emailAddress };
}

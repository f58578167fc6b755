/**
 * ComposeApi for the compose action popup. Thunderbird's extension API cannot send raw MIME,
 * so sending stays with Thunderbird's own S/MIME: this popup checks the recipients against
 * our address book first, and can export the draft as a signed (optionally encrypted) .eml.
 */
import { buildMessage } from '../core/mime/message';
import { summarizeCertificate } from '../core/pki/certificate-info';
import { encryptMessage } from '../core/smime/encrypt-message';
import { signMessage } from '../core/smime/sign-message';
import type { ComposeApi, ComposePolicy, RecipientStatus, SendResult } from '../ui/host-api';
import { downloadBytes } from '../ui/common/files';
import { ThunderbirdHostError } from './errors';
import { identityInfo } from './keys-api';
import { activeTabId } from './read-api';
import { flattenRecipients, senderAddress } from './recipients';
import type { Stores } from './stores';
import type { ComposeDetails128, MessengerApi } from './types/messenger';

export const THUNDERBIRD_SENDS =
  "Thunderbird sends S/MIME itself: turn on Digital signing / Encryption in the composer's Security menu (S/MIME), then send as usual.";

export interface ComposeApiOptions {
  /** Where the .eml goes; tests capture it instead of clicking a download link. */
  save?: (bytes: Uint8Array, fileName: string) => void;
}

export function createComposeApi(messenger: MessengerApi, stores: Stores, options: ComposeApiOptions = {}): ComposeApi {
  let policy: ComposePolicy = { sign: true, encrypt: false };
  const details = async (): Promise<ComposeDetails128> => messenger.compose.getComposeDetails(await activeTabId(messenger));
  const save = options.save ?? ((bytes, name) => downloadBytes(bytes, name, 'message/rfc822'));

  const checkRecipients = async (): Promise<RecipientStatus[]> => {
    const { addresses, unresolved } = flattenRecipients(await details());
    const looked = await stores.book.lookupRecipients(addresses);
    const statuses: RecipientStatus[] = looked.map((r) =>
      r.certificate ? { address: r.address, certificate: summarizeCertificate(r.certificate) } : { address: r.address, problem: r.problem },
    );
    for (const name of unresolved) statuses.push({ address: name, problem: `cannot check ${name}: add the address itself` });
    return statuses;
  };

  const signingIdentity = async (from: string | undefined) => (from ? stores.keys.chooseSigningIdentity(from) : undefined);

  return {
    async getPolicy() {
      return policy;
    },
    async setPolicy(next) {
      policy = { ...next };
    },
    async signingIdentity() {
      const identity = await signingIdentity(senderAddress(await details()));
      return identity ? identityInfo(identity) : undefined;
    },
    checkRecipients,
    async sendSecurely(): Promise<SendResult> {
      const missing = (await checkRecipients()).filter((r) => r.problem).map((r) => r.address);
      return { kind: 'blocked', reason: THUNDERBIRD_SENDS, missingCertificates: missing.length > 0 ? missing : undefined };
    },
    async saveAsEml(onProgress): Promise<SendResult> {
      const draft = await details();
      const from = senderAddress(draft);
      const identity = await signingIdentity(from);
      if (!from || !identity) {
        return { kind: 'blocked', reason: `No S/MIME identity for ${from ?? 'this sender'}: import one in the add-on's options` };
      }
      const { addresses } = flattenRecipients(draft);
      if (addresses.length === 0) throw new ThunderbirdHostError('no-recipients', 'Add at least one recipient first');
      onProgress?.({ label: 'Signing…' });
      const message = buildMessage({
        from: typeof draft.from === 'string' ? draft.from : from,
        to: flattenRecipients({ to: draft.to }).addresses,
        cc: flattenRecipients({ cc: draft.cc }).addresses,
        subject: draft.subject ?? '',
        ...(draft.isPlainText ? { text: draft.plainTextBody ?? '' } : { html: draft.body ?? '' }),
      });
      const key = await stores.keys.getKeyHandle(identity.id);
      let bytes = await signMessage(message, { certificate: identity.certificate, chain: identity.chain, key });
      if (policy.encrypt) {
        onProgress?.({ label: 'Encrypting…' });
        const looked = await stores.book.lookupRecipients(addresses);
        const missing = looked.filter((r) => !r.certificate).map((r) => r.address);
        if (missing.length > 0) return { kind: 'blocked', reason: 'Some recipients have no certificate', missingCertificates: missing };
        // Include our own certificate so the sent copy stays readable.
        bytes = await encryptMessage(bytes, [...looked.map((r) => r.certificate!), identity.certificate]);
      }
      const fileName = `${(draft.subject || 'message').replace(/[^\w.-]+/g, '_').slice(0, 60)}.eml`;
      save(bytes, fileName);
      return { kind: 'saved-eml', fileName };
    },
  };
}

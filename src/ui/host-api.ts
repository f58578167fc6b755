/**
 * The contract between the UI (src/ui, React) and a host adapter (src/outlook over Office.js
 * or its emulation; src/thunderbird over messenger.*). Views call only these functions and
 * render only these values, so the same components serve Outlook, the playground and
 * Thunderbird. Host adapters implement it; nothing here touches Office or messenger.
 */
import type { CertificateSummary, Verdict } from '../core/verdict';

/** Progress for anything that may take longer than ~300 ms (large attachments). */
export interface Progress {
  label: string;
  /** 0..1, or undefined when indeterminate. */
  fraction?: number;
}
export type ProgressListener = (progress: Progress) => void;

export interface AttachmentInfo {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/** Decrypted or unwrapped content, its HTML sanitised by the host with DOMPurify. */
export interface ReadPaneContent {
  html?: string;
  text?: string;
  attachments: AttachmentInfo[];
}

/** What the read pane shows for the selected message. */
export type ReadPaneState =
  | { kind: 'loading' }
  /** The message carries no S/MIME at all. */
  | { kind: 'not-smime'; subject?: string }
  | {
      kind: 'verdict';
      verdict: Verdict;
      /**
       * The header fields the signer protected (RFC 9788, or a message/rfc822 wrapper), to show
       * instead of the outer, unprotected Subject/From the host displays.
       */
      protectedHeaders?: { name: string; value: string }[];
      /** Only where the mail program cannot show it itself: encrypted, opaque signed or wrapped messages. */
      content?: ReadPaneContent;
      /** The sender's certificate is not yet in the address book and could be saved. */
      canSaveSenderCertificate: boolean;
      /** "Alice's certificate changed" style alerts from the address book. */
      certificateAlerts: string[];
    }
  | { kind: 'error'; message: string };

export interface ReadPaneApi {
  /** Reads the current item's raw MIME, verifies/decrypts it and returns what to show. */
  loadCurrentItem(onProgress?: ProgressListener): Promise<ReadPaneState>;
  /**
   * The same for a message file (.eml) the user dropped or chose: the fallback when the host
   * gives no access to the raw MIME. Hosts that always have it may leave this out.
   */
  loadMessageBytes?(bytes: Uint8Array, onProgress?: ProgressListener): Promise<ReadPaneState>;
  /** Subscribes to item changes (pinned task pane); returns an unsubscribe function. */
  onItemChanged(listener: () => void): () => void;
  saveSenderCertificate(): Promise<void>;
  /** Hands a decrypted attachment to the user (download). */
  saveAttachment(id: string): Promise<void>;
}

export interface ComposePolicy {
  sign: boolean;
  encrypt: boolean;
}

export interface RecipientStatus {
  address: string;
  /** Present when a usable encryption certificate is known. */
  certificate?: CertificateSummary;
  /** e.g. "No certificate for bob@example.com". */
  problem?: string;
}

export type SendResult =
  | { kind: 'sent'; via: 'graph' }
  | { kind: 'saved-eml'; fileName: string }
  | { kind: 'blocked'; reason: string; missingCertificates?: string[] };

export interface ComposeApi {
  /** The draft's From addr-spec, for "No identity for …" messages. */
  fromAddress?(): Promise<string | undefined>;
  /** Fires when the draft's recipients change (Office RecipientsChanged), so the list can refresh. */
  onRecipientsChanged?(listener: () => void): () => void;
  getPolicy(): Promise<ComposePolicy>;
  setPolicy(policy: ComposePolicy): Promise<void>;
  /** The signing identity chosen for the draft's From address, if any. */
  signingIdentity(): Promise<IdentityInfo | undefined>;
  checkRecipients(): Promise<RecipientStatus[]>;
  /** Builds, signs/encrypts per policy and submits; `signOnlyIfMissingCertificates` is the user's choice. */
  sendSecurely(options: { signOnlyIfMissingCertificates?: boolean }, onProgress?: ProgressListener): Promise<SendResult>;
  /** Fallback when Graph is unavailable: produce the protected message as a .eml download. */
  saveAsEml(onProgress?: ProgressListener): Promise<SendResult>;
}

export interface IdentityInfo {
  id: string;
  label: string;
  emails: string[];
  certificate: CertificateSummary;
  /** True for a self-signed TEST identity. */
  isTestIdentity: boolean;
  expiresInDays: number;
}

export interface KeysApi {
  listIdentities(): Promise<IdentityInfo[]>;
  importPkcs12(file: Uint8Array, password: string): Promise<IdentityInfo[]>;
  createTestIdentity(email: string, commonName: string): Promise<IdentityInfo>;
  /** Backup as PKCS#12; the passphrase must be entered again by the user. */
  exportBackup(identityId: string, passphrase: string): Promise<Uint8Array>;
  deleteIdentity(identityId: string): Promise<void>;
  listCertificates(): Promise<CertificateSummary[]>;
  importCertificates(file: Uint8Array): Promise<CertificateSummary[]>;
  removeCertificate(sha256Fingerprint: string): Promise<void>;
  listAnchors(): Promise<{ certificate: CertificateSummary; source: 'deployment' | 'user' }[]>;
  /** The user confirms by retyping/accepting the fingerprint shown. */
  addAnchor(file: Uint8Array, confirmedFingerprint: string): Promise<CertificateSummary>;
  removeAnchor(sha256Fingerprint: string): Promise<void>;
}

/** Everything a page needs; a host provides the parts its surface supports. */
export interface HostApi {
  hostName: 'outlook' | 'playground' | 'thunderbird';
  read?: ReadPaneApi;
  compose?: ComposeApi;
  keys: KeysApi;
  /** 'light' | 'dark' from the host theme (Office.context.officeTheme, prefers-color-scheme…). */
  theme(): 'light' | 'dark';
}

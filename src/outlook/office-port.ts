/**
 * The small typed port over exactly the Office.js (Outlook) APIs this add-in uses. The shapes
 * mirror @types/office-js (callback style, first overload without options) so the real
 * `Office` global is assignable to `OfficeApi` (checked in office-global.ts) and the
 * playground emulation implements the same contract. Nothing else in src/outlook touches Office.
 */

export interface OfficeError {
  code: number;
  name: string;
  message: string;
}

export interface OfficeAsyncResult<T> {
  /** Office.AsyncResultStatus: "succeeded" | "failed" at run time (typed as a numeric enum in @types/office-js). */
  status: string | number;
  value: T;
  error: OfficeError;
}

export type OfficeCallback<T> = (result: OfficeAsyncResult<T>) => void;

export interface OfficeEmailAddress {
  emailAddress: string;
  displayName: string;
}

export interface OfficeAttachmentDetails {
  id: string;
  name: string;
  /** Absent on compose attachments (AttachmentDetailsCompose has no contentType). */
  contentType?: string;
  size: number;
  isInline: boolean;
  contentId: string;
  /** MailboxEnums.AttachmentType: "file" | "item" | "cloud". */
  attachmentType: string;
}

export interface OfficeAttachmentContent {
  content: string;
  /** MailboxEnums.AttachmentContentFormat: "base64" | "url" | "eml" | "iCalendar". */
  format: string;
}

export interface OfficeNotificationDetails {
  key?: string;
  /** MailboxEnums.ItemNotificationMessageType. */
  type: string;
  icon?: string;
  message: string;
  /** Typed `Boolean` (the wrapper) in @types/office-js. */
  persistent?: boolean | object;
}

export interface OfficeNotificationMessages {
  getAllAsync(callback: OfficeCallback<OfficeNotificationDetails[]>): void;
  replaceAsync(key: string, details: OfficeNotificationDetails, callback?: OfficeCallback<void>): void;
  removeAsync(key: string, callback?: OfficeCallback<void>): void;
}

/** The read-mode message (Office.MessageRead subset). */
export interface OfficeReadItem {
  itemType: string;
  itemClass: string;
  itemId: string;
  subject: string;
  from: OfficeEmailAddress;
  attachments: OfficeAttachmentDetails[];
  notificationMessages: OfficeNotificationMessages;
  /** Mailbox 1.14. */
  getAsFileAsync?(callback: OfficeCallback<string>): void;
  /** Mailbox 1.8. */
  getAllInternetHeadersAsync?(callback: OfficeCallback<string>): void;
}

export interface OfficeRecipientsField {
  getAsync(callback: OfficeCallback<OfficeEmailAddress[]>): void;
}

/** The compose-mode message (Office.MessageCompose subset). */
export interface OfficeComposeItem {
  itemType: string;
  from?: { getAsync(callback: OfficeCallback<OfficeEmailAddress>): void };
  to: OfficeRecipientsField;
  cc: OfficeRecipientsField;
  bcc: OfficeRecipientsField;
  subject: { getAsync(callback: OfficeCallback<string>): void };
  body: { getAsync(coercionType: string, callback: OfficeCallback<string>): void };
  /** Mailbox 1.14; null for new messages. */
  inReplyTo?: string | null;
  notificationMessages: OfficeNotificationMessages;
  internetHeaders?: {
    getAsync(names: string[], callback: OfficeCallback<Record<string, string>>): void;
    setAsync(headers: Record<string, string>, callback?: OfficeCallback<void>): void;
  };
  getAttachmentsAsync?(callback: OfficeCallback<OfficeAttachmentDetails[]>): void;
  getAttachmentContentAsync?(attachmentId: string, callback: OfficeCallback<OfficeAttachmentContent>): void;
  saveAsync(callback: OfficeCallback<string>): void;
  getItemIdAsync?(callback: OfficeCallback<string>): void;
  closeAsync?(options: { discardItem: boolean }, callback?: OfficeCallback<void>): void;
}

export interface OfficeMailbox {
  item?: OfficeReadItem | OfficeComposeItem | null;
  userProfile: { emailAddress: string; displayName: string };
  diagnostics: { hostName: string; hostVersion: string };
  convertToRestId?(itemId: string, restVersion: string): string;
  addHandlerAsync?(eventType: string, handler: (event: unknown) => void, callback?: OfficeCallback<void>): void;
  removeHandlerAsync?(eventType: string, callback?: OfficeCallback<void>): void;
}

/** The `event` argument Office passes to function commands and launch-event handlers. */
export interface OfficeActionEvent {
  completed(options?: SmartAlertsCompletedOptions): void;
}

export interface SmartAlertsCompletedOptions {
  allowEvent?: boolean;
  errorMessage?: string;
  errorMessageMarkdown?: string;
  cancelLabel?: string;
  commandId?: string;
  contextData?: unknown;
  sendModeOverride?: string;
}

export interface OfficeApi {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  context: {
    mailbox: OfficeMailbox;
    /** Present when the host partitions storage per top-level site (Outlook on the web). */
    partitionKey?: string;
    officeTheme?: { bodyBackgroundColor: string };
    /** Per-user add-in settings that roam with the mailbox: preferences only, never secrets. */
    roamingSettings?: { get(name: string): unknown };
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
  };
  actions: { associate(actionId: string, actionFunction: (arg?: unknown) => void): void };
  /** Office SSO; IdentityAPI 1.3. */
  auth?: { getAccessToken(options?: { allowSignInPrompt?: boolean; forMSGraphAccess?: boolean }): Promise<string> };
}

/** Office.EventType.ItemChanged. */
export const ITEM_CHANGED_EVENT = 'olkItemSelectedChanged';

export function isComposeItem(item: OfficeReadItem | OfficeComposeItem): item is OfficeComposeItem {
  return typeof (item as OfficeComposeItem).saveAsync === 'function' && typeof (item as OfficeComposeItem).to?.getAsync === 'function';
}

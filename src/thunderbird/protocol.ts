/**
 * Requests the extension's pages send to the background (runtime.sendMessage). Only plain,
 * structured-cloneable values cross: verdicts, sanitised content, no key material.
 */
import type { ReadPaneState } from '../ui/host-api';

export type BackgroundRequest =
  /** The read state of the message shown in `tabId`; `decrypt` uses the user's keys. */
  | { type: 'read-state'; tabId: number; decrypt: boolean }
  | { type: 'save-sender-certificate'; tabId: number }
  | { type: 'attachment'; tabId: number; attachmentId: string }
  /** The options page changed keys, certificates or anchors: cached verdicts are stale. */
  | { type: 'stores-changed' };

export type AttachmentPayload = { name: string; contentType: string; bytes: Uint8Array };

export interface ResponseMap {
  'read-state': ReadPaneState;
  'save-sender-certificate': { saved: boolean };
  attachment: AttachmentPayload;
  'stores-changed': { cleared: number };
}

export type BackgroundResponse<T extends BackgroundRequest['type']> = ResponseMap[T];

const TYPES: ReadonlySet<string> = new Set(['read-state', 'save-sender-certificate', 'attachment', 'stores-changed']);

/** Runtime messages arrive untyped; accept only our own shapes. */
export function isBackgroundRequest(value: unknown): value is BackgroundRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { type, tabId } = value as { type?: unknown; tabId?: unknown };
  if (typeof type !== 'string' || !TYPES.has(type)) return false;
  return type === 'stores-changed' || typeof tabId === 'number';
}

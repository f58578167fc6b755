/**
 * The verdict banner as an item notification: one key of ours, ≤150 characters, at most 5
 * notifications per item (ArgumentOutOfRange otherwise), replaced rather than stacked.
 */
import { officeCall } from './office-async';
import type { OfficeNotificationDetails, OfficeNotificationMessages } from './office-port';

export const NOTIFICATION_KEY = 'smime-verdict';
export const NOTIFICATION_MAX_LENGTH = 150;
export const NOTIFICATIONS_PER_ITEM = 5;
/** The resid of a 16 px icon in the manifest (required for informational messages). */
export const NOTIFICATION_ICON = 'Icon.16x16';

export type NotificationKind = 'info' | 'error';

export function clampNotification(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= NOTIFICATION_MAX_LENGTH ? oneLine : `${oneLine.slice(0, NOTIFICATION_MAX_LENGTH - 1)}…`;
}

export function notificationDetails(kind: NotificationKind, text: string): OfficeNotificationDetails {
  const message = clampNotification(text);
  // Only informational messages may persist and carry an icon; error messages persist until seen.
  return kind === 'info' ? { type: 'informationalMessage', message, icon: NOTIFICATION_ICON, persistent: true } : { type: 'errorMessage', message };
}

/** Shows (or replaces) our notification; returns false when the item already has 5 others. */
export async function showNotification(messages: OfficeNotificationMessages, kind: NotificationKind, text: string, key = NOTIFICATION_KEY): Promise<boolean> {
  const existing = await officeCall<OfficeNotificationDetails[]>('list notifications', (cb) => messages.getAllAsync(cb));
  const ours = existing.some((n) => n.key === key);
  if (!ours && existing.length >= NOTIFICATIONS_PER_ITEM) return false;
  await officeCall<void>('show a notification', (cb) => messages.replaceAsync(key, notificationDetails(kind, text), cb));
  return true;
}

export async function clearNotification(messages: OfficeNotificationMessages, key = NOTIFICATION_KEY): Promise<void> {
  const existing = await officeCall<OfficeNotificationDetails[]>('list notifications', (cb) => messages.getAllAsync(cb));
  if (existing.some((n) => n.key === key)) await officeCall<void>('remove a notification', (cb) => messages.removeAsync(key, cb));
}

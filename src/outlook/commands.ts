/**
 * Function commands of the compose ribbon: the Sign and Encrypt toggles (recorded on the
 * item, confirmed with a notification) and "Send now (S/MIME)", which the 1.15 Smart Alert
 * can run. Each always calls event.completed.
 */
import type { ComposeApi, ComposePolicy } from '../ui/host-api';
import { readPolicy, writePolicy } from './compose/policy-store';
import { showNotification } from './notifications';
import { isComposeItem, type OfficeActionEvent, type OfficeApi, type OfficeComposeItem } from './office-port';
import { describePolicy } from './policy';

export const POLICY_NOTIFICATION_KEY = 'smime-policy';

function composeItem(office: OfficeApi): OfficeComposeItem | undefined {
  const item = office.context.mailbox.item;
  return item && isComposeItem(item) ? item : undefined;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function togglePolicy(office: OfficeApi, event: OfficeActionEvent, which: keyof ComposePolicy): Promise<void> {
  const item = composeItem(office);
  try {
    if (!item) return;
    const policy = await readPolicy(item);
    const next = { ...policy, [which]: !policy[which] };
    await writePolicy(item, next);
    await showNotification(item.notificationMessages, 'info', `S/MIME: this message will be ${describePolicy(next)}.`, POLICY_NOTIFICATION_KEY);
  } catch (err) {
    if (item) await showNotification(item.notificationMessages, 'error', `S/MIME: ${message(err)}`, POLICY_NOTIFICATION_KEY).catch(() => false);
  } finally {
    event.completed();
  }
}

export async function secureSendNow(office: OfficeApi, compose: () => ComposeApi | undefined, event: OfficeActionEvent): Promise<void> {
  const item = composeItem(office);
  try {
    const api = compose();
    if (!item || !api) return;
    const result = await api.sendSecurely({ signOnlyIfMissingCertificates: false });
    if (result.kind === 'blocked') {
      const hint = result.missingCertificates ? ' Open "Send securely" to import certificates or send signed only.' : '';
      await showNotification(item.notificationMessages, 'error', `S/MIME: ${result.reason}${hint}`, POLICY_NOTIFICATION_KEY);
    }
  } catch (err) {
    if (item) await showNotification(item.notificationMessages, 'error', `S/MIME: not sent. ${message(err)}`, POLICY_NOTIFICATION_KEY).catch(() => false);
  } finally {
    try {
      event.completed();
    } catch {
      // After closeAsync the item is gone; completing is then moot.
    }
  }
}

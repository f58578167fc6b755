/**
 * Event-based activation. These handlers run in the JavaScript-only runtime on classic
 * Windows (no DOM, no IndexedDB, so never any key), must be fast and must always call
 * event.completed. OnMessageSend only enforces the recorded policy: protected sending is
 * done by "Send securely" (task pane or function command), which discards the draft.
 */
import { readPolicy, writePolicy } from './compose/policy-store';
import { BUILD } from './build-config';
import { detectFeatures } from './features';
import { isComposeItem, type OfficeActionEvent, type OfficeApi, type SmartAlertsCompletedOptions } from './office-port';
import { describePolicy, parsePolicy, requiresProtection } from './policy';

/** Manifest control ids the Smart Alert can point at (1.14: task pane; 1.15: function). */
export const SEND_SECURELY_PANE_COMMAND = 'msgComposeSendSecurely';
export const SEND_SECURELY_FUNCTION_COMMAND = 'msgComposeSecureSendNow';
export const DEFAULT_POLICY_SETTING = 'smime.defaultPolicy';

export function blockedSendOptions(office: Pick<OfficeApi, 'context'>, policyText: string): SmartAlertsCompletedOptions {
  const features = detectFeatures(office);
  const options: SmartAlertsCompletedOptions = {
    allowEvent: false,
    errorMessage: `This message must be ${policyText} with S/MIME. Outlook's Send cannot do that: use "Send securely", which protects the message and sends it.`,
  };
  if (features.mailbox115) {
    options.commandId = SEND_SECURELY_FUNCTION_COMMAND;
    options.cancelLabel = 'Send securely';
    options.contextData = { action: 'secure-send' };
  } else if (features.mailbox114) {
    options.commandId = SEND_SECURELY_PANE_COMMAND;
    options.cancelLabel = 'Send securely';
  }
  return options;
}

export async function onMessageSend(office: OfficeApi, event: OfficeActionEvent): Promise<void> {
  try {
    const item = office.context.mailbox.item;
    if (!item || !isComposeItem(item)) {
      event.completed({ allowEvent: true });
      return;
    }
    const policy = await readPolicy(item);
    if (!requiresProtection(policy)) {
      event.completed({ allowEvent: true });
      return;
    }
    event.completed(blockedSendOptions(office, describePolicy(policy)));
  } catch (err) {
    // Fail closed: a message that might need protection never leaves unprotected by accident.
    const reason = err instanceof Error ? err.message : String(err);
    event.completed({
      allowEvent: false,
      errorMessage: `The S/MIME add-in could not check whether this message must be protected (${reason}). Try again, or use "Send securely".`.slice(0, 500),
    });
  }
}

function defaultPolicyText(office: OfficeApi): string {
  const roaming = office.context.roamingSettings?.get(DEFAULT_POLICY_SETTING);
  return typeof roaming === 'string' ? roaming : BUILD.defaultPolicy;
}

export async function onNewMessageCompose(office: OfficeApi, event: OfficeActionEvent): Promise<void> {
  try {
    const item = office.context.mailbox.item;
    const policy = parsePolicy(defaultPolicyText(office));
    if (item && isComposeItem(item) && requiresProtection(policy) && detectFeatures(office).mailbox18) {
      const current = await readPolicy(item);
      // A draft that already carries a choice (reopened, or set by the user) keeps it.
      if (!requiresProtection(current)) await writePolicy(item, policy);
    }
  } catch {
    // Nothing to report: without a recorded policy the message is simply not guarded.
  } finally {
    event.completed();
  }
}

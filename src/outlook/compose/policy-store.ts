/** Reads and writes the draft's policy header (Mailbox 1.8 internetHeaders + saveAsync). */
import type { ComposePolicy } from '../../ui/host-api';
import { RequirementNotMetError } from '../errors';
import { officeCall } from '../office-async';
import type { OfficeComposeItem } from '../office-port';
import { formatPolicy, NO_POLICY, parsePolicy, POLICY_HEADER } from '../policy';

export async function readPolicy(item: OfficeComposeItem): Promise<ComposePolicy> {
  const headers = item.internetHeaders;
  // Without internetHeaders no policy can have been recorded on this item.
  if (!headers) return NO_POLICY;
  const values = await officeCall<Record<string, string>>('read the S/MIME policy', (cb) => headers.getAsync([POLICY_HEADER], cb));
  const key = Object.keys(values).find((k) => k.toLowerCase() === POLICY_HEADER);
  return parsePolicy(key ? values[key] : undefined);
}

export async function writePolicy(item: OfficeComposeItem, policy: ComposePolicy): Promise<void> {
  const headers = item.internetHeaders;
  if (!headers) throw new RequirementNotMetError('Mailbox 1.8', 'recording the S/MIME choice on a message');
  await officeCall<void>('record the S/MIME policy', (cb) => headers.setAsync({ [POLICY_HEADER]: formatPolicy(policy) }, cb));
  // The send handler sees headers only once the draft is saved.
  await officeCall<string>('save the draft', (cb) => item.saveAsync(cb));
}

/**
 * The user's sign/encrypt choice for a draft, recorded on the item as a custom internet
 * header (customProperties do not reach the send handler in new Outlook; x- headers do,
 * after saveAsync). Runs in every runtime, including the JavaScript-only one.
 */
import type { ComposePolicy } from '../ui/host-api';

export const POLICY_HEADER = 'x-smime-addin-policy';

export const NO_POLICY: ComposePolicy = { sign: false, encrypt: false };

export function formatPolicy(policy: ComposePolicy): string {
  const parts = [policy.sign ? 'sign' : '', policy.encrypt ? 'encrypt' : ''].filter(Boolean);
  return parts.length ? parts.join(',') : 'none';
}

/** Unknown words are ignored; a missing or empty header means no policy. */
export function parsePolicy(value: string | undefined | null): ComposePolicy {
  const words = (value ?? '').toLowerCase().split(/[\s,]+/);
  return { sign: words.includes('sign'), encrypt: words.includes('encrypt') };
}

export function requiresProtection(policy: ComposePolicy): boolean {
  return policy.sign || policy.encrypt;
}

export function describePolicy(policy: ComposePolicy): string {
  if (policy.sign && policy.encrypt) return 'signed and encrypted';
  if (policy.sign) return 'signed';
  if (policy.encrypt) return 'encrypted';
  return 'sent without S/MIME';
}

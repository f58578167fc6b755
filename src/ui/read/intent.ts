/** Status → banner intent. Only 'valid' may ever look like success (threat checklist D.31). */
import type { VerdictStatus } from '../../core/verdict';

export type BannerIntent = 'success' | 'warning' | 'error';

const ERROR_STATUSES: ReadonlySet<VerdictStatus> = new Set<VerdictStatus>([
  'invalid',
  'revoked',
  'sender-mismatch',
  'malformed',
  'decrypt-failed',
  'partially-signed',
]);

export function bannerIntent(status: VerdictStatus): BannerIntent {
  if (status === 'valid') return 'success';
  return ERROR_STATUSES.has(status) ? 'error' : 'warning';
}

/**
 * What the message display button shows per verdict status. Green is reserved for `valid`:
 * anything else must not look like a pass at a glance.
 */
import type { VerdictStatus } from '../core/verdict';

export type BadgeTone = 'valid' | 'warning' | 'danger' | 'info' | 'none';

export interface Badge {
  /** ≤ 4 characters: the button has room for about that many. */
  text: string;
  color: string;
  tone: BadgeTone;
  /** Tooltip: the verdict's banner. */
  title: string;
  icon: string;
}

/** An encrypted message we have not yet been asked to decrypt (the user opens the popup). */
export type BadgeState = VerdictStatus | 'encrypted';

export const TONE_COLORS: Record<BadgeTone, string> = {
  valid: '#2e7d32',
  warning: '#b26a00',
  danger: '#c62828',
  info: '#1565c0',
  none: '#616161',
};

const STATES: Record<BadgeState, { text: string; tone: BadgeTone }> = {
  valid: { text: 'OK', tone: 'valid' },
  invalid: { text: 'BAD', tone: 'danger' },
  revoked: { text: 'REV', tone: 'danger' },
  malformed: { text: 'ERR', tone: 'danger' },
  'decrypt-failed': { text: 'DEC!', tone: 'danger' },
  'partially-signed': { text: 'PART', tone: 'danger' },
  'sender-mismatch': { text: 'FROM', tone: 'danger' },
  untrusted: { text: '?', tone: 'warning' },
  expired: { text: 'EXP', tone: 'warning' },
  'revocation-unknown': { text: 'REV?', tone: 'warning' },
  'weak-algorithm': { text: 'WEAK', tone: 'warning' },
  'encrypted-no-key': { text: 'KEY', tone: 'warning' },
  encrypted: { text: 'ENC', tone: 'info' },
  'not-signed': { text: '', tone: 'none' },
};

export function badgeFor(state: BadgeState, title: string): Badge {
  const { text, tone } = STATES[state];
  return { text, tone, color: TONE_COLORS[tone], title, icon: `icons/${tone}.svg` };
}

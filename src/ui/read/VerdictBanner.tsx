/**
 * The one security verdict line. It lives in our chrome, above and outside the message frame,
 * and is the only element that can carry the success intent (threat checklist D.30/D.31).
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Verdict } from '../../core/verdict';
import { BANNER_MAX_LENGTH } from '../../core/verdict';
import { bannerIntent } from './intent';

export function VerdictBanner({ verdict }: { verdict: Verdict }) {
  const intent = bannerIntent(verdict.status);
  // The core already keeps this ≤150 characters; clamp again so a host bug cannot overflow the chrome.
  const text = verdict.banner.length > BANNER_MAX_LENGTH ? `${verdict.banner.slice(0, BANNER_MAX_LENGTH - 1)}…` : verdict.banner;
  return (
    <MessageBar intent={intent} layout="multiline" data-testid="banner" data-status={verdict.status} data-intent={intent}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

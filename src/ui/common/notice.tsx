/** One polite live region per view for action results, so screen readers hear every outcome. */
import { useCallback, useState } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export interface Notice {
  intent: 'info' | 'success' | 'warning' | 'error';
  text: string;
}

export function useNotice(): [Notice | undefined, (notice: Notice | undefined) => void] {
  const [notice, setNotice] = useState<Notice>();
  return [notice, useCallback((n: Notice | undefined) => setNotice(n), [])];
}

export function NoticeRegion({ notice, testId = 'notice' }: { notice?: Notice; testId?: string }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {notice && (
        <MessageBar intent={notice.intent} data-testid={testId} data-intent={notice.intent}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

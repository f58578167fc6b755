/** Progress for slow host calls: a Spinner (indeterminate) or ProgressBar, shown only after ~300 ms. */
import { useCallback, useEffect, useState } from 'react';
import { Field, ProgressBar, Spinner } from '@fluentui/react-components';
import type { Progress, ProgressListener } from '../host-api';
import { strings } from '../strings';

/** Below this, an indicator would only flicker. */
export const PROGRESS_DELAY_MS = 300;

export interface ProgressState {
  busy: boolean;
  progress?: Progress;
  /** Runs `task` with a listener that feeds this state; `busy` is true until it settles. */
  run<T>(task: (onProgress: ProgressListener) => Promise<T>): Promise<T>;
}

export function useProgress(): ProgressState {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const run = useCallback(async <T,>(task: (onProgress: ProgressListener) => Promise<T>): Promise<T> => {
    setBusy(true);
    setProgress(undefined);
    try {
      return await task((p) => setProgress({ ...p }));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, progress, run };
}

export function ProgressIndicator({ busy, progress, label }: { busy: boolean; progress?: Progress; label?: string }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!busy) {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), PROGRESS_DELAY_MS);
    return () => clearTimeout(timer);
  }, [busy]);
  if (!busy || !visible) return null;
  const text = progress?.label ?? label ?? strings.progress.working;
  return (
    <div data-testid="progress">
      {progress?.fraction === undefined ? (
        <Spinner size="tiny" label={text} />
      ) : (
        <Field validationMessage={text} validationState="none">
          <ProgressBar value={Math.min(1, Math.max(0, progress.fraction))} aria-label={text} />
        </Field>
      )}
    </div>
  );
}

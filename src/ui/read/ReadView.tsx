/** Loads the current item through the host, re-checks on item change, and shows one state. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ReadPaneApi, ReadPaneState } from '../host-api';
import { errorMessage } from '../common/errors';
import { ProgressIndicator, useProgress } from '../common/progress';
import { strings } from '../strings';
import { VerdictBanner } from './VerdictBanner';
import { VerdictView } from './VerdictView';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

export function ReadView({ api }: { api: ReadPaneApi }) {
  const s = useStyles();
  const [state, setState] = useState<ReadPaneState>({ kind: 'loading' });
  const loading = useProgress();
  // Item changes can overlap; only the newest load may update the view.
  const generation = useRef(0);
  const { run } = loading;

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setState({ kind: 'loading' });
    let next: ReadPaneState;
    try {
      next = await run((onProgress) => api.loadCurrentItem(onProgress));
    } catch (e) {
      next = { kind: 'error', message: errorMessage(e) };
    }
    if (mine === generation.current) setState(next);
  }, [api, run]);

  useEffect(() => {
    void load();
    const unsubscribe = api.onItemChanged(() => void load());
    return () => {
      generation.current++;
      unsubscribe();
    };
  }, [api, load]);

  return (
    <div className={s.root} data-testid="read-view" data-state={state.kind} aria-busy={state.kind === 'loading'}>
      {/* One persistent live region, so every state change (including the verdict) is announced. */}
      <div aria-live="polite" aria-atomic="true">
        {state.kind === 'loading' && (
          <ProgressIndicator busy progress={loading.progress} label={strings.read.loading} />
        )}
        {state.kind === 'not-smime' && (
          <MessageBar intent="info" data-testid="not-smime">
            <MessageBarBody>{strings.read.notSmime}</MessageBarBody>
          </MessageBar>
        )}
        {state.kind === 'error' && (
          <MessageBar intent="error" data-testid="read-error">
            <MessageBarBody>
              <MessageBarTitle>{strings.read.errorTitle}</MessageBarTitle>
              {state.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {state.kind === 'verdict' && <VerdictBanner verdict={state.verdict} />}
      </div>
      {state.kind === 'verdict' && <VerdictView state={state} api={api} />}
    </div>
  );
}

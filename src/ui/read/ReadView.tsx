/** Loads the current item through the host, re-checks on item change, and shows one state. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReadPaneApi, ReadPaneState } from '../host-api';
import { errorMessage } from '../common/errors';
import { FilePicker } from '../common/FilePicker';
import { readFileBytes } from '../common/files';
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

  /** The fallback when the host cannot give us the raw MIME: a dropped or chosen .eml file. */
  const loadFile = useCallback(
    async (file: File) => {
      const loadBytes = api.loadMessageBytes;
      if (!loadBytes) return;
      const mine = ++generation.current;
      setState({ kind: 'loading' });
      let next: ReadPaneState;
      try {
        const bytes = await readFileBytes(file);
        next = await run((onProgress) => loadBytes.call(api, bytes, onProgress));
      } catch (e) {
        next = { kind: 'error', message: errorMessage(e) };
      }
      if (mine === generation.current) setState(next);
    },
    [api, run],
  );

  useEffect(() => {
    void load();
    const unsubscribe = api.onItemChanged(() => void load());
    return () => {
      generation.current++;
      unsubscribe();
    };
  }, [api, load]);

  return (
    <div
      className={s.root}
      data-testid="read-view"
      data-state={state.kind}
      aria-busy={state.kind === 'loading'}
      onDragOver={(e) => {
        if (api.loadMessageBytes) e.preventDefault();
      }}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!api.loadMessageBytes || !file) return;
        e.preventDefault();
        void loadFile(file);
      }}
    >
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
      {api.loadMessageBytes && state.kind !== 'loading' && state.kind !== 'verdict' && (
        <div data-testid="open-message-file">
          <Text block>{strings.read.dropHint}</Text>
          <FilePicker label={strings.read.openFile} accept=".eml,message/rfc822" testId="message-file" onFile={(f) => void loadFile(f)} />
        </div>
      )}
    </div>
  );
}

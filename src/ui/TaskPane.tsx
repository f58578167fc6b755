/** The task pane shell: theme, a tab bar over the views this host supports, and the current view. */
import { useState } from 'react';
import { FluentProvider, Tab, TabList, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { HostApi } from './host-api';
import { ComposeView } from './compose/ComposeView';
import { KeysView } from './keys/KeysView';
import { ReadView } from './read/ReadView';
import { strings } from './strings';

export type TaskPaneView = 'read' | 'compose' | 'keys';

const useStyles = makeStyles({
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Views the host can serve; keys is always there. */
export function availableViews(host: HostApi): TaskPaneView[] {
  return [...(host.read ? ['read' as const] : []), ...(host.compose ? ['compose' as const] : []), 'keys'];
}

export function TaskPane({ host, initialView }: { host: HostApi; initialView: TaskPaneView }) {
  const s = useStyles();
  const views = availableViews(host);
  const [view, setView] = useState<TaskPaneView>(views.includes(initialView) ? initialView : 'keys');
  const theme = host.theme() === 'dark' ? webDarkTheme : webLightTheme;
  return (
    <FluentProvider theme={theme} className={s.root} data-testid="task-pane" data-theme={host.theme()}>
      {views.length > 1 && (
        <TabList
          aria-label={strings.app.nav}
          selectedValue={view}
          onTabSelect={(_e, d) => setView(views.find((v) => v === d.value) ?? view)}
        >
          {views.map((v) => (
            <Tab key={v} value={v} data-testid={`tab-${v}`}>
              {strings.app.views[v]}
            </Tab>
          ))}
        </TabList>
      )}
      <main aria-label={strings.app.views[view]} className={s.main}>
        {view === 'read' && host.read && <ReadView api={host.read} />}
        {view === 'compose' && host.compose && <ComposeView api={host.compose} keys={host.keys} onManageKeys={() => setView('keys')} />}
        {view === 'keys' && <KeysView api={host.keys} />}
      </main>
    </FluentProvider>
  );
}

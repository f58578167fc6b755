/** Entry points of the shared UI, mounted by the Outlook task pane, the playground and Thunderbird. */
import { createRoot, type Root } from 'react-dom/client';
import type { HostApi } from './host-api';
import { TaskPane, type TaskPaneView } from './TaskPane';

export type { TaskPaneView } from './TaskPane';

// One React root per element, so a host may call renderTaskPane again (e.g. to switch view).
const roots = new WeakMap<HTMLElement, Root>();

/** Renders the task pane for `view` into `root`, driven only through `host`. */
export function renderTaskPane(root: HTMLElement, host: HostApi, view: TaskPaneView): void {
  let reactRoot = roots.get(root);
  if (!reactRoot) {
    reactRoot = createRoot(root);
    roots.set(root, reactRoot);
  }
  // Keyed by view so a re-render with another view starts that view fresh.
  reactRoot.render(<TaskPane key={view} host={host} initialView={view} />);
}

/**
 * Entry points of the shared UI. TEMPORARY placeholder written by the integrator so hosts can
 * compile against the signatures; the UI engineer replaces this file.
 */
import type { HostApi } from './host-api';

export type TaskPaneView = 'read' | 'compose' | 'keys';

/** Renders the task pane for `view` into `root`, driven only through `host`. */
export function renderTaskPane(root: HTMLElement, host: HostApi, view: TaskPaneView): void {
  root.textContent = `S/MIME ${view} (${host.hostName})`;
}

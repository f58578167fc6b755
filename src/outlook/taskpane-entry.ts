/** The task pane page: Verify/Decrypt (read), Send securely (compose), Keys & certificates. */
import { renderTaskPane, type TaskPaneView } from '../ui/index';
import { isComposeItem } from './office-port';
import { pageHost, readyOffice } from './page-services';

export function viewFor(search: string, composing: boolean): TaskPaneView {
  const asked = new URLSearchParams(search).get('view');
  if (asked === 'keys') return 'keys';
  return composing ? 'compose' : 'read';
}

async function main(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  try {
    const office = await readyOffice();
    const item = office.context.mailbox.item;
    const view = viewFor(location.search, !!item && isComposeItem(item));
    renderTaskPane(root, pageHost(office), view);
  } catch (err) {
    root.textContent = err instanceof Error ? err.message : String(err);
  }
}

void main();

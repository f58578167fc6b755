/** Test page: mounts the real task pane over the fake host chosen by the query string. */
import { renderTaskPane } from '../../src/ui/index';
import { sanitizeHtml } from '../../src/ui/read/sanitize';
import { createFakeHost, type FakeControls } from './fake-host';

declare global {
  interface Window {
    __fake: FakeControls;
    __sanitize: (html: string) => string;
  }
}

const params = new URLSearchParams(location.search);
const view = params.get('view');
const { host, controls } = createFakeHost(params, location.origin);
window.__fake = controls;
window.__sanitize = sanitizeHtml;
const root = document.getElementById('root');
if (root) renderTaskPane(root, host, view === 'compose' || view === 'keys' ? view : 'read');

/** Background page entry: real messenger, the extension's IndexedDB, DOMPurify on this page's DOM. */
import { sanitizeMessageHtml } from '../../platform/message-html';
import { ThunderbirdBackground } from '../background-controller';
import { openExtensionStores } from '../stores';
import { realMessenger } from '../types/messenger';

// Revocation: 'soft' and no fetcher, so opening a mail never contacts a URL the sender chose.
new ThunderbirdBackground({
  messenger: realMessenger(),
  stores: openExtensionStores(),
  sanitize: (html, resolveCid) => sanitizeMessageHtml(html, resolveCid, window).html,
  revocation: 'soft',
}).start();

/** Background page entry: real messenger, the extension's IndexedDB, DOMPurify on this page's DOM. */
import { ThunderbirdBackground } from '../background-controller';
import { createSanitizer } from '../purify';
import { openExtensionStores } from '../stores';
import { realMessenger } from '../types/messenger';

// Revocation: 'soft' and no fetcher, so opening a mail never contacts a URL the sender chose.
new ThunderbirdBackground({ messenger: realMessenger(), stores: openExtensionStores(), sanitize: createSanitizer(window), revocation: 'soft' }).start();

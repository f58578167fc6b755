/** Shared start-up of the popup and options pages: one host, the shared task pane. */
import { renderTaskPane } from '../../ui/index';
import { createHost, type Surface } from '../host';
import { openExtensionStores, type Stores } from '../stores';
import { realMessenger, type MessengerApi } from '../types/messenger';

export function startPage(surface: Surface): { root: HTMLElement; stores: Stores; messenger: MessengerApi } {
  const root = document.getElementById('root');
  if (!root) throw new Error('page has no #root');
  const messenger = realMessenger();
  const stores = openExtensionStores();
  renderTaskPane(root, createHost(messenger, stores, surface), surface);
  return { root, stores, messenger };
}

/**
 * The JavaScript-only runtime bundle (classic Outlook on Windows): one self-contained file,
 * no DOM, no atob/btoa, no imports at run time, and Office.onReady does not run there, so
 * handlers are associated immediately. It never loads keys.
 */
import { onMessageSend, onNewMessageCompose } from './launch-events';
import { officeGlobal } from './office-global';
import type { OfficeActionEvent } from './office-port';

const office = officeGlobal();
office.actions.associate('onMessageSendHandler', (e) => void onMessageSend(office, e as OfficeActionEvent));
office.actions.associate('onNewMessageComposeHandler', (e) => void onNewMessageCompose(office, e as OfficeActionEvent));

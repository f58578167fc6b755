/**
 * The function file (commands.html): ribbon functions plus the launch-event handlers for
 * runtimes that load the HTML page (web, new Outlook, Mac). Office needs onReady before
 * associate (PostGuard outlook-quirks).
 */
import { secureSendNow, togglePolicy } from './commands';
import { onMessageSend, onNewMessageCompose } from './launch-events';
import { pageHost, readyOffice } from './page-services';
import type { OfficeActionEvent } from './office-port';

export const FUNCTION_NAMES = ['toggleSign', 'toggleEncrypt', 'secureSendNow', 'onMessageSendHandler', 'onNewMessageComposeHandler'] as const;

void readyOffice().then((office) => {
  const ev = (arg: unknown) => arg as OfficeActionEvent;
  office.actions.associate('toggleSign', (e) => void togglePolicy(office, ev(e), 'sign'));
  office.actions.associate('toggleEncrypt', (e) => void togglePolicy(office, ev(e), 'encrypt'));
  office.actions.associate('secureSendNow', (e) => void secureSendNow(office, () => pageHost(office).compose, ev(e)));
  office.actions.associate('onMessageSendHandler', (e) => void onMessageSend(office, ev(e)));
  office.actions.associate('onNewMessageComposeHandler', (e) => void onNewMessageCompose(office, ev(e)));
});

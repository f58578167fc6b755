/**
 * The playground: an Outlook-like shell (folders, message list, reading pane, compose
 * window, ribbon, Smart Alert dialog) hosting the REAL task pane and function-file pages in
 * iframes. Those pages take their `Office` from this shell's emulation (see
 * src/outlook/environment.ts) and talk to the dev server's local Graph endpoint.
 */
import { buildMessage, parseMime, type MimeEntity } from '../core/index';
import { toBase64 } from '../core/bytes';
import type { PlaygroundHook } from '../outlook/environment';
import type { SmartAlertsCompletedOptions } from '../outlook/office-port';
import { POLICY_HEADER, parsePolicy } from '../outlook/policy';
import { ensureDemoIdentity } from './demo-setup';
import { button, el } from './dom';
import { itemClassFor, smimeAttachments, type DraftState, type ItemState, type ReadState } from './emulation/items';
import { NotificationList } from './emulation/notifications';
import { createEmulatedOffice, type EmulatedOffice, type EmulationHost } from './emulation/office-emulation';
import { createDraft, listFolder, messageBytes, sendPlain, type ListedMessage } from './local-graph';

const USER = { emailAddress: 'demo@playground.test', displayName: 'Demo User' };
/** Manifest control id → FunctionName (ExecuteFunction buttons), as in manifest.xml. */
const FUNCTION_COMMANDS: Record<string, string> = { msgComposeSign: 'toggleSign', msgComposeEncrypt: 'toggleEncrypt', msgComposeSecureSendNow: 'secureSendNow' };
const TASKPANE_COMMANDS: Record<string, string> = { msgComposeSendSecurely: 'compose', msgComposeKeys: 'keys', msgReadVerify: 'read', msgReadDecrypt: 'read' };

type Folder = 'inbox' | 'sentitems';

export class PlaygroundShell {
  private folder: Folder = 'inbox';
  private current?: ItemState;
  private readonly frames: { frame: Window; office: EmulatedOffice }[] = [];
  private readonly requirementSets: Record<string, string> = { Mailbox: '1.15' };
  private readonly roaming = new Map<string, unknown>();
  private readonly ui = {
    list: el('ul', { 'data-testid': 'message-list', class: 'list' }),
    reading: el('section', { 'data-testid': 'reading-pane', class: 'reading' }),
    notifications: el('div', { 'data-testid': 'notification-bar', class: 'notifications' }),
    ribbon: el('div', { 'data-testid': 'ribbon', class: 'ribbon' }),
    pane: el('aside', { 'data-testid': 'taskpane', class: 'taskpane', hidden: '' }),
    compose: el('section', { 'data-testid': 'compose-window', class: 'compose', hidden: '' }),
    dialog: el('div', { 'data-testid': 'smart-alert', class: 'dialog', hidden: '', role: 'alertdialog' }),
    status: el('div', { 'data-testid': 'playground-status', class: 'status', role: 'status' }),
  };
  private readonly commandsFrame = el('iframe', { 'data-testid': 'commands-frame', title: 'Function file', hidden: '' });

  constructor(private readonly root: HTMLElement) {}

  private host(): EmulationHost {
    return {
      currentItem: () => this.current,
      userProfile: USER,
      requirementSets: this.requirementSets,
      roamingSettings: this.roaming,
      saveDraft: async (draft) => (draft.savedId ??= await createDraft(draft.subject)),
      closeDraft: (draft) => this.closeCompose(draft, 'Sent securely through the local Graph endpoint.'),
    };
  }

  hook(): PlaygroundHook {
    return {
      attach: (frame) => {
        const office = createEmulatedOffice(this.host());
        this.frames.push({ frame, office });
        return { office, graphBase: `${location.origin}/v1.0` };
      },
    };
  }

  private invoke(actionId: string, event: unknown): boolean {
    for (const { office } of [...this.frames].reverse()) if (office.invoke(actionId, event)) return true;
    return false;
  }

  /** Function files load asynchronously; wait until the action is associated. */
  private async invokeWhenReady(actionId: string, event: unknown): Promise<boolean> {
    for (let i = 0; i < 100; i++) {
      if (this.invoke(actionId, event)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  private setStatus(text: string): void {
    this.ui.status.textContent = text;
  }

  async start(): Promise<void> {
    const version = el('select', { 'data-testid': 'client-version', title: 'Emulated Outlook requirement set' }, el('option', { value: '1.15' }, 'Mailbox 1.15'), el('option', { value: '1.14' }, 'Mailbox 1.14'));
    version.addEventListener('change', () => (this.requirementSets.Mailbox = version.value));
    const folders = el(
      'nav',
      { class: 'folders' },
      button('folder-inbox', 'Inbox', () => void this.showFolder('inbox')),
      button('folder-sentitems', 'Sent Items', () => void this.showFolder('sentitems')),
      button('new-message', 'New message', () => void this.openCompose()),
      version,
    );
    this.root.append(
      el('header', { class: 'top' }, el('strong', {}, 'Outlook playground'), this.ui.status),
      el('main', { class: 'layout' }, folders, this.ui.list, el('div', { class: 'center' }, this.ui.ribbon, this.ui.notifications, this.ui.reading), this.ui.pane),
      this.ui.compose,
      this.ui.dialog,
      this.commandsFrame,
    );
    this.setStatus('Setting up the demo identity…');
    await ensureDemoIdentity();
    this.commandsFrame.src = 'commands.html';
    await this.showFolder('inbox');
    this.setStatus('Ready: demo@playground.test (TEST identity)');
    this.root.setAttribute('data-ready', 'true');
  }

  async showFolder(folder: Folder): Promise<void> {
    this.folder = folder;
    const messages = await listFolder(folder);
    this.ui.list.replaceChildren(
      ...messages.map((m) => {
        const item = el('li', { 'data-testid': 'message-item', 'data-id': m.id, tabindex: '0' }, el('b', {}, m.subject || '(no subject)'), el('span', {}, m.from));
        item.addEventListener('click', () => void this.select(m));
        return item;
      }),
    );
  }

  private notificationsFor(): NotificationList {
    return new NotificationList(() => this.renderNotifications());
  }

  private renderNotifications(): void {
    const bar = this.current?.kind === 'compose' ? this.ui.compose.querySelector('[data-role=compose-notifications]') : this.ui.notifications;
    const list = this.current?.notifications.all() ?? [];
    bar?.replaceChildren(...list.map((n) => el('div', { 'data-testid': 'notification', 'data-type': n.type, 'data-key': n.key, class: `note ${n.type}` }, n.message)));
    if (this.current?.kind === 'compose') this.renderComposeRibbon();
  }

  async select(message: ListedMessage): Promise<void> {
    const bytes = await messageBytes(message.id);
    const entity = parseMime(bytes);
    const itemClass = itemClassFor(message.contentType);
    const headerEnd = new TextDecoder('latin1').decode(bytes).indexOf('\r\n\r\n');
    const state: ReadState = {
      kind: 'read',
      id: message.id,
      itemClass,
      subject: message.subject,
      from: { emailAddress: /<([^>]+)>/.exec(message.from)?.[1] ?? message.from, displayName: message.from.replace(/\s*<[^>]*>/, '') },
      attachments: smimeAttachments(itemClass, bytes.length),
      headers: new TextDecoder('latin1').decode(bytes.subarray(0, Math.max(headerEnd, 0))),
      loadBase64: async () => toBase64(bytes),
      notifications: this.notificationsFor(),
    };
    this.current = state;
    this.ui.list.querySelectorAll('li').forEach((li) => li.setAttribute('aria-selected', String(li.getAttribute('data-id') === message.id)));
    this.renderReading(state, entity);
    this.renderNotifications();
    this.renderReadRibbon();
    for (const { office } of this.frames) office.fireItemChanged();
  }

  private renderReading(state: ReadState, entity: MimeEntity): void {
    const smime = state.itemClass !== 'IPM.Note';
    const body = smime ? 'This message is protected with S/MIME. Use S/MIME › Verify or Decrypt on the ribbon.' : firstText(entity);
    this.ui.reading.replaceChildren(
      el('h2', { 'data-testid': 'reading-subject' }, state.subject),
      el('div', { class: 'from' }, `From: ${state.from.displayName} <${state.from.emailAddress}>`),
      el('div', { class: 'itemclass' }, state.itemClass),
      el('pre', { 'data-testid': 'reading-body' }, body),
    );
  }

  private renderReadRibbon(): void {
    this.ui.ribbon.replaceChildren(
      el('span', { class: 'group' }, 'S/MIME'),
      button('ribbon-verify', 'Verify', () => this.openTaskPane(TASKPANE_COMMANDS.msgReadVerify)),
      button('ribbon-decrypt', 'Decrypt', () => this.openTaskPane(TASKPANE_COMMANDS.msgReadDecrypt)),
      button('ribbon-keys', 'Keys & certificates', () => this.openTaskPane('keys')),
    );
  }

  openTaskPane(view: string): void {
    const src = `taskpane.html?view=${view}`;
    let frame = this.ui.pane.querySelector('iframe');
    if (!frame || frame.getAttribute('src') !== src) {
      frame = el('iframe', { 'data-testid': 'taskpane-frame', src, title: 'S/MIME task pane' });
      this.ui.pane.replaceChildren(el('div', { class: 'pane-title' }, 'S/MIME', button('taskpane-close', '×', () => this.closeTaskPane())), frame);
    }
    this.ui.pane.hidden = false;
  }

  closeTaskPane(): void {
    this.ui.pane.replaceChildren();
    this.ui.pane.hidden = true;
  }

  async openCompose(): Promise<void> {
    this.closeTaskPane();
    const draft: DraftState = {
      kind: 'compose',
      from: USER,
      to: [{ emailAddress: 'demo@playground.test', displayName: 'Demo User' }],
      cc: [],
      bcc: [],
      subject: 'Hello from the playground',
      html: '',
      text: 'This message was signed in the S/MIME add-in playground.',
      headers: {},
      attachments: [],
      inReplyTo: null,
      notifications: this.notificationsFor(),
    };
    syncBody(draft);
    this.current = draft;
    const field = (testId: string, label: string, value: string, update: (v: string) => void, multiline = false) => {
      const input = multiline ? el('textarea', { 'data-testid': testId, rows: '8' }) : el('input', { 'data-testid': testId, type: 'text' });
      input.value = value;
      input.addEventListener('input', () => update(input.value));
      return el('label', {}, el('span', {}, label), input);
    };
    const recipients = (v: string) => v.split(/[,;]/).map((s) => s.trim()).filter(Boolean).map((a) => ({ emailAddress: a, displayName: a }));
    const attach = el('input', { 'data-testid': 'compose-attach', type: 'file' });
    attach.addEventListener('change', () => void this.addAttachments(draft, attach.files));
    this.ui.compose.replaceChildren(
      el('div', { class: 'ribbon', 'data-role': 'compose-ribbon' }),
      el('div', { class: 'notifications', 'data-role': 'compose-notifications', 'data-testid': 'compose-notification-bar' }),
      field('compose-to', 'To', 'demo@playground.test', (v) => (draft.to = recipients(v))),
      field('compose-cc', 'Cc', '', (v) => (draft.cc = recipients(v))),
      field('compose-subject', 'Subject', draft.subject, (v) => (draft.subject = v)),
      field('compose-body', 'Message', draft.text, (v) => ((draft.text = v), syncBody(draft)), true),
      attach,
      el('div', { class: 'actions' }, button('compose-send', 'Send', () => void this.plainSend(draft)), button('compose-discard', 'Discard', () => this.closeCompose(draft, 'Draft discarded.'))),
    );
    this.ui.compose.hidden = false;
    this.renderComposeRibbon();
    await this.invokeWhenReady('onNewMessageComposeHandler', { type: 'newMessageComposeCreated', completed: () => this.renderComposeRibbon() });
  }

  private renderComposeRibbon(): void {
    const draft = this.current;
    const ribbon = this.ui.compose.querySelector('[data-role=compose-ribbon]');
    if (!ribbon || draft?.kind !== 'compose') return;
    const policy = parsePolicy(draft.headers[POLICY_HEADER]);
    const fn = (id: string, label: string) => {
      const b = button(`ribbon-${id.replace(/^msgCompose/, '').toLowerCase()}`, label, () => void this.invokeWhenReady(FUNCTION_COMMANDS[id], { source: { id }, completed: () => undefined }));
      return b;
    };
    const sign = fn('msgComposeSign', 'Sign');
    sign.setAttribute('aria-pressed', String(policy.sign));
    const encrypt = fn('msgComposeEncrypt', 'Encrypt');
    encrypt.setAttribute('aria-pressed', String(policy.encrypt));
    ribbon.replaceChildren(
      el('span', { class: 'group' }, 'S/MIME'),
      sign,
      encrypt,
      button('ribbon-send-securely', 'Send securely', () => this.openTaskPane(TASKPANE_COMMANDS.msgComposeSendSecurely)),
      fn('msgComposeSecureSendNow', 'Send now (S/MIME)'),
      button('ribbon-compose-keys', 'Keys & certificates', () => this.openTaskPane(TASKPANE_COMMANDS.msgComposeKeys)),
    );
  }

  private async addAttachments(draft: DraftState, files: FileList | null): Promise<void> {
    for (const file of Array.from(files ?? [])) {
      const data = new Uint8Array(await file.arrayBuffer());
      const id = `att-${draft.attachments.length}`;
      draft.attachments.push({ details: { id, name: file.name, size: data.length, isInline: false, contentId: '', attachmentType: 'file' }, base64: toBase64(data) });
    }
  }

  /** Outlook's own Send: the OnMessageSend handler decides (SoftBlock: sends if the add-in is missing). */
  private async plainSend(draft: DraftState): Promise<void> {
    const completed = (options?: SmartAlertsCompletedOptions) => void this.afterSendEvent(draft, options);
    if (!(await this.invokeWhenReady('onMessageSendHandler', { type: 'olkMessageSend', completed }))) completed({ allowEvent: true });
  }

  private async afterSendEvent(draft: DraftState, options?: SmartAlertsCompletedOptions): Promise<void> {
    if (options?.allowEvent === false) {
      this.showSmartAlert(draft, options);
      return;
    }
    const mime = buildMessage({
      from: `${draft.from.displayName} <${draft.from.emailAddress}>`,
      to: draft.to.map((r) => r.emailAddress),
      cc: draft.cc.map((r) => r.emailAddress),
      subject: draft.subject,
      text: draft.text,
      html: draft.html,
    });
    await sendPlain(mime);
    this.closeCompose(draft, 'Sent by Outlook without S/MIME.');
  }

  private showSmartAlert(draft: DraftState, options: SmartAlertsCompletedOptions): void {
    const action = options.commandId
      ? button('smart-alert-action', options.cancelLabel ?? 'Take action', () => {
          this.ui.dialog.hidden = true;
          const fn = FUNCTION_COMMANDS[options.commandId ?? ''];
          if (fn) void this.invokeWhenReady(fn, { source: { id: options.commandId }, contextData: options.contextData, completed: () => undefined });
          else this.openTaskPane(TASKPANE_COMMANDS[options.commandId ?? ''] ?? 'compose');
        })
      : undefined;
    const dismiss = button('smart-alert-dismiss', "Don't send", () => {
      this.ui.dialog.hidden = true;
      this.setStatus('Not sent.');
    });
    this.ui.dialog.replaceChildren(el('p', { 'data-testid': 'smart-alert-message' }, options.errorMessage ?? 'The add-in blocked sending.'), ...(action ? [action] : []), dismiss);
    this.ui.dialog.hidden = false;
    void draft;
  }

  closeCompose(draft: DraftState, status: string): void {
    if (this.current === draft) this.current = undefined;
    this.ui.compose.hidden = true;
    this.ui.compose.replaceChildren();
    this.closeTaskPane();
    this.setStatus(status);
    void this.showFolder(this.folder);
  }
}

function syncBody(draft: DraftState): void {
  const escaped = draft.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  draft.html = `<p>${escaped.replace(/\r?\n/g, '<br>')}</p>`;
}

function firstText(entity: MimeEntity): string {
  if (!entity.isMultipart) return entity.contentType.type === 'text' ? entity.text() : `(${entity.contentType.mediaType})`;
  for (const child of entity.children) {
    const text = firstText(child);
    if (text) return text;
  }
  return '';
}

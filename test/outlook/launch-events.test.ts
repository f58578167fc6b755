/** OnMessageSend / OnNewMessageCompose over office-addin-mock: policy enforcement, fail-closed. */
import { onMessageSend, onNewMessageCompose, SEND_SECURELY_FUNCTION_COMMAND, SEND_SECURELY_PANE_COMMAND } from '../../src/outlook/launch-events';
import { POLICY_HEADER } from '../../src/outlook/policy';
import { composeOffice, event } from './office-mock';

test('a message without policy is allowed to send', async () => {
  const { office } = composeOffice();
  const e = event();
  await onMessageSend(office, e);
  expect(e.calls).toEqual([{ allowEvent: true }]);
});

test('a policy-marked message is blocked; Mailbox 1.15 points the Smart Alert at the secure-send function', async () => {
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'sign,encrypt' } });
  const e = event();
  await onMessageSend(office, e);
  expect(e.calls).toHaveLength(1);
  expect(e.calls[0]).toMatchObject({ allowEvent: false, commandId: SEND_SECURELY_FUNCTION_COMMAND, cancelLabel: 'Send securely' });
  expect((e.calls[0] as { errorMessage: string }).errorMessage).toMatch(/signed and encrypted/);
  expect((e.calls[0] as { errorMessage: string }).errorMessage.length).toBeLessThanOrEqual(500);
});

test('on Mailbox 1.14 the Smart Alert opens the Send securely task pane', async () => {
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'sign' }, mailbox: '1.14' });
  const e = event();
  await onMessageSend(office, e);
  expect(e.calls[0]).toMatchObject({ allowEvent: false, commandId: SEND_SECURELY_PANE_COMMAND });
});

test('on Mailbox 1.12 the block has no action but still explains what to do', async () => {
  const { office } = composeOffice({ headers: { [POLICY_HEADER]: 'encrypt' }, mailbox: '1.12' });
  const e = event();
  await onMessageSend(office, e);
  expect(e.calls[0]).toMatchObject({ allowEvent: false });
  expect(e.calls[0]).not.toHaveProperty('commandId');
});

test('when the policy cannot be read the handler fails closed with a readable message', async () => {
  const { office } = composeOffice({ headerFailure: 9999 });
  const e = event();
  await onMessageSend(office, e);
  expect(e.calls).toHaveLength(1);
  expect(e.calls[0]).toMatchObject({ allowEvent: false });
  expect((e.calls[0] as { errorMessage: string }).errorMessage).toMatch(/could not check/);
});

test('OnNewMessageCompose records the default policy (sign) and saves the draft', async () => {
  const { office, headers, saved } = composeOffice();
  const e = event();
  await onNewMessageCompose(office, e);
  expect(headers[POLICY_HEADER]).toBe('sign');
  expect(saved).toHaveLength(1);
  expect(e.calls).toHaveLength(1);
});

test('OnNewMessageCompose keeps a choice already on the draft', async () => {
  const { office, headers } = composeOffice({ headers: { [POLICY_HEADER]: 'sign,encrypt' } });
  const e = event();
  await onNewMessageCompose(office, e);
  expect(headers[POLICY_HEADER]).toBe('sign,encrypt');
  expect(e.calls).toHaveLength(1);
});

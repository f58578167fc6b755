/** The verdict banner as an item notification: 150-character clamp, our own key, 5-per-item limit. */
import { clampNotification, notificationDetails, NOTIFICATION_KEY, showNotification } from '../../src/outlook/notifications';
import { notificationStore } from './office-mock';

test('long banners are clamped to 150 characters on one line', () => {
  const text = clampNotification(`Signed by ${'x'.repeat(200)}\nsecond line`);
  expect(text.length).toBe(150);
  expect(text).not.toMatch(/\n/);
  expect(text.endsWith('…')).toBe(true);
});

test('valid verdicts are persistent informational messages with an icon; others are error messages', () => {
  expect(notificationDetails('info', 'ok')).toEqual({ type: 'informationalMessage', message: 'ok', icon: 'Icon.16x16', persistent: true });
  expect(notificationDetails('error', 'bad')).toEqual({ type: 'errorMessage', message: 'bad' });
});

test('our notification is replaced, not stacked', async () => {
  const store = notificationStore();
  await showNotification(store, 'info', 'first');
  await showNotification(store, 'error', 'second');
  expect([...store.items.keys()]).toEqual([NOTIFICATION_KEY]);
  expect(store.items.get(NOTIFICATION_KEY)?.message).toBe('second');
});

test('with five notifications of others, ours is skipped instead of failing', async () => {
  const store = notificationStore();
  for (let i = 0; i < 5; i++) store.items.set(`other-${i}`, { type: 'informationalMessage', message: 'x', icon: 'i' });
  await expect(showNotification(store, 'info', 'ours')).resolves.toBe(false);
  expect(store.items.has(NOTIFICATION_KEY)).toBe(false);
});

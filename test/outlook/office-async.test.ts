/** The *Async promise wrapper: values, typed failures, and retries only on transient 5001. */
import { OfficeCallError } from '../../src/outlook/errors';
import { officeCall } from '../../src/outlook/office-async';
import { fail, ok } from './office-mock';

test('resolves with the callback value', async () => {
  await expect(officeCall<string>('read', (cb) => cb(ok('x')))).resolves.toBe('x');
});

test('retries error 5001 and then succeeds', async () => {
  let calls = 0;
  const value = await officeCall<number>('read', (cb) => cb(++calls < 3 ? fail(5001) : ok(42)), { delayMs: 1 });
  expect(value).toBe(42);
  expect(calls).toBe(3);
});

test('gives up after the configured attempts on 5001', async () => {
  let calls = 0;
  await expect(officeCall('read', (cb) => (calls++, cb(fail(5001, 'internal'))), { attempts: 2, delayMs: 1 })).rejects.toMatchObject({ code: 5001 });
  expect(calls).toBe(2);
});

test('does not retry other errors and reports them typed', async () => {
  let calls = 0;
  const err = await officeCall('save the draft', (cb) => (calls++, cb(fail(9041, 'limit')))).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OfficeCallError);
  expect((err as OfficeCallError).message).toMatch(/save the draft.*9041/);
  expect(calls).toBe(1);
});

test('a throwing Office method becomes a rejected promise', async () => {
  await expect(
    officeCall('read', () => {
      throw new TypeError('not a function');
    }),
  ).rejects.toBeInstanceOf(OfficeCallError);
});

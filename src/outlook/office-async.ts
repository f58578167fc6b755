/**
 * One promise wrapper for every Office *Async call. Error 5001 ("internal error") is
 * reported as transient on classic Windows (office-js#6109), so those calls are retried.
 */
import { OfficeCallError } from './errors';
import type { OfficeAsyncResult, OfficeCallback } from './office-port';

export const TRANSIENT_OFFICE_ERROR = 5001;

export interface RetryOptions {
  attempts?: number;
  delayMs?: number;
}

function once<T>(operation: string, invoke: (callback: OfficeCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result: OfficeAsyncResult<T>) => {
        if (result.status === 'succeeded') resolve(result.value);
        else reject(new OfficeCallError(operation, result.error?.code ?? -1, result.error?.message ?? 'unknown error'));
      });
    } catch (err) {
      reject(new OfficeCallError(operation, -1, err instanceof Error ? err.message : String(err)));
    }
  });
}

/** Runs `invoke` and resolves with the callback's value; retries only on 5001. */
export async function officeCall<T>(operation: string, invoke: (callback: OfficeCallback<T>) => void, retry: RetryOptions = {}): Promise<T> {
  const attempts = retry.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(operation, invoke);
    } catch (err) {
      const transient = err instanceof OfficeCallError && err.code === TRANSIENT_OFFICE_ERROR;
      if (!transient || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, (retry.delayMs ?? 200) * attempt));
    }
  }
}

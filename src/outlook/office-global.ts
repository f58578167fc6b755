/// <reference types="office-js" />
/**
 * The one place that reads the `Office` global. The typed assignment is the compile-time
 * proof that the real Office.js typings fit our port (and hence that the playground
 * emulation, which implements the same port, follows @types/office-js).
 */
import { OfficeUnavailableError } from './errors';
import type { OfficeApi } from './office-port';

export function officeGlobal(): OfficeApi {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office) throw new OfficeUnavailableError();
  const api: OfficeApi = office;
  return api;
}

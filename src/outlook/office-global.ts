/// <reference types="office-js" />
/**
 * The one place that reads the `Office` global. The assignment below is the compile-time
 * proof that the real Office.js typings fit our port (and hence that the emulation, which
 * implements the same port, follows @types/office-js).
 */
import { OfficeUnavailableError } from './errors';
import type { OfficeApi } from './office-port';

function checked(office: typeof Office): OfficeApi {
  const api: Omit<OfficeApi, 'context'> & { context: Pick<OfficeApi['context'], 'requirements'> } = office;
  void api;
  return office as unknown as OfficeApi;
}

export function officeGlobal(): OfficeApi {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office) throw new OfficeUnavailableError();
  return checked(office);
}

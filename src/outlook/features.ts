/** Runtime feature detection: the manifest asks for Mailbox 1.5, everything newer is probed. */
import type { OfficeApi } from './office-port';

export interface OutlookFeatures {
  /** Attachments content, internet headers, getItemIdAsync. */
  mailbox18: boolean;
  /** getAsFileAsync, closeAsync, Smart Alerts commandId. */
  mailbox114: boolean;
  /** Smart Alerts running a function, sendAsync. */
  mailbox115: boolean;
  /** Nested app authentication (cannot be declared in the manifest). */
  nestedAppAuth: boolean;
}

export function detectFeatures(office: Pick<OfficeApi, 'context'>): OutlookFeatures {
  const has = (name: string, version: string) => {
    try {
      return office.context.requirements.isSetSupported(name, version);
    } catch {
      return false;
    }
  };
  return {
    mailbox18: has('Mailbox', '1.8'),
    mailbox114: has('Mailbox', '1.14'),
    mailbox115: has('Mailbox', '1.15'),
    nestedAppAuth: has('NestedAppAuth', '1.1'),
  };
}

/** Flattens ComposeDetails recipients (strings like "Bob <bob@x>" or contact/list ids) to addresses. */
import { parseAddressList } from '../core/mime/address';
import type { ComposeDetails128 } from './types/messenger';

type Recipient = NonNullable<ComposeDetails128['to']>;

export interface FlatRecipients {
  addresses: string[];
  /** Contacts or mailing lists named by id: checking them would need the addressBooks permission. */
  unresolved: string[];
}

function list(value: Recipient | undefined): Exclude<Recipient, unknown[]>[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function flattenRecipients(details: Pick<ComposeDetails128, 'to' | 'cc' | 'bcc'>): FlatRecipients {
  const out: FlatRecipients = { addresses: [], unresolved: [] };
  for (const r of [...list(details.to), ...list(details.cc), ...list(details.bcc)]) {
    if (typeof r !== 'string') {
      out.unresolved.push(`${r.type} ${r.id}`);
      continue;
    }
    try {
      out.addresses.push(...parseAddressList(r).map((a) => a.address));
    } catch {
      out.unresolved.push(r);
    }
  }
  // First spelling wins; addresses differing only in case are one recipient.
  out.addresses = out.addresses.filter((a, i, all) => all.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
  return out;
}

/** The From of a draft is one string recipient; an id form means we cannot tell. */
export function senderAddress(details: Pick<ComposeDetails128, 'from'>): string | undefined {
  if (typeof details.from !== 'string') return undefined;
  try {
    return parseAddressList(details.from)[0]?.address;
  } catch {
    return undefined;
  }
}

/**
 * The selected message's exact bytes: getAsFileAsync (Mailbox 1.14) first, Graph
 * GET /me/messages/{id}/$value second (also covers mobile); otherwise the user drags the
 * message into the pane. Item bodies and attachments are useless on S/MIME items.
 */
import { fromBase64 } from '../../core/bytes';
import { OutlookAddinError } from '../errors';
import { officeCall } from '../office-async';
import type { OfficeApi, OfficeReadItem } from '../office-port';
import type { GraphClient } from '../graph';

export class RawMessageUnavailableError extends OutlookAddinError {
  constructor(cause?: unknown) {
    super('Outlook does not give this add-in the message bytes here. Drag the message from the list into this pane to check it.', { cause });
  }
}

export async function readRawMessage(office: OfficeApi, item: OfficeReadItem, graph?: GraphClient): Promise<Uint8Array> {
  const getAsFile = item.getAsFileAsync;
  let firstError: unknown;
  if (getAsFile) {
    try {
      const base64 = await officeCall<string>('read the message', (cb) => getAsFile.call(item, cb));
      return fromBase64(base64);
    } catch (err) {
      firstError = err;
    }
  }
  const convert = office.context.mailbox.convertToRestId;
  if (graph && convert && item.itemId) {
    try {
      return await graph.getMime(convert.call(office.context.mailbox, item.itemId, 'v2.0'));
    } catch (err) {
      firstError ??= err;
    }
  }
  throw new RawMessageUnavailableError(firstError);
}

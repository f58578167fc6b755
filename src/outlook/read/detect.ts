/**
 * Is the selected item S/MIME? itemClass alone is unreliable (plain IPM.Note on classic
 * Windows, office-js#4334), so smime.p7m/p7s attachments and the Content-Type header count too.
 */
import { officeCall } from '../office-async';
import type { OfficeReadItem } from '../office-port';

const SMIME_FILES = /^smime\.p7[ms]$/i;
const SMIME_TYPES = /(application\/(x-)?pkcs7-(mime|signature))|(multipart\/signed)/i;

export function looksLikeSmime(item: Pick<OfficeReadItem, 'itemClass' | 'attachments'>, headers?: string): boolean {
  if (/^IPM\.Note\.SMIME/i.test(item.itemClass ?? '')) return true;
  if ((item.attachments ?? []).some((a) => SMIME_FILES.test(a.name) || SMIME_TYPES.test(a.contentType ?? ''))) return true;
  if (headers) {
    const contentType = /^content-type:([^\r\n]*(\r?\n[ \t][^\r\n]*)*)/im.exec(headers);
    if (contentType && SMIME_TYPES.test(contentType[1])) return true;
  }
  return false;
}

export async function detectSmime(item: OfficeReadItem): Promise<boolean> {
  if (looksLikeSmime(item)) return true;
  const getHeaders = item.getAllInternetHeadersAsync;
  if (!getHeaders) return false;
  try {
    const headers = await officeCall<string>('read the message headers', (cb) => getHeaders.call(item, cb));
    return looksLikeSmime(item, headers);
  } catch {
    return false;
  }
}

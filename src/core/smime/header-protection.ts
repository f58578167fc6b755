/**
 * RFC 9788 header protection: a cryptographic payload whose root Content-Type carries
 * `hp="clear"` or `hp="cipher"` holds the message's real header fields. Those protected
 * values are the ones to display and to bind the signer to; the outer (unprotected) copies
 * are ignored, never merged (threat checklist C29).
 */
import { extractAddrSpec, type HeaderField, type MimeEntity } from '../mime';

export interface ProtectedHeaders {
  scheme: 'clear' | 'cipher';
  /** Non-Content-* fields of the protected root, in order. */
  fields: HeaderField[];
  /** The protected From addr-spec, when there is exactly one valid From. */
  from?: string;
}

export function protectedHeaders(content: MimeEntity): ProtectedHeaders | undefined {
  const hp = content.contentType.params.hp?.toLowerCase();
  if (hp !== 'clear' && hp !== 'cipher') return undefined;
  const fields = content.headers.filter((h) => !h.name.toLowerCase().startsWith('content-'));
  const froms = content.headerAll('from');
  let from: string | undefined;
  if (froms.length === 1) {
    try {
      from = extractAddrSpec(froms[0]);
    } catch {
      from = undefined;
    }
  }
  return { scheme: hp, fields, from };
}

/**
 * Header protection: the signed payload carries the message's real header fields, which are
 * the ones to display and to bind the signer to; the outer (unprotected) copies are ignored,
 * never merged (threat checklist C29). Two forms exist:
 * - RFC 9788: the payload's root Content-Type has `hp="clear"` or `hp="cipher"`;
 * - RFC 8551 §3.1 (older clients): the payload is a whole message in a message/rfc822
 *   wrapper. RFC 9788 marks it `forwarded=no`; legacy senders leave the parameter out, and
 *   only `forwarded=yes` says it is a forwarded message rather than a wrapper.
 */
import { decodeEncodedWords, extractAddrSpec, parseMime, type HeaderField, type MimeEntity, type MimeLimits } from '../mime';

export interface ProtectedHeaders {
  scheme: 'clear' | 'cipher' | 'wrapped';
  /** Non-Content-* fields of the protected root, in order. */
  fields: HeaderField[];
  /** The protected From addr-spec, when there is exactly one valid From. */
  from?: string;
  /** Set when the protected From fields cannot name one author (several, or unparseable). */
  fromProblem?: string;
  /** For 'wrapped': the inner message, which is what to display. */
  message?: MimeEntity;
}

/** Throws a typed MIME error when a wrapped message does not parse. */
export function protectedHeaders(content: MimeEntity, limits?: Partial<MimeLimits>): ProtectedHeaders | undefined {
  if (isWrappedMessage(content)) {
    const message = parseMime(content.decodeBody(), limits);
    return { ...headersOf(message), scheme: 'wrapped', message };
  }
  const hp = content.contentType.params.hp?.toLowerCase();
  if (hp !== 'clear' && hp !== 'cipher') return undefined;
  return { ...headersOf(content), scheme: hp };
}

function isWrappedMessage(content: MimeEntity): boolean {
  return content.contentType.mediaType === 'message/rfc822' && content.contentType.params.forwarded?.toLowerCase() !== 'yes';
}

function headersOf(root: MimeEntity): Pick<ProtectedHeaders, 'fields' | 'from' | 'fromProblem'> {
  const fields = root.headers.filter((h) => !h.name.toLowerCase().startsWith('content-'));
  const froms = root.headerAll('from');
  if (froms.length === 0) return { fields };
  if (froms.length > 1) return { fields, fromProblem: 'The signed, protected headers have several From fields' };
  try {
    return { fields, from: extractAddrSpec(froms[0]) };
  } catch {
    return { fields, fromProblem: 'The signed, protected From is not a valid address' };
  }
}

const DISPLAYED = ['from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date'];

export interface DisplayedHeader {
  name: string;
  value: string;
}

/** The protected fields a reader looks at, in a fixed order, with RFC 2047 words decoded. */
export function displayedProtectedHeaders(fields: HeaderField[]): DisplayedHeader[] {
  return DISPLAYED.flatMap((name) =>
    fields.filter((f) => f.name.toLowerCase() === name).map((f) => ({ name: f.name, value: decodeEncodedWords(f.value) })),
  );
}

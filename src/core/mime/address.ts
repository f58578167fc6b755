/**
 * RFC 5322 address lists (From, To, Cc): display names, angle addresses, groups and
 * comments. Garbage yields no addresses rather than an exception, because the result is
 * only ever compared against certificate addresses.
 */
import { MalformedInputError } from '../errors';
import { decodeEncodedWords } from './encoded-words';

export interface MailAddress {
  /** Display name, unquoted and RFC 2047 decoded. */
  name?: string;
  /** The addr-spec as written (quoted local parts keep their quotes). */
  address: string;
}

type TokenKind = 'atom' | 'quoted' | 'comment' | 'literal' | 'special';

interface Token {
  kind: TokenKind;
  /** Source text (quotes and brackets included for quoted strings and domain literals). */
  raw: string;
  /** Meaningful text: unescaped content for quoted strings and comments. */
  text: string;
  /** White space preceded this token. */
  spaced: boolean;
}

const SPECIALS = '()<>[]:;@\\,"';

function readDelimited(s: string, i: number, close: string): [string, number] {
  let text = '';
  for (i++; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) text += s[++i];
    else if (s[i] === close) return [text, i + 1];
    else text += s[i];
  }
  return [text, s.length];
}

function readComment(s: string, i: number): [string, number] {
  let depth = 0;
  let text = '';
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      text += s[++i];
      continue;
    }
    if (c === '(' && depth++ === 0) continue;
    if (c === ')' && --depth === 0) return [text, i + 1];
    text += c;
  }
  return [text, s.length];
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      spaced = true;
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    let text: string;
    if (c === '"') {
      [text, i] = readDelimited(s, i, '"');
      kind = 'quoted';
    } else if (c === '(') {
      [text, i] = readComment(s, i);
      kind = 'comment';
    } else if (c === '[') {
      [text, i] = readDelimited(s, i, ']');
      kind = 'literal';
    } else if (SPECIALS.includes(c)) {
      text = c;
      i++;
      kind = 'special';
    } else {
      while (i < s.length && !SPECIALS.includes(s[i]) && !/\s/.test(s[i])) i++;
      text = s.slice(start, i);
      kind = 'atom';
    }
    tokens.push({ kind, raw: s.slice(start, i), text, spaced });
    spaced = false;
  }
  return tokens;
}

const isSpecial = (t: Token | undefined, c: string) => t?.kind === 'special' && t.text === c;

/** Display-name text: words joined by single spaces, encoded words decoded. */
function phrase(tokens: Token[]): string | undefined {
  const words = tokens.filter((t) => t.kind === 'atom' || t.kind === 'quoted');
  if (words.length === 0) return undefined;
  let out = '';
  words.forEach((t, i) => {
    if (i > 0) out += ' ';
    out += t.text;
  });
  const decoded = decodeEncodedWords(out).trim();
  return decoded || undefined;
}

/** addr-spec text from its tokens, without white space or comments. */
function addrSpec(tokens: Token[]): string | undefined {
  const parts = tokens.filter((t) => t.kind !== 'comment');
  if (parts.some((t) => t.kind === 'special' && t.text !== '@')) return undefined;
  // Two words in a row ("Alice alice@x") are a phrase without brackets, not an address.
  const isWord = (t: Token) => t.kind === 'atom' || t.kind === 'quoted';
  for (let i = 1; i < parts.length; i++) {
    if (isWord(parts[i]) && isWord(parts[i - 1]) && !parts[i - 1].raw.endsWith('.') && !parts[i].raw.startsWith('.')) return undefined;
  }
  const text = parts.map((t) => t.raw).join('');
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return undefined;
  return text;
}

function parseMailbox(tokens: Token[]): MailAddress | undefined {
  const open = tokens.findIndex((t) => isSpecial(t, '<'));
  if (open >= 0) {
    let close = tokens.findIndex((t, i) => i > open && isSpecial(t, '>'));
    if (close < 0) close = tokens.length;
    let inner = tokens.slice(open + 1, close);
    // Obsolete source routes: <@a,@b:user@host>.
    const colon = inner.findIndex((t) => isSpecial(t, ':'));
    if (colon >= 0) inner = inner.slice(colon + 1);
    const address = addrSpec(inner);
    if (!address) return undefined;
    const name = phrase(tokens.slice(0, open));
    return name ? { name, address } : { address };
  }
  const address = addrSpec(tokens);
  if (!address) return undefined;
  // "user@host (Name)": the comment is the conventional display name.
  const comment = tokens.filter((t) => t.kind === 'comment').map((t) => t.text.trim()).find((t) => t);
  return comment ? { name: decodeEncodedWords(comment), address } : { address };
}

/** Parses an address-list header value; invalid entries are skipped, never thrown. */
export function parseAddressList(value: string): MailAddress[] {
  const tokens = tokenize(value);
  const out: MailAddress[] = [];
  let current: Token[] = [];
  let inAngle = false;
  const flush = () => {
    const mailbox = current.length > 0 ? parseMailbox(current) : undefined;
    if (mailbox) out.push(mailbox);
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === 'special') {
      if (t.text === '<') inAngle = true;
      else if (t.text === '>') inAngle = false;
      else if (!inAngle && t.text === ',') {
        flush();
        continue;
      } else if (!inAngle && t.text === ':') {
        current = []; // a group's display name: its members follow
        continue;
      } else if (!inAngle && t.text === ';') {
        flush(); // end of group
        continue;
      }
    }
    current.push(t);
  }
  flush();
  return out;
}

/** The single addr-spec of a From value; zero or several mailboxes are malformed. */
export function extractAddrSpec(value: string): string {
  const list = parseAddressList(value);
  if (list.length !== 1) {
    throw new MalformedInputError(
      list.length === 0 ? 'The From header contains no valid address' : `The From header contains ${list.length} addresses, expected one`,
    );
  }
  return list[0].address;
}

/**
 * Structured MIME header values with parameters (Content-Type, Content-Disposition):
 * quoted strings, RFC 2231 continuations and charset'lang'%XX values, and formatting back.
 */
import { concatBytes, utf8Encode } from '../bytes';
import { decodeCharset } from './charset';

export interface ContentType {
  type: string;
  subtype: string;
  /** "type/subtype", lowercased. */
  mediaType: string;
  /** Keys lowercased; values unquoted, RFC 2231 decoded. */
  params: Record<string, string>;
}

export interface ParsedParams {
  /** The value before the first ';', trimmed (not lowercased). */
  value: string;
  params: Record<string, string>;
}

interface RawParam {
  name: string;
  value: string;
}

function skipComment(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

function readQuoted(s: string, i: number): [string, number] {
  let out = '';
  for (i++; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) out += s[++i];
    else if (c === '"') return [out, i + 1];
    else out += c;
  }
  return [out, i]; // unterminated: take the rest
}

function splitRaw(header: string): { value: string; raw: RawParam[] } {
  let i = 0;
  let value = '';
  while (i < header.length && header[i] !== ';') {
    if (header[i] === '"') {
      const [q, next] = readQuoted(header, i);
      value += q;
      i = next;
    } else if (header[i] === '(') {
      i = skipComment(header, i);
    } else {
      value += header[i++];
    }
  }
  const raw: RawParam[] = [];
  while (i < header.length) {
    i++; // the ';'
    let name = '';
    while (i < header.length && header[i] !== '=' && header[i] !== ';') name += header[i++];
    name = name.trim().toLowerCase();
    if (header[i] !== '=') continue;
    i++;
    while (i < header.length && /\s/.test(header[i])) i++;
    let val = '';
    if (header[i] === '"') {
      const [q, next] = readQuoted(header, i);
      val = q;
      i = next;
      while (i < header.length && header[i] !== ';') i++; // ignore anything after the quote
    } else {
      while (i < header.length && header[i] !== ';') {
        if (header[i] === '(') i = skipComment(header, i);
        else val += header[i++];
      }
      val = val.trim();
    }
    if (name) raw.push({ name, value: val });
  }
  return { value: value.trim(), raw };
}

function percentDecode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      out.push(c);
    } else {
      out.push(...utf8Encode(s[i]));
    }
  }
  return Uint8Array.from(out);
}

interface Section {
  index: number;
  encoded: boolean;
  value: string;
}

/** Joins RFC 2231 sections (name*0, name*1*, name*) into plain values. */
function assemble(raw: RawParam[]): Record<string, string> {
  const plain = new Map<string, string>();
  const sectioned = new Map<string, Section[]>();
  for (const { name, value } of raw) {
    const star = /^(.*?)(?:\*(\d+))?(\*)?$/.exec(name);
    const base = star?.[1] ?? name;
    const hasSection = star?.[2] !== undefined;
    const encoded = star?.[3] !== undefined;
    if (!hasSection && !encoded) {
      if (!plain.has(name)) plain.set(name, value);
      continue;
    }
    const list = sectioned.get(base) ?? [];
    list.push({ index: hasSection ? Number(star?.[2]) : 0, encoded, value });
    sectioned.set(base, list);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of plain) out[k] = v;
  for (const [base, sections] of sectioned) {
    sections.sort((a, b) => a.index - b.index);
    let charset = 'utf-8';
    const parts: Uint8Array[] = [];
    sections.forEach((s, i) => {
      if (!s.encoded) {
        parts.push(utf8Encode(s.value));
        return;
      }
      let text = s.value;
      if (i === 0) {
        const m = /^([^']*)'[^']*'([\s\S]*)$/.exec(text);
        if (m) {
          charset = m[1] || charset;
          text = m[2];
        }
      }
      parts.push(percentDecode(text));
    });
    out[base] = decodeCharset(concatBytes(...parts), charset); // RFC 2231 wins over a plain twin
  }
  return out;
}

/** Parses "value; a=b; c*=utf-8''x%20y" into the value and decoded parameters. */
export function parseParams(header: string): ParsedParams {
  const { value, raw } = splitRaw(header);
  return { value, params: assemble(raw) };
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function defaultContentType(mediaType = 'text/plain'): ContentType {
  const [type, subtype] = mediaType.split('/');
  return { type, subtype, mediaType, params: mediaType === 'text/plain' ? { charset: 'us-ascii' } : {} };
}

/** RFC 2045 §5.2: a missing or unparsable Content-Type means the default. */
export function parseContentType(header: string | undefined, fallback = 'text/plain'): ContentType {
  if (header === undefined) return defaultContentType(fallback);
  const { value, params } = parseParams(header);
  const slash = value.indexOf('/');
  const type = value.slice(0, slash).trim().toLowerCase();
  const subtype = value.slice(slash + 1).trim().toLowerCase();
  if (slash < 0 || !TOKEN.test(type) || !TOKEN.test(subtype)) return defaultContentType('text/plain');
  return { type, subtype, mediaType: `${type}/${subtype}`, params };
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** One "; name=value" parameter: token, quoted string, or RFC 2231 UTF-8 when not ASCII. */
export function formatParam(name: string, value: string): string {
  if (!ASCII_PRINTABLE.test(value)) {
    let enc = '';
    for (const b of utf8Encode(value)) {
      const ch = String.fromCharCode(b);
      enc += b < 0x80 && /[A-Za-z0-9!#$&+\-.^_`|~]/.test(ch) ? ch : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    return `; ${name}*=utf-8''${enc}`;
  }
  if (TOKEN.test(value) && !value.includes("'") && !value.includes('*')) return `; ${name}=${value}`;
  return `; ${name}="${value.replace(/["\\]/g, '\\$&')}"`;
}

/** "value; a=b; c=d" from a value and parameters. */
export function formatParams(value: string, params: Record<string, string>): string {
  return value + Object.entries(params).map(([k, v]) => formatParam(k, v)).join('');
}

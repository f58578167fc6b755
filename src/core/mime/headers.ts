/** Header blocks: splitting into fields (RFC 5322 §2.2) while keeping each field's raw bytes. */
import { decodeHeaderBytes } from './charset';

export interface HeaderField {
  /** Field name as written (compare case-insensitively). */
  name: string;
  /** Unfolded, undecoded value with surrounding white space trimmed. */
  value: string;
  /** Exact bytes of the field, folded lines and line breaks included. */
  raw: Uint8Array;
}

const LF = 0x0a;
const CR = 0x0d;

function isFieldNameByte(b: number): boolean {
  return b >= 0x21 && b <= 0x7e && b !== 0x3a;
}

/** Field name length if the line starts "name:", else -1 (garbage or obsolete line). */
function fieldNameLength(block: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && isFieldNameByte(block[i])) i++;
  // obs-field-name allows white space before the colon.
  let j = i;
  while (j < end && (block[j] === 0x20 || block[j] === 0x09)) j++;
  return i > start && j < end && block[j] === 0x3a ? i - start : -1;
}

/** Removes the line break at the end of [start, end) for unfolding. */
function stripLineBreaks(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (const b of bytes) if (b !== CR && b !== LF) out[n++] = b;
  return out.subarray(0, n);
}

/**
 * Splits a header block (without its blank separator line) into fields. Continuation
 * lines join the field above; lines that are neither are skipped (they stay in the
 * entity's raw bytes, so signatures are unaffected).
 */
export function parseHeaderBlock(block: Uint8Array): HeaderField[] {
  const fields: HeaderField[] = [];
  let current: { start: number; end: number; nameLength: number } | undefined;
  const flush = () => {
    if (!current) return;
    const raw = block.subarray(current.start, current.end);
    const name = decodeHeaderBytes(raw.subarray(0, current.nameLength));
    const colon = raw.indexOf(0x3a, current.nameLength);
    const value = decodeHeaderBytes(stripLineBreaks(raw.subarray(colon + 1))).trim();
    fields.push({ name, value, raw });
    current = undefined;
  };
  let pos = 0;
  while (pos < block.length) {
    const nl = block.indexOf(LF, pos);
    const next = nl < 0 ? block.length : nl + 1;
    const first = block[pos];
    if (first === 0x20 || first === 0x09) {
      if (current) current.end = next; // folded continuation
    } else {
      flush();
      const nameLength = fieldNameLength(block, pos, next);
      if (nameLength > 0) current = { start: pos, end: next, nameLength };
    }
    pos = next;
  }
  flush();
  return fields;
}

export function findHeader(fields: readonly HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower)?.value;
}

export function findHeaders(fields: readonly HeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === lower).map((f) => f.value);
}

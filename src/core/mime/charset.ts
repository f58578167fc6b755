/**
 * Text decoding that never throws: the label a message declares is often wrong or
 * unknown, and a reader must still see something.
 */
import { latin1Decode } from '../bytes';

function tryDecoder(label: string, fatal: boolean): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return undefined;
  }
}

/** Strict UTF-8, falling back to windows-1252 (which maps every byte) when invalid. */
export function decodeUtf8OrLegacy(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return (tryDecoder('windows-1252', false)?.decode(bytes)) ?? latin1Decode(bytes);
  }
}

/** Decodes with the declared charset; unknown labels fall back to UTF-8, then windows-1252. */
export function decodeCharset(bytes: Uint8Array, label: string | undefined): string {
  const clean = (label ?? '').trim().replace(/^"|"$/g, '');
  const decoder = clean ? tryDecoder(clean, false) : undefined;
  if (decoder) {
    try {
      return decoder.decode(bytes);
    } catch {
      // fall through to the fallback chain
    }
  }
  return decodeUtf8OrLegacy(bytes);
}

/** Header bytes as text: RFC 6532 allows raw UTF-8; anything else is read as Latin-1. */
export function decodeHeaderBytes(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return latin1Decode(bytes);
      }
    }
  }
  return latin1Decode(bytes);
}

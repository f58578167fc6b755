import { latin1Decode, latin1Encode } from '../../src/core/bytes';

/** Test input from lines joined by the given line ending. */
export function msg(lines: string[], eol = '\r\n'): Uint8Array {
  return latin1Encode(lines.join(eol));
}

export const str = (bytes: Uint8Array): string => latin1Decode(bytes);

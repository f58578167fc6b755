// TEMPORARY stub written by the integrator so the CLI builds; the keystore engineer owns this
// file and replaces it entirely with the real `smime keys` command.
import type { CliIo } from '../io';

export const KEYS_USAGE = 'smime keys …';

export async function keysCommand(_argv: string[], io: CliIo): Promise<number> {
  io.stderr('smime keys: not available yet\n');
  return 2;
}

/** Thin wrapper over node:util parseArgs that turns its errors into UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIo } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends OptionSpec>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

/** The whole input message: --in FILE, or standard input. */
export function readInput(io: CliIo, file: string | undefined): Uint8Array {
  return file ? io.readFile(file) : io.readStdin();
}

export function writeOutput(io: CliIo, file: string | undefined, data: Uint8Array): void {
  if (file) io.writeFile(file, data);
  else io.stdout(data);
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

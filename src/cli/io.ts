/**
 * What a CLI command may touch: arguments, streams and files. Commands take this object
 * instead of `process` so tests can run them in-process.
 */
export interface CliIo {
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array): void;
  /** Reads all of standard input. */
  readStdin(): Uint8Array;
  stdout(data: Uint8Array | string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

/** A user error: printed as one line on stderr, exit code 2 (never a stack trace). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Failures of the Thunderbird host itself (not of the S/MIME core, which has its own classes). */
export class ThunderbirdHostError extends Error {
  constructor(
    readonly code: 'no-message' | 'no-tab' | 'no-sender-certificate' | 'no-attachment' | 'bad-request' | 'no-recipients',
    message: string,
  ) {
    super(message);
    this.name = 'ThunderbirdHostError';
  }
}

/** A message safe to show a person: typed errors carry one; anything else gets a generic line. */
export function describeError(err: unknown): string {
  return err instanceof Error && err.message ? err.message : 'Something went wrong while reading this message.';
}

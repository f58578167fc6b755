/**
 * Every failure the core reports is a value of one of these classes, so hosts can
 * switch on `code` across runtime boundaries (task pane, event runtime, CLI) and show
 * `message` to a person. Messages never contain key material.
 */
export type SmimeErrorCode =
  | 'malformed'
  | 'limit-exceeded'
  | 'unsupported'
  | 'decrypt-failed'
  | 'no-matching-key'
  | 'wrong-password'
  | 'key-mismatch'
  | 'bad-input'
  | 'signature-invalid'
  | 'network';

export class SmimeError extends Error {
  readonly code: SmimeErrorCode;
  constructor(code: SmimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Input that does not follow the format it claims (MIME, CMS, X.509, PKCS#12, PEM). */
export class MalformedInputError extends SmimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('malformed', message, options);
  }
}

/** Input larger or deeper than a configured budget (protects against resource exhaustion). */
export class LimitExceededError extends SmimeError {
  constructor(message: string) {
    super('limit-exceeded', message);
  }
}

/** A well-formed input that uses an algorithm or feature this product does not implement. */
export class UnsupportedAlgorithmError extends SmimeError {
  constructor(message: string) {
    super('unsupported', message);
  }
}

/**
 * Decryption failed. Deliberately one generic message for every cause that depends on
 * secret data (bad padding, wrong key, bad tag), so it cannot serve as an oracle.
 */
export class DecryptionError extends SmimeError {
  constructor(message = 'Decryption failed: the message cannot be decrypted with this key.') {
    super('decrypt-failed', message);
  }
}

/** No RecipientInfo in the message matches the keys we hold. */
export class NoMatchingKeyError extends SmimeError {
  constructor(message = 'This message is not encrypted to any of your certificates.') {
    super('no-matching-key', message);
  }
}

export class WrongPasswordError extends SmimeError {
  constructor(message = 'The password is wrong or the file is damaged.') {
    super('wrong-password', message);
  }
}

/** A private key that does not belong to the certificate it is paired with. */
export class KeyMismatchError extends SmimeError {
  constructor(message = 'The private key does not match the certificate.') {
    super('key-mismatch', message);
  }
}

/** A caller supplied unusable arguments (missing recipient, unknown option value…). */
export class BadInputError extends SmimeError {
  constructor(message: string) {
    super('bad-input', message);
  }
}

/** Wraps an unknown thrown value (often from pkijs/asn1js) as a typed error with context. */
export function asSmimeError(err: unknown, context: string): SmimeError {
  if (err instanceof SmimeError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new MalformedInputError(`${context}: ${detail}`, { cause: err });
}

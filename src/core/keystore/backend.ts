/**
 * Where the keystore, address book and trust store keep their records. Values are
 * structured-cloneable (Uint8Array, Date, and, for backends that can persist them,
 * non-extractable CryptoKeys).
 */
export interface KeyValueBackend {
  /** Whether CryptoKey values survive put/get (IndexedDB, memory) or not (files). */
  readonly persistsCryptoKeys: boolean;
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix`, sorted. */
  list(prefix?: string): Promise<string[]>;
}

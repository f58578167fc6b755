/** Budgets that keep parsing of hostile messages bounded in time and memory. */
export interface MimeLimits {
  /** Deepest multipart nesting accepted (the top entity is depth 0). */
  maxDepth: number;
  /** Most entities (multipart children, all levels together) accepted. */
  maxParts: number;
  /** Largest header block of one entity, in bytes. */
  maxHeaderBytes: number;
  /** Largest whole input, in bytes. */
  maxTotalBytes: number;
}

export const DEFAULT_MIME_LIMITS: Readonly<MimeLimits> = Object.freeze({
  maxDepth: 32,
  maxParts: 10000,
  maxHeaderBytes: 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
});

export function resolveLimits(limits?: Partial<MimeLimits>): MimeLimits {
  return { ...DEFAULT_MIME_LIMITS, ...(limits ?? {}) };
}

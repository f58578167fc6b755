/**
 * Verdicts per Thunderbird message id, least recently used evicted first. Entries may hold
 * decrypted content, so the cache lives only in the background's memory and is bounded.
 */
export class VerdictCache<V> {
  private readonly entries = new Map<number, V>();

  constructor(private readonly limit = 100) {}

  get(id: number): V | undefined {
    const value = this.entries.get(id);
    if (value !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, value);
    }
    return value;
  }

  set(id: number, value: V): void {
    this.entries.delete(id);
    this.entries.set(id, value);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as number);
  }

  clear(): number {
    const n = this.entries.size;
    this.entries.clear();
    return n;
  }

  get size(): number {
    return this.entries.size;
  }
}

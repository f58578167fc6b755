/** In-memory KeyValueBackend for tests and one-shot CLI runs; clones like IndexedDB would. */
import type { KeyValueBackend } from './backend';

export class MemoryBackend implements KeyValueBackend {
  readonly persistsCryptoKeys: boolean = true;
  private readonly data = new Map<string, unknown>();

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const value = this.data.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  async put(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async list(prefix = ''): Promise<string[]> {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

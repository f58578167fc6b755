/**
 * KeyValueBackend over IndexedDB (browser task pane, Thunderbird). IndexedDB structured-
 * clones CryptoKeys and keeps them non-extractable. The host constructs it explicitly and
 * passes a database name that includes Office's partitionKey when one is defined (G.56).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { BadInputError } from '../errors';
import type { KeyValueBackend } from './backend';

const STORE = 'kv';

export class IndexedDbBackend implements KeyValueBackend {
  readonly persistsCryptoKeys = true;
  private db?: Promise<IDBPDatabase>;

  /**
   * `dbName` must be unique per mailbox and per partition: Outlook on the web and new Outlook
   * give add-ins a partitioned storage key (`Office.context.partitionKey`), and storage shared
   * across partitions would mix identities of different accounts. Hosts therefore use e.g.
   * `smime-keystore:${Office.context.partitionKey ?? ''}`; this core cannot read Office itself.
   * `factory` defaults to the global indexedDB; tests pass fake-indexeddb's.
   */
  constructor(
    private readonly dbName: string,
    private readonly factory?: IDBFactory,
  ) {}

  private open(): Promise<IDBPDatabase> {
    if (!this.db) {
      const factory = this.factory ?? globalThis.indexedDB;
      if (!factory) throw new BadInputError('IndexedDB is not available in this runtime; open the task pane to use your keys');
      // idb reads the global factory; swap it in only for the duration of the open call.
      const previous = globalThis.indexedDB;
      if (this.factory) (globalThis as { indexedDB: IDBFactory }).indexedDB = this.factory;
      try {
        this.db = openDB(this.dbName, 1, {
          upgrade(db) {
            if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
          },
        });
      } finally {
        if (this.factory) (globalThis as { indexedDB: IDBFactory | undefined }).indexedDB = previous;
      }
    }
    return this.db;
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    return (await (await this.open()).get(STORE, key)) as T | undefined;
  }

  async put(key: string, value: unknown): Promise<void> {
    await (await this.open()).put(STORE, value, key);
  }

  async delete(key: string): Promise<void> {
    await (await this.open()).delete(STORE, key);
  }

  async list(prefix = ''): Promise<string[]> {
    const keys = await (await this.open()).getAllKeys(STORE);
    return keys
      .map(String)
      .filter((k) => k.startsWith(prefix))
      .sort();
  }

  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = undefined;
  }
}

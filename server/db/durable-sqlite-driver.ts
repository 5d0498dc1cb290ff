import { SqliteDialect, SqliteDriver, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { SqliteDialectConfig } from 'kysely';

export interface DurableSqliteOptions extends SqliteDialectConfig {
  /** Makes every write committed so far durable (wal-sync.ts): an fdatasync of the WAL. */
  sync(): Promise<void>;
  /** Whether a statement may write (better-sqlite3's `readonly`, from the prepared statement). */
  writes(sql: string): boolean;
}

/**
 * SQLite with synchronous=NORMAL commits without an fsync. This driver restores the guarantee
 * for every write, whoever makes it: a COMMIT, or a write outside a transaction, resolves only
 * after the WAL has been synced – on the thread pool, so the event loop serves requests while the
 * disk works. The coach's and staff's own transactions and single inserts pass through here, so
 * no acknowledged write depends on where it was made.
 *
 * Between COMMIT and the end of its sync, other readers may already see the change; only its writer
 * waits. A power cut in that window loses a change nobody was told was saved – though a reader may
 * have shown it. The one read that does tell a client "saved", a response stored under an
 * idempotency key and sent again to a retry, first waits for Db.durable (connect.ts). (PostgreSQL
 * makes a commit visible only after its WAL flush.)
 *
 * The group committer, the busiest writer, syncs itself: it calls `syncAfterRelease()` before
 * its COMMIT and awaits `sync()` once its connection is released. A sync inside COMMIT holds
 * SQLite's only connection, and every read of every request would wait for the disk with it.
 */
export class DurableSqliteDialect extends SqliteDialect {
  readonly #options: DurableSqliteOptions;
  #driver: DurableSqliteDriver | undefined;
  constructor(options: DurableSqliteOptions) {
    super(options);
    this.#options = options;
  }
  override createDriver(): Driver {
    return (this.#driver = new DurableSqliteDriver(this.#options));
  }
  /** The next COMMIT skips its sync: its caller syncs after releasing the connection. */
  syncAfterRelease(): void {
    this.#driver?.skipNextSync();
  }
}

class DurableSqliteDriver extends SqliteDriver {
  readonly #options: DurableSqliteOptions;
  #inTransaction = false;
  #skipNextSync = false;
  /** SQLite has one connection; it is wrapped once. */
  #wrapped: DatabaseConnection | undefined;

  constructor(options: DurableSqliteOptions) {
    super(options);
    this.#options = options;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return (this.#wrapped ??= {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const result = await connection.executeQuery<R>(query);
        if (!this.#inTransaction && this.#options.writes(query.sql)) await this.#options.sync();
        return result;
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction = true;
    try {
      await super.beginTransaction(connection);
    } catch (err) {
      this.#inTransaction = false;
      throw err;
    }
  }

  skipNextSync(): void {
    this.#skipNextSync = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const skip = this.#skipNextSync;
    this.#skipNextSync = false;
    // A COMMIT that fails leaves the transaction open: the rollback that follows must still run.
    await super.commitTransaction(connection);
    this.#inTransaction = false;
    if (!skip) await this.#options.sync();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After a committed transaction whose sync failed there is nothing to roll back; the caller
    // hears the sync's error, not "no transaction is active".
    if (!this.#inTransaction) return;
    try {
      await super.rollbackTransaction(connection);
    } finally {
      this.#inTransaction = false;
    }
  }
}

import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One unit of work: its statements run inside a transaction and commit together. */
export type Unit<R> = (tx: Kysely<Database>) => Promise<R>;

export interface Committer {
  /** Resolves only after the unit's transaction has committed; rejects if the unit failed. */
  run<R>(unit: Unit<R>): Promise<R>;
}

/** PostgreSQL: a transaction per unit; the server commits concurrent connections in parallel. */
export function transactionPerUnit(db: Kysely<Database>): Committer {
  return { run: (unit) => db.transaction().execute(unit) };
}

const SAVEPOINT = sql`savepoint unit`;
const RELEASE = sql`release savepoint unit`;
const ROLLBACK_TO = sql`rollback to savepoint unit`;

interface Pending {
  unit: Unit<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface GroupCommitOptions {
  maxBatch?: number;
  /** Runs before a batch's transaction begins (checkpointer.ts catchUpIfDue). */
  between?: () => Promise<void>;
  /**
   * Makes the committed batch durable, after COMMIT and once the connection is free again, so
   * reads go on while the disk syncs (durable-sqlite-driver.ts). `beforeCommit` tells the driver
   * that this COMMIT's sync is taken care of.
   */
  durable?: { beforeCommit(): void; sync(): Promise<void> };
}

/**
 * SQLite: group commit. SQLite has one writer and a durable commit waits for an fsync, so a
 * transaction per request caps throughput at the disk's fsync rate. Units that arrive while a
 * batch is being written or synced join the next batch: one transaction, one fsync, each unit
 * inside its own savepoint – a unit that fails (a lost race, a constraint) is rolled back alone
 * and only its caller hears about it. Nobody is answered before the batch is committed and durable.
 */
export function groupCommitter(db: Kysely<Database>, options: GroupCommitOptions = {}): Committer {
  const { maxBatch = 256, between, durable } = options;
  let queue: Pending[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    await between?.();
    const batch = queue.splice(0, maxBatch);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      const trx = await db.startTransaction().execute();
      try {
        // Plain SAVEPOINT statements: Kysely's savepoint builders allocate a transaction object each.
        for (const p of batch) {
          await SAVEPOINT.execute(trx);
          try {
            outcomes.push({ ok: true, value: await p.unit(trx) });
            await RELEASE.execute(trx);
          } catch (err) {
            await ROLLBACK_TO.execute(trx);
            await RELEASE.execute(trx);
            outcomes.push({ ok: false, value: err });
          }
        }
        durable?.beforeCommit();
        await trx.commit().execute();
      } catch (err) {
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw err;
      }
      // On the thread pool: requests go on meanwhile, read, and queue the next batch.
      await durable?.sync();
      batch.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)));
    } catch (err) {
      // The commit or its sync (durable-sqlite-driver.ts) failed: nobody of this batch hears "ok".
      for (const p of batch) p.reject(err);
    }
  }

  async function drain(): Promise<void> {
    flushing = true;
    try {
      while (queue.length) await flush();
    } finally {
      flushing = false;
    }
  }

  return {
    run<R>(unit: Unit<R>): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ unit: unit as Unit<unknown>, resolve: resolve as (v: unknown) => void, reject });
        // Let the requests already in this turn of the event loop join the same batch.
        if (!flushing) {
          flushing = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}

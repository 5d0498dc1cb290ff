import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { executePlan, planOutcome, type PlanResult, type WritePlan } from './write-plan.js';

/** One unit of work: its statements run inside a transaction and commit together. */
export type Unit<R> = (tx: Kysely<Database>) => Promise<R>;

export interface Committer {
  /** Resolves only after the unit's transaction has committed; rejects if the unit failed. */
  run<R>(unit: Unit<R>): Promise<R>;
  /** The same for a write given as data; resolves once committed (write-plan.ts). */
  apply(plan: WritePlan): Promise<PlanResult>;
}

/** A committer's `apply` for one that runs closures: the plan becomes a unit of its own. */
export const applyAsUnit =
  (run: Committer['run']) =>
  (plan: WritePlan): Promise<PlanResult> =>
    planOutcome(run((tx) => executePlan(tx, plan)));

/**
 * PostgreSQL, and the SQLite writer thread for everything but plans: a transaction per unit.
 * PostgreSQL commits concurrent connections in parallel.
 */
export function transactionPerUnit(db: Kysely<Database>): Committer {
  const run: Committer['run'] = (unit) => db.transaction().execute(unit);
  return { run, apply: applyAsUnit(run) };
}

const SAVEPOINT = sql`savepoint unit`;
const RELEASE = sql`release savepoint unit`;
const ROLLBACK_TO = sql`rollback to savepoint unit`;

interface Pending {
  unit: Unit<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * SQLite on the event loop (`:memory:` and `synchronous=full-inline`; files otherwise batch in
 * writer-worker.mjs, the same way): group commit. SQLite has one writer and a durable commit waits for an fsync, so a
 * transaction per request caps throughput at the disk's fsync rate. Units that arrive while a
 * batch is being written or synced join the next batch: one transaction, one fsync, each unit
 * inside its own savepoint – a unit that fails (a lost race, a constraint) is rolled back alone
 * and only its caller hears about it. Nobody is answered before the batch is committed and durable.
 */
export function groupCommitter(db: Kysely<Database>, maxBatch = 256): Committer {
  let queue: Pending[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
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
        await trx.commit().execute();
      } catch (err) {
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw err;
      }
      batch.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)));
    } catch (err) {
      // The commit failed: nobody of this batch hears "ok".
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

  const run: Committer['run'] = <R>(unit: Unit<R>) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ unit: unit as Unit<unknown>, resolve: resolve as (v: unknown) => void, reject });
      // Let the requests already in this turn of the event loop join the same batch.
      if (!flushing) {
        flushing = true;
        setImmediate(() => void drain());
      }
    });
  return { run, apply: applyAsUnit(run) };
}

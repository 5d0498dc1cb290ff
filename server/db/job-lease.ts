import { sql } from 'kysely';
import type { Db } from './connect.js';

export const BUSY = Symbol('busy');

/**
 * Runs a background job (retention, the handover outbox) unless another node is running the same
 * job right now. On PostgreSQL the lease is a transaction-scoped advisory lock: it needs no table,
 * and it ends with the transaction – also when the node holding it dies, as the connection drops.
 * SQLite is one node: the job always runs.
 */
export async function underLease<T>(db: Pick<Db, 'dialect' | 'kysely'>, job: string, run: () => Promise<T>): Promise<T | typeof BUSY> {
  if (db.dialect !== 'postgres') return run();
  return db.kysely.transaction().execute(async (trx) => {
    const { rows } = await sql<{ leased: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`vraagwijzer:${job}`})) as leased`.execute(
      trx,
    );
    return rows[0]?.leased ? run() : BUSY;
  });
}

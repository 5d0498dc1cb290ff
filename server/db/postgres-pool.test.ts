import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_MISSING, PG_URL, freshDatabase, type FreshDatabase } from '../testing/postgres.js';
import { connect } from './connect.js';

describe.skipIf(!PG_URL)(`the PostgreSQL pool${PG_URL ? '' : ` (${PG_MISSING})`}`, () => {
  let fresh: FreshDatabase;
  beforeAll(async () => (fresh = await freshDatabase()));
  afterAll(() => fresh?.drop());

  it('survives the server ending its idle connections (a restart, a failover): reported, then reconnected', async () => {
    const reported: string[] = [];
    const db = await connect(fresh.url, { poolMax: 2, onError: (message) => reported.push(message) });
    await sql`select 1`.execute(db.kysely);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const name = new URL(fresh.url).pathname.slice(1);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await admin.end();
    for (let i = 0; i < 100 && reported.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(reported[0]).toMatch(/idle PostgreSQL connection ended/);
    const { rows } = await sql<{ n: number }>`select 2 as n`.execute(db.kysely);
    expect(rows).toEqual([{ n: 2 }]);
    await db.close();
  });
});

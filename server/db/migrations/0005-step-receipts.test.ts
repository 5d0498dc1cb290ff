import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database as Schema } from '../schema.js';
import { migrationProvider } from './index.js';

let db: Kysely<Schema>;
let migrator: Migrator;
beforeEach(async () => {
  db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateTo('0004-coach-offline-walk');
  expect(error).toBeUndefined();
});
afterEach(() => db.destroy());

/** A response as session steps stored it before this migration: the whole state. */
const fullState = (i: number) =>
  JSON.stringify({
    id: `s${i}`,
    version: i % 7,
    tree: 'demo/start',
    locale: i % 2 ? 'en' : 'nl',
    step: { id: 'q' },
    trail: [],
    advice: [],
    done: false,
  });
const concernReceipt = JSON.stringify({ reference: 'VW-1', statusToken: 'tok' });
const rows = async () =>
  db.selectFrom('idempotency').select(['session_id', 'key', 'response']).orderBy('session_id').orderBy('key').execute();

describe('migration 0005: session steps keep receipts, not whole responses', () => {
  it('rewrites every stored step – across several pages of the table – and leaves concern receipts alone', async () => {
    // 1,201 steps: more than two of the migration's pages of 500; three keys per session, so a
    // session's keys straddle a page boundary.
    const steps = Array.from({ length: 1201 }, (_, i) => ({
      session_id: `s${Math.floor(i / 3)}`,
      key: `k${i}`,
      request_hash: 'h',
      status: 200,
      response: fullState(i),
      created_at: '2026-11-22T10:00:00.000Z',
    }));
    for (let i = 0; i < steps.length; i += 200)
      await db
        .insertInto('idempotency')
        .values(steps.slice(i, i + 200))
        .execute();
    const concern = { session_id: 'concern-intake', key: 'c1', request_hash: 'h', status: 201, response: concernReceipt, created_at: 'x' };
    await db.insertInto('idempotency').values(concern).execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const after = new Map((await rows()).map((r) => [r.key, r.response]));
    expect(after.size).toBe(1202);
    steps.forEach((s, i) => expect(JSON.parse(after.get(s.key)!)).toEqual({ version: i % 7, locale: i % 2 ? 'en' : 'nl' }));
    expect(after.get('c1')).toBe(concernReceipt);
  });

  it('down: drops the receipts older code cannot read, keeps concern receipts', async () => {
    await db
      .insertInto('idempotency')
      .values([
        { session_id: 's1', key: 'k1', request_hash: 'h', status: 200, response: fullState(1), created_at: 'x' },
        { session_id: 'concern-intake', key: 'c1', request_hash: 'h', status: 201, response: concernReceipt, created_at: 'x' },
      ])
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect((await migrator.migrateTo('0004-coach-offline-walk')).error).toBeUndefined();
    expect((await rows()).map((r) => r.key)).toEqual(['c1']);
  });
});

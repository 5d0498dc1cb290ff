import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableSqliteDialect } from './durable-sqlite-driver.js';
import { groupCommitter } from './group-commit.js';

interface Db {
  t: { v: string };
}

/** A sync the test completes by hand: every call is recorded and waits for `release`. */
function manualSync() {
  const waiting: { resolve(): void; reject(err: Error): void }[] = [];
  return {
    calls: () => waiting.length,
    sync: () => new Promise<void>((resolve, reject) => waiting.push({ resolve, reject })),
    release: (i: number) => waiting[i]!.resolve(),
    fail: (i: number, message: string) => waiting[i]!.reject(new Error(message)),
  };
}

const settled = async <T>(p: Promise<T>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 20));
  return done;
};

let database: BetterSqlite3.Database;
let disk: ReturnType<typeof manualSync>;
let dialect: DurableSqliteDialect;
let db: Kysely<Db>;
beforeEach(async () => {
  database = new BetterSqlite3(':memory:');
  database.exec('create table t (v text)');
  disk = manualSync();
  dialect = new DurableSqliteDialect({ database, sync: disk.sync, writes: (q) => !database.prepare(q).readonly });
  db = new Kysely<Db>({ dialect });
});
afterEach(() => db.destroy());

describe('durable SQLite driver (synchronous=NORMAL plus a WAL sync)', () => {
  it('a transaction resolves only after the sync that follows its COMMIT; its statements cost no sync of their own', async () => {
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'a' }).execute();
      await trx.insertInto('t').values({ v: 'b' }).execute();
    });
    expect(await settled(tx)).toBe(false);
    expect(disk.calls()).toBe(1);
    // Committed – visible – but not acknowledged until the disk says so.
    expect(database.prepare('select count(*) as n from t').get()).toEqual({ n: 2 });
    disk.release(0);
    await tx;
  });

  it('a write outside a transaction waits for the sync too; a read does not sync', async () => {
    await db.selectFrom('t').selectAll().execute();
    expect(disk.calls()).toBe(0);
    const insert = db.insertInto('t').values({ v: 'c' }).execute();
    expect(await settled(insert)).toBe(false);
    expect(disk.calls()).toBe(1);
    disk.release(0);
    await insert;
  });

  it('a failed sync fails the write that waited for it, and later writes still sync', async () => {
    const first = db.transaction().execute((trx) => trx.insertInto('t').values({ v: 'd' }).execute());
    await new Promise((r) => setTimeout(r, 5));
    disk.fail(0, 'disk gone');
    await expect(first).rejects.toThrow('disk gone');
    const next = db.insertInto('t').values({ v: 'e' }).execute();
    await new Promise((r) => setTimeout(r, 5));
    expect(disk.calls()).toBe(2);
    disk.release(1);
    await next;
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n).toBe(2);
  });

  it('a group-commit batch is answered after its sync, and reads go on while the disk syncs', async () => {
    // The casts: the committer is typed for the app's schema; this test's table is its own.
    const committer = groupCommitter(db as never, { durable: { beforeCommit: () => dialect.syncAfterRelease(), sync: disk.sync } });
    const unit = committer.run((tx) => (tx as unknown as Kysely<Db>).insertInto('t').values({ v: 'f' }).execute());
    expect(await settled(unit)).toBe(false);
    expect(disk.calls()).toBe(1); // one sync for the batch, none inside its COMMIT
    // The connection is free while the disk works: a read is served at once.
    expect(await db.selectFrom('t').select('v').execute()).toEqual([{ v: 'f' }]);
    expect(await settled(unit)).toBe(false);
    disk.release(0);
    await unit;
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Db } from './connect.js';
import { walSync } from './wal-sync.js';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vw-wal-'));
  db = await connect(`sqlite:${join(dir, 'x.db')}`);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      db.committer.run((tx) =>
        tx
          .insertInto('tree_versions')
          .values({ hash: `h${i}`, gemeente: 'g', bundle: 'x'.repeat(2000), created_at: 'now' })
          .execute(),
      ),
    ),
  );

describe('SQLite file mode: WAL sync and checkpoints off the event loop', () => {
  it('SQLite itself never checkpoints on commit; the worker copies the WAL into the database file', async () => {
    const { sql } = await import('kysely');
    const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely);
    expect(auto.rows[0]!.wal_autocheckpoint).toBe(0);
    const before = statSync(join(dir, 'x.db')).size;
    await write(300);
    const result = await db.checkpoint!();
    expect(result.log).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.log);
    expect(statSync(join(dir, 'x.db')).size).toBeGreaterThan(before + 300 * 2000);
  });

  it('the WAL sync reports a WAL that cannot be synced instead of pretending', async () => {
    await expect(walSync(join(dir, 'missing.db')).sync()).rejects.toThrow(/write-ahead log could not be made durable.*ENOENT/);
    await write(1);
    await expect(walSync(join(dir, 'x.db')).sync()).resolves.toBeUndefined();
  });
});

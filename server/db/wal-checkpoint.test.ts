import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Db } from './connect.js';
import { startCheckpointer } from './checkpointer.js';
import { walSync } from './wal-sync.mjs';

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

describe('SQLite file mode: WAL sync and checkpoints in worker threads', () => {
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
    const wal = walSync(join(dir, 'x.db'));
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });

  // How large the log grows under steady writes with and without the restart is a measurement of a
  // busy second: `npm run bench wal`. The restart's handshake is tested in writer-thread.test.ts.

  it('a checkpoint worker that cannot run says so and hands checkpoints back', async () => {
    const errors: string[] = [];
    const gone = new Promise<void>((done) =>
      startCheckpointer(join(dir, 'no-such-folder', 'x.db'), {
        onError: (m) => errors.push(m),
        onExit: done,
        intervalMs: 10,
      }),
    );
    await gone;
    expect(errors.join(' ')).toMatch(/directory does not exist|unable to open/i);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from './unique-violation.js';
import { startSqliteWriter, type SqliteWriter } from './writer-thread.js';
import type { WritePlan } from './write-plan.js';

interface T {
  t: { v: string };
}

/** The test's side of held-wal-sync.mjs: sees each sync the writer thread starts, ends it by hand. */
function heldDisk() {
  const channel = new BroadcastChannel('held-wal-sync');
  const calls: number[] = [];
  channel.onmessage = (e: MessageEvent) => calls.push((e.data as { called: number }).called);
  return {
    calls: () => calls.length,
    async started(n: number) {
      while (calls.length < n) await new Promise((r) => setTimeout(r, 2));
    },
    release: (call: number) => channel.postMessage({ call }),
    fail: (call: number, message: string) => channel.postMessage({ call, fail: message }),
    close: () => channel.close(),
  };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 30));
  return done;
};

let dir: string;
let writer: SqliteWriter;
let db: Kysely<T>;
let disk: ReturnType<typeof heldDisk>;

/** What the writer reported as its end (onError). */
let lost: string[];
async function open(options: { sync: boolean; checkpointer?: MessagePort; catchUpLimitMs?: number; onSlowCatchUp?: (m: string) => void }) {
  lost = [];
  writer = await startSqliteWriter(join(dir, 'x.db'), {
    ...options,
    onError: (message) => lost.push(message),
    walSync: new URL('../testing/held-wal-sync.mjs', import.meta.url),
  });
  db = new Kysely<T>({ dialect: writer.dialect });
}

const insert = (v: string): WritePlan => ({ statements: [{ query: db.insertInto('t').values({ v }).compile() }] });
const rows = async () => (await db.selectFrom('t').select('v').orderBy('v').execute()).map((r) => r.v);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vw-writer-'));
  disk = heldDisk();
});
afterEach(async () => {
  await writer?.close();
  disk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite writer thread: durable writes', () => {
  beforeEach(async () => {
    await open({ sync: true });
    const created = sql`create table t (v text primary key)`.execute(db);
    await disk.started(1);
    disk.release(0);
    await created;
  });

  it('a transaction is answered only after the sync that follows its COMMIT; reads go on meanwhile', async () => {
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'a' }).execute();
      await trx.insertInto('t').values({ v: 'b' }).execute();
    });
    await disk.started(2);
    expect(await settled(tx)).toBe(false);
    // Committed – visible – but not acknowledged until the disk says so.
    expect(await rows()).toEqual(['a', 'b']);
    disk.release(1);
    await tx;
    expect(disk.calls()).toBe(2);
  });

  it('reports its timings since it was last asked – syncs and batches, how many, how long – and then counts anew', async () => {
    expect((await writer.stats()).walSync.count).toBe(1); // the table's creation
    const write = writer.apply(insert('slow'));
    await disk.started(2);
    await new Promise((r) => setTimeout(r, 60));
    disk.release(1);
    await write;
    const { walSync, batches, catchUps } = await writer.stats();
    expect(walSync.count).toBe(1);
    expect(walSync.maxMs).toBeGreaterThanOrEqual(55);
    expect(walSync.p99Ms).toBe(walSync.maxMs);
    // The batch took its sync and more.
    expect(batches.count).toBe(1);
    expect(batches.maxMs).toBeGreaterThanOrEqual(walSync.maxMs!);
    expect(catchUps).toEqual({ count: 0 });
    expect(await writer.stats()).toEqual({ walSync: { count: 0 }, batches: { count: 0 }, catchUps: { count: 0 } });
  });

  it('a write outside a transaction waits for its sync; a read costs none', async () => {
    await rows();
    expect(disk.calls()).toBe(1);
    const write = db.insertInto('t').values({ v: 'c' }).execute();
    await disk.started(2);
    expect(await settled(write)).toBe(false);
    disk.release(1);
    await write;
  });

  // After a writeback error the kernel may have dropped the pages the failed fdatasync covered; a
  // later sync that succeeds would report them saved. Crash-only: the thread stops, the server too.
  it('a failed sync fails what waited for it and stops the thread: nothing later is written, synced or acknowledged', async () => {
    const first = db.insertInto('t').values({ v: 'd' }).execute();
    await disk.started(2);
    // A plan that arrives while the failing sync is under way waits for the next batch.
    const queued = writer.apply(insert('queued'));
    disk.fail(1, 'disk gone');
    await expect(first).rejects.toThrow('disk gone');
    await expect(queued).rejects.toThrow(/disk gone|writer thread has stopped/);
    await expect(db.insertInto('t').values({ v: 'e' }).execute()).rejects.toThrow(/writer thread has stopped: .*disk gone/);
    await expect(writer.apply(insert('f'))).rejects.toThrow(/writer thread has stopped/);
    await expect(writer.durable()).rejects.toThrow(/writer thread has stopped/);
    expect(disk.calls()).toBe(2);
    expect(lost).toEqual([expect.stringMatching(/writer thread has stopped: disk gone.*restart the server/)]);
  });

  it('a failed sync seen by durable() stops the thread as well', async () => {
    const write = writer.apply(insert('g'));
    await disk.started(2);
    const durable = writer.durable();
    await disk.started(3);
    disk.fail(2, 'EIO on sync');
    await expect(durable).rejects.toThrow('EIO on sync');
    disk.release(1);
    await expect(write).rejects.toThrow(/writer thread has stopped|EIO on sync/);
    await expect(rows()).rejects.toThrow(/writer thread has stopped: .*EIO on sync/);
    expect(lost).toHaveLength(1);
  });

  it('plans are group-committed: one sync for the batch, every answer after it; a failed guard or a taken key undoes only its own plan', async () => {
    const guardFails: WritePlan = {
      statements: [
        { query: db.insertInto('t').values({ v: 'z' }).compile() },
        { query: db.updateTable('t').set({ v: 'q' }).where('v', '=', 'nobody').compile(), guard: 'one-row' },
      ],
    };
    const results = Promise.all([insert('x'), insert('x'), guardFails, insert('w')].map((p) => writer.apply(p)));
    await disk.started(2);
    expect(await settled(results)).toBe(false);
    expect(disk.calls()).toBe(2);
    disk.release(1);
    expect(await results).toEqual(['ok', 'conflict', 'conflict', 'ok']);
    expect(await rows()).toEqual(['w', 'x']);
  });

  it('durable() waits for a commit whose sync is under way, and resolves at once when there is none', async () => {
    await expect(settled(writer.durable())).resolves.toBe(true);
    const write = writer.apply(insert('y'));
    await disk.started(2);
    // A reader already sees the row; durable() makes it wait for a sync of its own.
    expect(await rows()).toEqual(['y']);
    const durable = writer.durable();
    await disk.started(3);
    expect(await settled(durable)).toBe(false);
    disk.release(2);
    await durable;
    disk.release(1);
    await write;
  });

  it('an error keeps its code across the thread: a taken key is recognisably a lost race', async () => {
    const write = db.insertInto('t').values({ v: 'k' }).execute();
    await disk.started(2);
    disk.release(1);
    await write;
    const again = await db
      .insertInto('t')
      .values({ v: 'k' })
      .execute()
      .catch((err: unknown) => err);
    expect(isUniqueViolation(again)).toBe(true);
    expect((again as Error).message).toMatch(/UNIQUE constraint failed: t.v/);
  });
});

describe('the SQLite writer thread: one connection shared fairly', () => {
  beforeEach(async () => {
    await open({ sync: false });
    await sql`create table t (v text primary key)`.execute(db);
  });

  it('an open transaction holds everyone else back – reads and plans – until it ends', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((done) => (release = done));
    let inside = () => undefined as void;
    const opened = new Promise<void>((done) => (inside = done));
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'in-tx' }).execute();
      inside();
      await gate;
    });
    await opened;
    const read = rows();
    const plan = writer.apply(insert('plan'));
    expect(await settled(Promise.race([read, plan]))).toBe(false);
    release();
    await tx;
    // The read ran after the commit, never inside the transaction.
    expect(await read).toEqual(['in-tx']);
    expect(await plan).toBe('ok');
  });

  it('a transaction that fails is rolled back, and the others go on', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'gone' }).execute();
      throw new Error('boom');
    });
    const read = rows();
    await expect(failing).rejects.toThrow('boom');
    expect(await read).toEqual([]);
  });

  /**
   * Reopens the writer with the test as its checkpoint worker (what it was asked: `asked`), and
   * tells it a WAL restart is due.
   */
  async function withCheckpointer(options: { catchUpLimitMs?: number; onSlowCatchUp?: (m: string) => void } = {}) {
    await writer.close();
    const channel = new MessageChannel();
    await open({ sync: false, checkpointer: channel.port1, ...options });
    const asked: unknown[] = [];
    channel.port2.on('message', (m) => asked.push(m));
    const restartDue = async () => {
      channel.port2.postMessage('restart-due');
      await new Promise((r) => setTimeout(r, 10));
    };
    await restartDue();
    return { port: channel.port2, asked, restartDue };
  }

  it('the WAL restart: the next batch waits for the catch-up, but not for a checkpoint worker that has gone', async () => {
    const { port, asked, restartDue } = await withCheckpointer();
    const first = writer.apply(insert('1'));
    expect(await settled(first)).toBe(false);
    expect(asked).toEqual(['catch-up']);
    port.postMessage('caught-up');
    expect(await first).toBe('ok');
    await restartDue();
    port.close();
    expect(await writer.apply(insert('2'))).toBe('ok');
  });

  it('the WAL restart: a catch-up that does not finish in time holds the batch back no longer, and says so', async () => {
    const notices: string[] = [];
    const { port, asked, restartDue } = await withCheckpointer({ catchUpLimitMs: 300, onSlowCatchUp: (m) => notices.push(m) });
    const first = writer.apply(insert('1'));
    // Waiting, as it should, within the limit...
    expect(await settled(first)).toBe(false);
    expect(asked).toEqual(['catch-up']);
    // ...and written once it has passed, though the checkpointer never answered.
    expect(await first).toBe('ok');
    expect(await rows()).toEqual(['1']);
    expect(notices).toEqual([expect.stringMatching(/took longer than 300 ms; answers were written without waiting/)]);
    // A late answer from the checkpointer changes nothing; the next restart is waited for again.
    port.postMessage('caught-up');
    await restartDue();
    const second = writer.apply(insert('2'));
    expect(await settled(second)).toBe(false);
    port.postMessage('caught-up');
    expect(await second).toBe('ok');
    expect(notices).toHaveLength(1);
    port.close();
  });

  it('once the thread has stopped, every call fails at once and says why', async () => {
    await writer.close();
    await expect(rows()).rejects.toThrow(/writer thread has stopped/);
    await expect(writer.apply(insert('late'))).rejects.toThrow(/writer thread has stopped/);
  });

  it('a thread that dies unasked is reported once, fails what was waiting, and every later call', async () => {
    await writer.close();
    const lost: string[] = [];
    writer = await startSqliteWriter(join(dir, 'dying.db'), {
      sync: true,
      onError: (message) => lost.push(message),
      walSync: new URL('../testing/dying-wal-sync.mjs', import.meta.url),
    });
    db = new Kysely<T>({ dialect: writer.dialect });
    await expect(sql`create table t (v text)`.execute(db)).rejects.toThrow(/writer thread has stopped \(exit code 3\)/);
    await expect(rows()).rejects.toThrow(/writer thread has stopped/);
    expect(lost).toEqual([expect.stringMatching(/writer thread has stopped \(exit code 3\); the database cannot be reached/)]);
  });
});

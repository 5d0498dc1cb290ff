import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_MISSING, PG_URL, freshDatabase, type FreshDatabase } from '../testing/postgres.js';
import { connect, type Db } from './connect.js';
import { BUSY, underLease } from './job-lease.js';

describe('job lease on SQLite (one node)', () => {
  it('always runs the job', async () => {
    const db = await connect('sqlite::memory:');
    expect(await underLease(db, 'retention', async () => 'ran')).toBe('ran');
    await db.close();
  });
});

describe.skipIf(!PG_URL)(`job lease across two nodes on one PostgreSQL${PG_URL ? '' : ` (${PG_MISSING})`}`, () => {
  let fresh: FreshDatabase;
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    fresh = await freshDatabase();
    a = await connect(fresh.url, { poolMax: 3 });
    b = await connect(fresh.url, { poolMax: 3 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fresh?.drop();
  });

  it('while one node runs a job the other skips it; once it is done, either may run it again', async () => {
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    let started!: () => void;
    const running = new Promise<void>((done) => (started = done));
    const first = underLease(a, 'retention', async () => {
      started();
      await held;
      return 'a ran';
    });
    await running;
    expect(await underLease(b, 'retention', async () => 'b ran')).toBe(BUSY);
    // Another job is not held up by this one.
    expect(await underLease(b, 'handover-outbox', async () => 'b ran')).toBe('b ran');
    release();
    expect(await first).toBe('a ran');
    expect(await underLease(b, 'retention', async () => 'b ran')).toBe('b ran');
  });

  it('a job that fails gives the lease back', async () => {
    await expect(underLease(a, 'retention', async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await underLease(b, 'retention', async () => 'b ran')).toBe('b ran');
  });
});

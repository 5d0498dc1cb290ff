import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Db } from './connect.js';
import { isUniqueViolation } from './unique-violation.js';

let db: Db;
beforeEach(async () => (db = await connect('sqlite::memory:')));
afterEach(() => db.close());

const insert = (hash: string) => (tx: Db['kysely']) =>
  tx
    .insertInto('tree_versions')
    .values({ hash, gemeente: 'g', bundle: '{}', created_at: 'now' })
    .execute()
    .then(() => hash);
const count = async () =>
  Number(
    (
      await db.kysely
        .selectFrom('tree_versions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('group commit (SQLite)', () => {
  it('commits concurrent units together; a failing unit is rolled back alone and only its caller sees the error', async () => {
    const results = await Promise.allSettled([insert('a'), insert('b'), insert('a'), insert('c')].map((u) => db.committer.run(u)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(isUniqueViolation((results[2] as PromiseRejectedResult).reason)).toBe(true);
    expect(await count()).toBe(3);
  });

  it('a unit that writes several rows and then fails leaves none of them', async () => {
    const failing = db.committer.run(async (tx) => {
      await insert('x')(tx);
      await insert('y')(tx);
      throw new Error('boom');
    });
    const fine = db.committer.run(insert('z'));
    await expect(failing).rejects.toThrow('boom');
    await expect(fine).resolves.toBe('z');
    expect(await db.kysely.selectFrom('tree_versions').select('hash').execute()).toEqual([{ hash: 'z' }]);
  });

  it('units queued while a batch is written go into the next batch', async () => {
    const first = db.committer.run(insert('1'));
    await first;
    const later = await Promise.all(['2', '3'].map((h) => db.committer.run(insert(h))));
    expect(later).toEqual(['2', '3']);
    expect(await count()).toBe(3);
  });
});

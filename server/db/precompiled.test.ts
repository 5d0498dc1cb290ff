import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Db } from './connect.js';
import { precompile } from './precompiled.js';

let db: Db;
beforeEach(async () => (db = await connect('sqlite::memory:')));
afterEach(() => db.close());

describe('precompile', () => {
  it('runs the compiled SQL with new values each time, keeping constants the builder wrote', async () => {
    const insert = precompile(2, (hash, bundle) =>
      db.kysely.insertInto('tree_versions').values({ hash, gemeente: 'haarlem', bundle, created_at: 'vandaag' }),
    );
    const byGemeente = precompile(1, (hash) =>
      db.kysely.selectFrom('tree_versions').select(['hash', 'bundle']).where('gemeente', '=', 'haarlem').where('hash', '=', hash),
    );
    await insert(db.kysely, 'a', '{"a":1}');
    await insert(db.kysely, 'b', '{"b":2}');
    expect((await byGemeente(db.kysely, 'b')).rows).toEqual([{ hash: 'b', bundle: '{"b":2}' }]);
    const all = await db.kysely.selectFrom('tree_versions').select(['hash', 'gemeente', 'created_at']).orderBy('hash').execute();
    expect(all).toEqual([
      { hash: 'a', gemeente: 'haarlem', created_at: 'vandaag' },
      { hash: 'b', gemeente: 'haarlem', created_at: 'vandaag' },
    ]);
  });

  it('refuses a builder that leaves a value unused, and a call with the wrong number of values', () => {
    expect(() => precompile(2, (hash) => db.kysely.selectFrom('tree_versions').selectAll().where('hash', '=', hash))).toThrow(
      /1 of 2 values are not used/,
    );
    const one = precompile(1, (hash) => db.kysely.selectFrom('tree_versions').selectAll().where('hash', '=', hash));
    expect(() => one(db.kysely, 'a', 'b')).toThrow(/expected 1 values, got 2/);
  });
});

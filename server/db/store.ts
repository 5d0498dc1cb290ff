import { sql } from 'kysely';
import { concernRepo } from './concern-repo.js';
import type { Db } from './connect.js';
import { retentionRepo } from './retention-repo.js';
import { sessionRepo } from './session-repo.js';
import { treeRepo } from './tree-repo.js';

/** The one storage layer the app sees, whatever the dialect underneath. */
export function createStore(db: Db) {
  return {
    dialect: db.dialect,
    sessions: sessionRepo(db.kysely, db.committer, db.durable),
    concerns: concernRepo(db.kysely, db.committer),
    trees: treeRepo(db.kysely),
    retention: retentionRepo(db.kysely),
    async ping(): Promise<boolean> {
      await sql`select 1`.execute(db.kysely);
      return true;
    },
    close: () => db.close(),
  };
}

export type Store = ReturnType<typeof createStore>;

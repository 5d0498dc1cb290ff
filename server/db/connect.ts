import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { groupCommitter, transactionPerUnit, type Committer } from './group-commit.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** How writes that must be durable before a 2xx are committed (see group-commit.ts). */
  committer: Committer;
  close(): Promise<void>;
}

/**
 * `sqlite:./data/x.db` (file, created with its folder), `sqlite::memory:`, or
 * `postgres://user:pass@host/db`. Migrations run before the first query.
 */
export async function connect(url: string, options: { poolMax?: number } = {}): Promise<Db> {
  const db = url.startsWith('sqlite:') ? sqlite(url.slice('sqlite:'.length)) : postgres(url, options.poolMax);
  await migrate(db.kysely);
  return db;
}

/**
 * `sqlite:<path>[?synchronous=normal]`. FULL (default) syncs the WAL on every commit: an
 * acknowledged answer survives a power cut, not only a crash. NORMAL survives a crash of the
 * process (SIGKILL) but may lose the last commits on a power cut; choose it knowingly.
 */
function sqlite(spec: string): Db {
  const [path = '', query = ''] = spec.split('?');
  const synchronous = new URLSearchParams(query).get('synchronous')?.toUpperCase() ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
    throw new Error(`synchronous=${synchronous} is not supported; use full (default) or normal.`);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma('busy_timeout = 5000');
  // Kysely prepares every query anew; the same few statements run thousands of times a second.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const cached = {
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (!stmt) {
        if (statements.size >= 500) statements.clear();
        stmt = database.prepare(sql);
        statements.set(sql, stmt);
      }
      return stmt;
    },
    close: () => database.close(),
  };
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return { kysely, dialect: 'sqlite', committer: groupCommitter(kysely), close: () => kysely.destroy() };
}

function postgres(url: string, poolMax = 10): Db {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL "${url.replace(/:[^:@/]*@/, ':***@')}" is neither sqlite:<path> nor postgres://…`);
  }
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', committer: transactionPerUnit(kysely), close: () => kysely.destroy() };
}

async function migrate(kysely: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db: kysely, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Database migration${failed ? ` ${failed.migrationName}` : ''} failed: ${(error as Error).message}`);
}

/** True for a primary-key or unique violation in either dialect: the signal of a lost race. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

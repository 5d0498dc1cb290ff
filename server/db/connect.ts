import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { startCheckpointer, type CheckpointResult } from './checkpointer.js';
import { DurableSqliteDialect } from './durable-sqlite-driver.js';
import { groupCommitter, transactionPerUnit, type Committer } from './group-commit.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { walSync } from './wal-sync.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** How writes that must be durable before a 2xx are committed (see group-commit.ts). */
  committer: Committer;
  /** SQLite files only: a WAL checkpoint now (they also run every 200 ms off the event loop). */
  checkpoint?: () => Promise<CheckpointResult>;
  /**
   * Resolves once every write committed so far would survive a power cut. A reader may see a
   * commit before its writer has been told it is durable (durable-sqlite-driver.ts); a response
   * stored for an idempotent request must not go out again – to a retry, as "saved" – before then.
   */
  durable(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `sqlite:./data/x.db` (file, created with its folder), `sqlite::memory:`, or
 * `postgres://user:pass@host/db`. Migrations run before the first query.
 */
export interface ConnectOptions {
  poolMax?: number;
  /** Background work that failed (a WAL checkpoint); it is retried. */
  onError?: (message: string) => void;
  /** SQLite files: how often the worker checkpoints, and from what WAL size the log restarts. */
  checkpoints?: { intervalMs?: number; restartFrames?: number };
}

export async function connect(url: string, options: ConnectOptions = {}): Promise<Db> {
  const onError = options.onError ?? ((message: string) => console.error(`Database background work failed: ${message}`));
  const db = url.startsWith('sqlite:') ? sqlite(url.slice('sqlite:'.length), onError, options.checkpoints) : postgres(url, options.poolMax);
  await migrate(db.kysely);
  return db;
}

/**
 * `sqlite:<path>[?synchronous=full|normal|full-inline]`.
 * - full (default): an acknowledged write survives a power cut, not only a crash. SQLite runs with
 *   synchronous=NORMAL and the driver fdatasyncs the WAL after every COMMIT and every write outside
 *   a transaction, on the thread pool, before the write resolves (durable-sqlite-driver.ts,
 *   wal-sync.ts); the group committer makes that one sync per batch, once its connection is free
 *   again. Checkpoints run in a worker (checkpointer.ts).
 * - full-inline: plain SQLite synchronous=FULL with automatic checkpoints, every fsync inside
 *   COMMIT on the event loop. Equally durable, slower under load; kept to compare against.
 * - normal: survives a crash of the process (SIGKILL) but may lose the last commits on a power
 *   cut; choose it knowingly.
 */
function sqlite(spec: string, onError: (message: string) => void, checkpoints: ConnectOptions['checkpoints']): Db {
  const [path = '', query = ''] = spec.split('?');
  const mode = new URLSearchParams(query).get('synchronous')?.toLowerCase() ?? 'full';
  if (mode !== 'full' && mode !== 'normal' && mode !== 'full-inline')
    throw new Error(`synchronous=${mode} is not supported; use full (default), normal or full-inline.`);
  const file = path !== ':memory:';
  if (file) mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${mode === 'full-inline' ? 'FULL' : 'NORMAL'}`);
  database.pragma('busy_timeout = 5000');
  const offLoop = file && mode !== 'full-inline';
  if (offLoop) {
    database.pragma('wal_autocheckpoint = 0');
    // When the checkpointer starts the log over, the file shrinks back to this size.
    database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  }
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
  const wal = offLoop && mode === 'full' ? walSync(path) : undefined;
  const durableDialect = wal && new DurableSqliteDialect({ database: cached, sync: wal.sync, writes: (sql) => mayWrite(cached, sql) });
  const kysely = new Kysely<Database>({ dialect: durableDialect ?? new SqliteDialect({ database: cached }) });
  const checkpointer = offLoop
    ? startCheckpointer(path, {
        ...checkpoints,
        onError,
        onExit: () => {
          onError('The checkpoint worker stopped; SQLite checkpoints on commit again.');
          database.pragma('wal_autocheckpoint = 1000');
        },
      })
    : undefined;
  return {
    kysely,
    dialect: 'sqlite',
    committer: groupCommitter(kysely, {
      ...(checkpointer ? { between: () => checkpointer.catchUpIfDue() } : {}),
      ...(wal && durableDialect ? { durable: { beforeCommit: () => durableDialect.syncAfterRelease(), sync: wal.sync } } : {}),
    }),
    checkpoint: checkpointer && (() => checkpointer.checkpoint()),
    // Without the WAL sync, a commit is as durable as it will get once it is visible: FULL syncs
    // inside COMMIT, NORMAL is not power-cut-safe by choice, and :memory: never is.
    durable: wal ? wal.sync : alreadyDurable,
    async close() {
      // The worker's connection closes first: the last connection to close checkpoints fully.
      await checkpointer?.stop();
      await kysely.destroy();
      await wal?.close();
    },
  };
}

/** Db.durable where a visible commit is as durable as it will get. */
const alreadyDurable = async (): Promise<void> => undefined;

/** better-sqlite3 knows whether a prepared statement writes; one it cannot prepare counts as a write. */
function mayWrite(statements: { prepare(sql: string): BetterSqlite3.Statement }, sql: string): boolean {
  try {
    return !statements.prepare(sql).readonly;
  } catch {
    return true;
  }
}

function postgres(url: string, poolMax = 10): Db {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL "${url.replace(/:[^:@/]*@/, ':***@')}" is neither sqlite:<path> nor postgres://…`);
  }
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // PostgreSQL makes a commit visible only after its WAL flush: whatever a reader sees is durable.
  return { kysely, dialect: 'postgres', committer: transactionPerUnit(kysely), durable: alreadyDurable, close: () => kysely.destroy() };
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

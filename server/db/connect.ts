import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { MessageChannel } from 'node:worker_threads';
import pg from 'pg';
import { startCheckpointer } from './checkpointer.js';
import { groupCommitter, transactionPerUnit, type Committer } from './group-commit.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import type { CheckpointResult } from './worker-protocol.js';
import { statementCache } from './statement-cache.mjs';
import { startSqliteWriter, type WriterStats } from './writer-thread.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** How writes that must be durable before a 2xx are committed (see group-commit.ts). */
  committer: Committer;
  /** SQLite files only: a WAL checkpoint now (they also run every 200 ms in a worker). */
  checkpoint?: () => Promise<CheckpointResult>;
  /**
   * Resolves once every write committed so far would survive a power cut. A reader may see a
   * commit before its writer has been told it is durable (writer-worker.mjs syncs after COMMIT,
   * while reads go on); a response
   * stored for an idempotent request must not go out again – to a retry, as "saved" – before then.
   */
  durable(): Promise<void>;
  /** SQLite files in the writer thread only: its timings since the last call (diagnostics). */
  writerStats?: () => Promise<WriterStats>;
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
  /** SQLite files: the writer thread stopped unasked; every query fails from now on. */
  onLost?: (message: string) => void;
  /** SQLite files: how often the worker checkpoints, and from what WAL size the log restarts. */
  checkpoints?: { intervalMs?: number; restartFrames?: number };
}

export async function connect(url: string, options: ConnectOptions = {}): Promise<Db> {
  const onError = options.onError ?? ((message: string) => console.error(`Database background work failed: ${message}`));
  const onLost = options.onLost ?? ((message: string) => console.error(message));
  const db = url.startsWith('sqlite:')
    ? await sqlite(url.slice('sqlite:'.length), { onError, onLost }, options.checkpoints)
    : postgres(url, options.poolMax, onError);
  try {
    await migrate(db.kysely);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/**
 * `sqlite:<path>[?synchronous=full|normal|full-inline]`.
 * - full (default): an acknowledged write survives a power cut, not only a crash. A database file
 *   is served from a worker thread (writer-thread.ts): SQLite runs with synchronous=NORMAL and the
 *   thread fdatasyncs the WAL after every commit, before anyone hears of it; answers are group-
 *   committed there, one sync per batch. Checkpoints run in a second worker (checkpointer.ts).
 * - normal: the same without the sync. Survives a crash of the process (SIGKILL) but may lose the
 *   last commits on a power cut; choose it knowingly.
 * - full-inline: plain SQLite synchronous=FULL on the event loop, with automatic checkpoints. Equally
 *   durable, slower under load; kept to compare against. `:memory:` also runs on the event loop.
 */
async function sqlite(
  spec: string,
  { onError, onLost }: Required<Pick<ConnectOptions, 'onError' | 'onLost'>>,
  checkpoints: ConnectOptions['checkpoints'],
): Promise<Db> {
  const [path = '', query = ''] = spec.split('?');
  const mode = new URLSearchParams(query).get('synchronous')?.toLowerCase() ?? 'full';
  if (mode !== 'full' && mode !== 'normal' && mode !== 'full-inline')
    throw new Error(`synchronous=${mode} is not supported; use full (default), normal or full-inline.`);
  if (path === ':memory:' || mode === 'full-inline') return sqliteOnEventLoop(path, mode === 'full-inline');
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const channel = new MessageChannel();
  const writer = await startSqliteWriter(path, {
    sync: mode === 'full',
    checkpointer: channel.port1,
    onError: onLost,
    onSlowCatchUp: onError,
  });
  const kysely = new Kysely<Database>({ dialect: writer.dialect });
  const checkpointer = startCheckpointer(path, {
    ...checkpoints,
    writer: channel.port2,
    onError,
    onExit: () => {
      onError('The checkpoint worker stopped; SQLite checkpoints on commit again.');
      writer.autocheckpoint(1000);
    },
  });
  return {
    kysely,
    dialect: 'sqlite',
    // Plans are group-committed in the thread; any other unit is a transaction of its own there.
    committer: { ...transactionPerUnit(kysely), apply: writer.apply },
    checkpoint: () => checkpointer.checkpoint(),
    durable: () => writer.durable(),
    writerStats: () => writer.stats(),
    async close() {
      // The writer's connection closes last: the last connection to close checkpoints fully.
      await checkpointer.stop();
      await writer.close();
    },
  };
}

function sqliteOnEventLoop(path: string, file: boolean): Db {
  if (file) mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  const cached = { ...statementCache(database), close: () => database.close() };
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return {
    kysely,
    dialect: 'sqlite',
    committer: groupCommitter(kysely),
    // FULL syncs inside COMMIT, and :memory: is never durable: a visible commit is as durable as it gets.
    durable: alreadyDurable,
    close: () => kysely.destroy(),
  };
}

/** Db.durable where a visible commit is as durable as it will get. */
const alreadyDurable = async (): Promise<void> => undefined;

function postgres(url: string, poolMax: number | undefined, onError: (message: string) => void): Db {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL "${url.replace(/:[^:@/]*@/, ':***@')}" is neither sqlite:<path> nor postgres://…`);
  }
  const pool = new pg.Pool({ connectionString: url, max: poolMax ?? 10 });
  // An idle connection the server ends (a restart, a failover, pg_terminate_backend) is an 'error'
  // on the pool; unheard, it would stop the process. The pool makes a new connection when needed.
  pool.on('error', (err) => onError(`an idle PostgreSQL connection ended: ${err.message}`));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // PostgreSQL makes a commit visible only after its WAL flush: whatever a reader sees is durable.
  return { kysely, dialect: 'postgres', committer: transactionPerUnit(kysely), durable: alreadyDurable, close: () => kysely.destroy() };
}

async function migrate(kysely: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db: kysely, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Database migration${failed ? ` ${failed.migrationName}` : ''} failed: ${(error as Error).message}`);
}

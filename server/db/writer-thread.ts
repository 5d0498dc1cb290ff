import { Worker, type MessagePort } from 'node:worker_threads';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { WriterData, WriterMessage, WriterReply, WriterRequest } from './worker-protocol.js';
import { conflictIfLostRace, type PlanResult, type WritePlan } from './write-plan.js';

export interface WriterOptions {
  /** fdatasync the WAL after every commit, before anyone hears of it (synchronous=full). */
  sync: boolean;
  /** The checkpoint worker's end of a channel for the WAL restart (checkpointer.ts). */
  checkpointer?: MessagePort;
  /**
   * The thread stopped without being asked to – it crashed, or a WAL sync failed and it stopped
   * itself (crash-only); every query fails from then on.
   */
  onError(message: string): void;
  maxBatch?: number;
  /** The module that syncs the WAL, for tests that hold syncs back (default wal-sync.mjs). */
  walSync?: URL;
  /** How long a batch waits for the WAL catch-up before it is written without the restart. */
  catchUpLimitMs?: number;
  /** A catch-up took longer than that: the log was not started over this time. */
  onSlowCatchUp?(message: string): void;
}

export interface SqliteWriter {
  /** Kysely over the writer thread's connection: every query and transaction runs there. */
  dialect: Dialect;
  /** Group-committed in the thread; resolves once the batch is committed and synced. */
  apply(plan: WritePlan): Promise<PlanResult>;
  /** Resolves once every commit so far is durable (see Db.durable). */
  durable(): Promise<void>;
  /** SQLite's own checkpoints, for when the checkpoint worker has gone. */
  autocheckpoint(pages: number): void;
  /** Timings in the thread since the last call (diagnostics). */
  stats(): Promise<WriterStats>;
  /** Waits for queued plans and open transactions, then closes the connection and the thread. */
  close(): Promise<void>;
}

/** How often something happened over a stretch of time, and how long it took (absent if never). */
export interface Timing {
  count: number;
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
}

/**
 * The writer thread's timings: each WAL sync (fdatasync); each batch from its catch-up to its replies
 * (a starved thread or a long catch-up shows here); each WAL catch-up it waited for.
 */
export interface WriterStats {
  walSync: Timing;
  batches: Timing;
  catchUps: Timing;
}

/** A request as the caller makes it; `id` is added when it is sent. */
type Unsent = WriterRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * A SQLite database file served by a connection in a worker thread (writer-worker.mjs). The
 * event loop was the server's bottleneck, and SQLite about a fifth of it: with the statements,
 * the group commit and the WAL syncs in a thread of their own, both cores work. Per answer it costs
 * two messages – the authorisation read and the write plan – instead of a dozen calls into SQLite.
 */
export async function startSqliteWriter(path: string, options: WriterOptions): Promise<SqliteWriter> {
  const { sync, checkpointer, onError, maxBatch = 256, walSync = new URL('./wal-sync.mjs', import.meta.url) } = options;
  const { catchUpLimitMs = 500, onSlowCatchUp = () => undefined } = options;
  const workerData: WriterData = { path, sync, maxBatch, checkpointer, walSync: walSync.href, catchUpLimitMs };
  const worker = new Worker(new URL('./writer-worker.mjs', import.meta.url), {
    workerData,
    transferList: checkpointer ? [checkpointer] : [],
    // The worker is plain JavaScript and needs no TypeScript loader.
    execArgv: [],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextId = 0;
  let stopped: Error | undefined;
  let closing = false;
  let syncFailed: string | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: WriterMessage) => {
      if (!Array.isArray(m)) {
        if (m.type === 'ready') return resolve();
        if (m.type === 'failed') return reject(new Error(`SQLite could not open ${path}: ${m.message}`));
        if (m.type === 'sync-failed') return void (syncFailed = m.message);
        return onSlowCatchUp(
          `The WAL catch-up took longer than ${m.limitMs} ms; answers were written without waiting for it, and the log is started over at a later try.`,
        );
      }
      for (const { id, result, error } of m as WriterReply[]) {
        const waiter = pending.get(id)!;
        pending.delete(id);
        if (error) waiter.reject(Object.assign(new Error(error.message), { code: error.code }));
        else waiter.resolve(result);
      }
    });
    worker.on('error', (err) => reject(err));
    worker.once('exit', (code) => {
      stopped = new Error(
        syncFailed
          ? `The SQLite writer thread has stopped: ${syncFailed} Nothing is written after a failed sync; restart the server to recover from what the disk holds.`
          : `The SQLite writer thread has stopped (exit code ${code}); the database cannot be reached.`,
      );
      if (!closing) onError(stopped.message);
      for (const waiter of pending.values()) waiter.reject(stopped);
      pending.clear();
      reject(stopped);
    });
  });
  await ready;

  // Requests made in one turn of the event loop go over in one message: posting is costly (profiled
  // under load: a sixth of the event loop when every request was a message of its own).
  let outbox: WriterRequest[] = [];
  const flushOutbox = () => {
    const messages = outbox;
    outbox = [];
    if (!stopped) worker.postMessage(messages);
  };
  function request<T>(message: Unsent): Promise<T> {
    // A message to a thread that has exited is never answered.
    if (stopped) return Promise.reject(stopped);
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (outbox.length === 0) setImmediate(flushOutbox);
      outbox.push({ ...message, id } as WriterRequest);
    });
  }

  return {
    dialect: writerDialect(request),
    apply: (plan) =>
      request<PlanResult>({
        type: 'plan',
        statements: plan.statements.map(({ query, guard }) => ({ sql: query.sql, parameters: query.parameters, guard })),
      }).catch(conflictIfLostRace),
    durable: () => request<void>({ type: 'durable' }),
    stats: () => request<WriterStats>({ type: 'stats' }),
    autocheckpoint(pages) {
      if (!stopped) worker.postMessage([{ type: 'autocheckpoint', pages } satisfies WriterRequest]);
    },
    async close() {
      if (stopped) return;
      closing = true;
      const exited = new Promise((done) => worker.once('exit', done));
      await request({ type: 'close' });
      await exited;
    },
  };
}

type Request = <T>(message: Unsent) => Promise<T>;

/**
 * Kysely's SQLite dialect with the driver swapped: each connection Kysely asks for is a name the
 * thread knows its statements by. A connection that begins a transaction holds the database until
 * it commits or rolls back; the thread holds everyone else's statements back meanwhile.
 */
function writerDialect(request: Request): Dialect {
  let connections = 0;
  const control = (c: DatabaseConnection, sql: string) =>
    request<void>({ type: 'query', conn: (c as WriterConnection).conn, sql, parameters: [] }).then(() => undefined);
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => new WriterConnection(request, connections++),
    beginTransaction: (c) => control(c, 'begin'),
    commitTransaction: (c) => control(c, 'commit'),
    // Not a plain ROLLBACK: SQLite may have ended the transaction itself already.
    rollbackTransaction: (c) => request<void>({ type: 'rollback', conn: (c as WriterConnection).conn }),
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
}

class WriterConnection implements DatabaseConnection {
  constructor(
    readonly request: Request,
    readonly conn: number,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.request<QueryResult<R>>({ type: 'query', conn: this.conn, sql: query.sql, parameters: query.parameters });
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the SQLite writer thread.');
  }
}

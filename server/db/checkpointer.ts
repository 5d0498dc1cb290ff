import { sql, type Kysely } from 'kysely';
import { Worker } from 'node:worker_threads';

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Resolves with the next checkpoint's result. */
  checkpoint(): Promise<CheckpointResult>;
  /**
   * Once the log has grown past `restartFrames`: on the writer's own connection, between two
   * batches (group-commit.ts), copy the few frames written since the worker's last pass. Under
   * steady writes the log is never fully copied at the moment a write begins, so SQLite never
   * starts it over and it grows without end (seen: 350 MB in 10 s of the benchmark); after this
   * the next write starts it from its beginning.
   */
  catchUpIfDue(writer: Kysely<any>): Promise<void>;
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** Something went wrong in the worker (it keeps trying, every interval). */
  onError(message: string): void;
  /** The worker is gone for good: the caller turns SQLite's own checkpoints back on. */
  onExit(): void;
  intervalMs?: number;
  /** WAL size (in 4 KiB frames) from which the log is started over (see Checkpointer.catchUpIfDue). */
  restartFrames?: number;
}

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses 1000 pages: the whole copy and an fsync of the database file, blocking every
 * request. The server turns it off (wal_autocheckpoint=0) and a worker thread checkpoints on its own
 * connection instead; should the worker die, SQLite's own checkpoints come back on (onExit).
 */
export function startCheckpointer(path: string, options: CheckpointerOptions): Checkpointer {
  const { onError, onExit, intervalMs = 200, restartFrames = 4096 } = options;
  let restartDue = false;
  // execArgv: []: the worker is plain JavaScript and needs no TypeScript loader.
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { path, intervalMs },
    execArgv: [],
  });
  worker.unref();
  const waiting: { resolve(r: CheckpointResult): void; reject(err: Error): void }[] = [];
  worker.on('message', (m: { type: string; message?: string } & CheckpointResult) => {
    if (m.type === 'error') onError(m.message!);
    else {
      if (m.log >= restartFrames) restartDue = true;
      for (const w of waiting.splice(0)) w.resolve({ busy: m.busy, log: m.log, checkpointed: m.checkpointed });
    }
  });
  let stopping = false;
  worker.on('error', (err) => onError(err.message));
  const exited = new Promise<void>((done) =>
    worker.once('exit', () => {
      if (!stopping) onExit();
      for (const w of waiting.splice(0)) w.reject(new Error('The checkpoint worker has stopped.'));
      done();
    }),
  );
  return {
    async catchUpIfDue(writer) {
      if (!restartDue) return;
      restartDue = false;
      // Through Kysely, so it waits for the connection like any query: never inside a transaction.
      // A failure is reported, never thrown: writes must go on (the worker keeps checkpointing).
      await sql`pragma wal_checkpoint(PASSIVE)`.execute(writer).catch((err: Error) => onError(err.message));
    },
    checkpoint() {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      // Referenced again: a process closing its database right after opening it (a CLI) must
      // still wait for the worker to close its connection, or it exits with the await pending.
      worker.ref();
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}

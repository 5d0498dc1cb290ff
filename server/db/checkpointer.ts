import { Worker, type MessagePort } from 'node:worker_threads';
import type { CheckpointerData, CheckpointerMessage, CheckpointerRequest, CheckpointResult } from './worker-protocol.js';

export interface Checkpointer {
  /** Resolves with the next checkpoint's result. */
  checkpoint(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** Something went wrong in the worker (it keeps trying, every interval). */
  onError(message: string): void;
  /** The worker is gone for good: the caller turns SQLite's own checkpoints back on. */
  onExit(): void;
  intervalMs?: number;
  /**
   * WAL size (in 4 KiB frames) from which the log is started over. Under steady writes the log is
   * never fully copied at the moment a write begins, so SQLite never starts it over and it grows
   * without end (seen: 350 MB in 10 s of the benchmark). Past this size the worker tells the writer
   * thread, which holds its next batch back while the worker copies the rest; with no write in
   * between, the next write starts the log from its beginning. Only writes wait meanwhile.
   */
  restartFrames?: number;
  /** The writer thread's end of a channel (writer-worker.mjs) for that catch-up. */
  writer?: MessagePort;
}

/**
 * WAL checkpoints in a thread of their own. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses 1000 pages: the whole copy and an fsync of the database file, every write waiting.
 * The writer thread turns it off (wal_autocheckpoint=0) and this worker checkpoints on its own
 * connection instead; should the worker die, SQLite's own checkpoints come back on (onExit).
 */
export function startCheckpointer(path: string, options: CheckpointerOptions): Checkpointer {
  const { onError, onExit, intervalMs = 200, restartFrames = 4096, writer } = options;
  // execArgv: []: the worker is plain JavaScript and needs no TypeScript loader.
  const workerData: CheckpointerData = { path, intervalMs, restartFrames, writer };
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData,
    transferList: writer ? [writer] : [],
    execArgv: [],
  });
  worker.unref();
  const waiting: { resolve(r: CheckpointResult): void; reject(err: Error): void }[] = [];
  // Requests are answered in order; a periodic pass that ends meanwhile answers none of them.
  worker.on('message', (m: CheckpointerMessage) => {
    const asker = m.requested ? waiting.shift() : undefined;
    if (m.type === 'error') {
      onError(m.message);
      asker?.reject(new Error(m.message));
    } else {
      asker?.resolve({ busy: m.busy, log: m.log, checkpointed: m.checkpointed });
    }
  });
  let stopping = false;
  let gone = false;
  worker.on('error', (err) => onError(err.message));
  const exited = new Promise<void>((done) =>
    worker.once('exit', () => {
      gone = true;
      if (!stopping) onExit();
      for (const w of waiting.splice(0)) w.reject(new Error('The checkpoint worker has stopped.'));
      done();
    }),
  );
  function checkpoint(): Promise<CheckpointResult> {
    // A message to a worker that has exited is never answered.
    if (gone) return Promise.reject(new Error('The checkpoint worker has stopped.'));
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage('checkpoint' satisfies CheckpointerRequest);
    });
  }
  return {
    checkpoint,
    async stop() {
      // Referenced again: a process closing its database right after opening it (a CLI) must
      // still wait for the worker to close its connection, or it exits with the await pending.
      worker.ref();
      stopping = true;
      worker.postMessage('stop' satisfies CheckpointerRequest);
      await exited;
    },
  };
}

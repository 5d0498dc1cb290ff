import { Worker } from 'node:worker_threads';

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Resolves with the next checkpoint's result (tests, and a final one before closing). */
  checkpoint(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses 1000 pages: the whole copy and an fsync of the database file, blocking every request
 * (profiled: most of a batch's commit time on this disk). The server turns it off
 * (wal_autocheckpoint=0) and a worker thread checkpoints on its own connection instead.
 */
export function startCheckpointer(path: string, onError: (message: string) => void, intervalMs = 200): Checkpointer {
  // execArgv: []: the worker is plain JavaScript and needs no TypeScript loader.
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { path, intervalMs }, execArgv: [] });
  worker.unref();
  const waiting: ((r: CheckpointResult) => void)[] = [];
  worker.on('message', (m: { type: string; message?: string } & CheckpointResult) => {
    if (m.type === 'error') onError(m.message!);
    else for (const done of waiting.splice(0)) done({ busy: m.busy, log: m.log, checkpointed: m.checkpointed });
  });
  worker.on('error', (err) => onError(err.message));
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  return {
    checkpoint() {
      return new Promise((done) => {
        waiting.push(done);
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      // Referenced again: a process closing its database right after opening it (a CLI) must
      // still wait for the worker to close its connection, or it exits with the await pending.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

import type { Db } from './db/connect.js';
import { watchEventLoop, type LoopDelays } from './event-loop-delay.js';
import type { WriterStats } from './db/writer-thread.js';
import type { Logger } from './logger.js';

/** One report: the event loop's delays and, on a SQLite file, the writer thread's timings. */
export interface DiagnosticsReport {
  eventLoop: LoopDelays;
  writer?: WriterStats;
}

/**
 * What a latency tail needs to be told apart: the event loop's delays (GC pauses, CPU taken by
 * others, long synchronous work) and the writer thread's timings (a slow disk, a starved thread,
 * a long WAL catch-up). `report()` logs both for the stretch since the last report and starts
 * anew; main.ts calls it on SIGUSR2, the benchmark around its steady run.
 */
export function startDiagnostics(logger: Logger, db: Pick<Db, 'writerStats'>) {
  const loop = watchEventLoop();
  return {
    async report(): Promise<void> {
      const eventLoop = loop.read();
      loop.reset();
      const writer = db.writerStats ? await db.writerStats() : undefined;
      const diagnostics: DiagnosticsReport = { eventLoop, ...(writer ? { writer } : {}) };
      logger.info({ diagnostics }, 'Diagnostics since the last report.');
    },
    stop: loop.stop,
  };
}

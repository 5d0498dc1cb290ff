import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Db } from './db/connect.js';
import type { WriterStats } from './db/writer-thread.js';
import type { Logger } from './logger.js';

/** One report: the event loop's delays and, on a SQLite file, the writer thread's timings. */
export interface DiagnosticsReport {
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number };
  writer?: WriterStats;
}

/**
 * What a latency tail needs to be told apart: the event loop's delays (GC pauses, CPU taken by
 * others, long synchronous work) and the writer thread's timings (a slow disk, a starved thread,
 * a long WAL catch-up). `report()` logs both for the
 * stretch since the last report and starts anew; main.ts calls it on SIGUSR2, the benchmark
 * around its steady run. Costs a native histogram and a 10 ms timer inside libuv.
 */
export function startDiagnostics(logger: Logger, db: Pick<Db, 'writerStats'>) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  // The histogram holds the time between two of its timer's runs: the resolution plus the delay.
  const ms = (ns: number) => Math.max(0, Math.round((ns - RESOLUTION_MS * 1e6) / 1e4) / 100);
  return {
    async report(): Promise<void> {
      const eventLoop: DiagnosticsReport['eventLoop'] = {
        p50Ms: ms(loop.percentile(50)),
        p99Ms: ms(loop.percentile(99)),
        maxMs: ms(loop.max),
      };
      // (The first run after a reset is not counted: at most one resolution goes unwatched.)
      loop.reset();
      const writer = db.writerStats ? await db.writerStats() : undefined;
      const diagnostics: DiagnosticsReport = { eventLoop, ...(writer ? { writer } : {}) };
      logger.info({ diagnostics }, 'Diagnostics since the last report.');
    },
    stop: () => loop.disable(),
  };
}

const RESOLUTION_MS = 10;

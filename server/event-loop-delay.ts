import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelays {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * How late this thread's event loop ran: GC pauses, long synchronous work, CPU taken by others.
 * Used by the server's diagnostics and by the benchmark's load generator, so that a latency tail
 * can be told apart from a stall on either side. Costs a native histogram and a 10 ms libuv timer.
 */
export function watchEventLoop() {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  // The histogram holds the time between two of its timer's runs: the resolution plus the delay.
  const ms = (ns: number) => Math.max(0, Math.round((ns - RESOLUTION_MS * 1e6) / 1e4) / 100);
  return {
    /** The delays since the start or the last reset. */
    read: (): LoopDelays => ({ p50Ms: ms(loop.percentile(50)), p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max) }),
    /** Starts anew (the first run after a reset is not counted: at most one resolution goes unwatched). */
    reset: () => loop.reset(),
    stop: () => loop.disable(),
  };
}

const RESOLUTION_MS = 10;

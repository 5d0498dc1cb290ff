// The benchmark's pacer (bench/steady-load.ts) decides whether the p99 target is met; these tests
// check that it keeps its rate and that a stalled server cannot hide behind it. They run on a
// virtual clock: no assertion depends on how fast this machine happens to be.
import { describe, expect, it } from 'vitest';
import { percentile } from '../bench/stats.js';
import { pace, type Client, type PacerWorld } from '../bench/steady-load.js';

/**
 * Time that moves only when every client waits: the earliest timer fires, and its time is now.
 * The server answers request n after `delay(n)` virtual ms; `stall(ms)` is the pacer's own loop busy.
 */
function virtualWorld(delay: (n: number) => number) {
  let now = 0;
  let n = 0;
  const timers: { at: number; seq: number; wake(): void }[] = [];
  let seq = 0;
  const sleep = (ms: number) => new Promise<void>((wake) => timers.push({ at: now + Math.max(0, ms), seq: seq++, wake }));
  const world: PacerWorld = {
    now: () => now,
    sleep,
    send: async () => {
      await sleep(delay(n++));
      return { status: 200, body: '{}' };
    },
  };
  async function run<T>(work: Promise<T>): Promise<T> {
    let finished = false;
    void work.finally(() => (finished = true)).catch(() => undefined);
    for (;;) {
      // Every promise chain settles before a macrotask runs: all clients are at their next wait.
      await new Promise((r) => setImmediate(r));
      if (finished) return work;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = timers.shift();
      if (!next) throw new Error('virtual clock: nothing left to wait for, yet the run has not ended');
      now = Math.max(now, next.at);
      next.wake();
    }
  }
  return { world, run, stall: (ms: number) => (now += ms) };
}

const post = (): Client => ({ next: () => ({ method: 'POST', path: '/', headers: {}, body: '{}' }), done: () => undefined });

describe('steady load (benchmark pacer)', () => {
  it('sends at the asked rate, spread over the clients, each latency the server’s time', async () => {
    const v = virtualWorld(() => 1);
    const result = await v.run(pace({ rate: 400, seconds: 1, clients: 4, client: post }, v.world));
    expect(result.requests).toBe(400);
    expect(result.non2xx + result.errors).toBe(0);
    expect(new Set(result.latencies)).toEqual(new Set([1]));
    expect(Math.max(...result.pacerLate)).toBe(0);
  });

  it('charges requests held back by a stalled response for their wait (no coordinated omission)', async () => {
    // One client, one request every 10 ms; the first response takes 300 ms. The 29 requests that
    // fell due meanwhile go out late, and their latencies count from when they were due.
    const v = virtualWorld((n) => (n === 0 ? 300 : 0));
    const result = await v.run(pace({ rate: 100, seconds: 1, clients: 1, client: post }, v.world));
    expect(result.requests).toBe(100);
    expect(result.latencies.slice(0, 31)).toEqual(Array.from({ length: 31 }, (_, k) => 300 - 10 * k));
    expect(result.latencies.slice(31).every((ms) => ms === 0)).toBe(true);
    expect(percentile(result.latencies, 99)).toBeGreaterThanOrEqual(250);
    // A slow server is not the pacer's lateness: it sends as soon as it may.
    expect(Math.max(...result.pacerLate)).toBe(0);
  });

  it('does not charge the server for time the pacer itself lost', async () => {
    // The server answers at once; the client's own loop is busy for 200 ms after the 10th response
    // (due at 50 + 90 = 140 ms), so the 11th (due at 150 ms) goes out at 340 ms through no fault of the server.
    const v = virtualWorld(() => 0);
    let n = 0;
    const stalling = (): Client => ({
      next: () => ({ method: 'POST', path: '/', headers: {}, body: '{}' }),
      done: () => {
        if (++n === 10) v.stall(200);
      },
    });
    const result = await v.run(pace({ rate: 100, seconds: 1, clients: 1, client: stalling }, v.world));
    expect(result.requests).toBe(100);
    expect(Math.max(...result.latencies)).toBe(0);
    // …and the stall shows as the pacer's own lateness.
    expect(result.pacerLate[10]).toBe(190);
    expect(result.pacerLate.filter((ms) => ms > 0)).toEqual([190]);
  });
});

// The benchmark's pacer (bench/steady-load.ts) decides whether the p99 target is met; these tests
// check that it keeps its rate and that a stalled server cannot hide behind it.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { percentile } from '../bench/stats.js';
import { steadyLoad, type Client } from '../bench/steady-load.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server that answers every request after `delay(n)` ms, n counting from 0. */
async function listen(delay: (n: number) => number): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    const wait = delay(n++);
    req.resume();
    req.on('end', () => setTimeout(() => res.end('{}'), wait));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

const post = (): Client => ({ next: () => ({ method: 'POST', path: '/', headers: {}, body: '{}' }), done: () => undefined });

describe('steady load (benchmark pacer)', () => {
  it('sends at the asked rate, spread over the clients, and every latency is positive', async () => {
    const url = await listen(() => 0);
    const result = await steadyLoad(url, { rate: 400, seconds: 1, clients: 4, client: post });
    expect(result.requests).toBe(400);
    expect(result.non2xx + result.errors).toBe(0);
    expect(Math.min(...result.latencies)).toBeGreaterThan(0);
  });

  it('charges requests held back by a stalled response for their wait (no coordinated omission)', async () => {
    // One client, one request every 10 ms; the first response takes 300 ms. The ~30 requests
    // that fell due meanwhile go out late, and their latencies count from when they were due.
    const url = await listen((n) => (n === 0 ? 300 : 0));
    const result = await steadyLoad(url, { rate: 100, seconds: 1, clients: 1, client: post });
    expect(result.requests).toBe(100);
    const slow = result.latencies.filter((ms) => ms >= 100).length;
    expect(slow).toBeGreaterThanOrEqual(15);
    expect(percentile(result.latencies, 99)).toBeGreaterThanOrEqual(250);
    // A slow server is not the pacer's lateness: it sends as soon as it may.
    expect(percentile(result.pacerLate, 99)).toBeLessThan(20);
  });

  it('does not charge the server for time the pacer itself lost', async () => {
    // The server answers at once; the client stalls its own event loop for 200 ms after the
    // 10th response, so ~20 requests go out late through no fault of the server.
    const url = await listen(() => 0);
    let n = 0;
    const stalling = (): Client => ({
      next: () => ({ method: 'POST', path: '/', headers: {}, body: '{}' }),
      done: () => {
        if (++n !== 10) return;
        const until = performance.now() + 200;
        while (performance.now() < until);
      },
    });
    const result = await steadyLoad(url, { rate: 100, seconds: 1, clients: 1, client: stalling });
    expect(result.requests).toBe(100);
    expect(Math.max(...result.latencies)).toBeLessThan(50);
    // …and the stall shows as the pacer's own lateness, and as its event loop's longest delay.
    expect(Math.max(...result.pacerLate)).toBeGreaterThanOrEqual(150);
    expect(result.generatorLoop.maxMs).toBeGreaterThanOrEqual(150);
  });
});

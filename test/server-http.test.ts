import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../server/api/contract.js';
import { diagnosticsOf, startServer, type ServerProcess } from '../server/testing/server-process.js';

// What only a real socket shows: bodies as Node's HTTP parser delivers them, with a declared
// length or chunked, through @hono/node-server's lightweight request.
let root: string;
let server: ServerProcess;
let created: CreatedSession;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vw-http-'));
  server = await startServer({ DATABASE_URL: `sqlite:${join(root, 'http.db')}`, TREE_DIRS: 'test/fixtures/demo' });
  const res = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"tree":"demo/start"}',
  });
  created = (await res.json()) as CreatedSession;
}, 30_000);
afterAll(async () => {
  server.proc.kill('SIGTERM');
  await server.exited;
  rmSync(root, { recursive: true, force: true });
});

/** POSTs raw chunks; with `chunked` no Content-Length is sent (Transfer-Encoding: chunked). */
function post(path: string, chunks: string[], chunked: boolean): Promise<{ status: number; body: Record<string, unknown> }> {
  const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  return new Promise((done, fail) => {
    const req = request(
      `${server.url}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${created.token}`,
          ...(chunked ? {} : { 'content-length': String(length) }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => done({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    req.on('error', fail);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('request bodies over a real socket', () => {
  const answer = (value: unknown) =>
    JSON.stringify({ node: created.state.step.id, value, version: 0, idempotencyKey: 'http-test-key-0001' }).match(/.{1,500}/gs)!;

  it('a body over the limit is refused with 413, whether its length is declared or it comes chunked', async () => {
    const big = answer('x'.repeat(20_000));
    for (const chunked of [false, true]) {
      const res = await post(`/api/sessions/${created.id}/answers`, big, chunked);
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('body-too-large');
    }
  });

  it('a body within the limit is read whole, declared or chunked, and the answer is stored once', async () => {
    const first = await post(`/api/sessions/${created.id}/answers`, answer('oplossing'), false);
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    // The same request again, chunked this time: the idempotency key returns the first result.
    const again = await post(`/api/sessions/${created.id}/answers`, answer('oplossing'), true);
    expect(again).toEqual(first);
  });
});

describe('diagnostics', () => {
  it("SIGUSR2 logs the event loop's delays and the WAL syncs since the last report, as one line", async () => {
    const json = { 'content-type': 'application/json' };
    const fresh = (await (
      await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: json, body: '{"tree":"demo/start"}' })
    ).json()) as CreatedSession;
    const answered = await fetch(`${server.url}/api/sessions/${fresh.id}/answers`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${fresh.token}` },
      body: JSON.stringify({ node: 'deur', value: 'helpen', version: 0, idempotencyKey: 'diagnostics-0001' }),
    });
    expect(answered.status).toBe(200);
    const reported = await diagnosticsOf(server, 10_000);
    expect(reported, 'a diagnostics line after SIGUSR2').toBeDefined();
    const first = reported!;
    const { p50Ms, p99Ms, maxMs } = first.eventLoop;
    expect([p50Ms, p99Ms, maxMs].every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    expect(p50Ms).toBeLessThanOrEqual(p99Ms!);
    expect(p99Ms).toBeLessThanOrEqual(maxMs!);
    // The session and its answer were each synced before their 2xx (so were the migrations).
    expect(first.writer!.walSync.count).toBeGreaterThanOrEqual(2);
    expect(first.writer!.walSync.maxMs!).toBeGreaterThan(0);
    // The answer's write plan was a batch of its own.
    expect(first.writer!.batches.count).toBeGreaterThanOrEqual(1);
    // Counted anew: nothing was written since.
    expect((await diagnosticsOf(server, 10_000))!.writer!.walSync).toEqual({ count: 0 });
  });
});

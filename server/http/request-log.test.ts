import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const lines = () => t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('logs', () => {
  it('redact by path: error and problem codes stay readable, secrets where they would sit do not', () => {
    const out: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (out.push(String(chunk)), done()) }));
    logger.fatal({ code: 'EADDRINUSE' }, 'Cannot listen on port 8787.');
    logger.info(
      { code: 'version-conflict', req: { headers: { authorization: 'Bearer s3cret', cookie: 'vw_staff=abc' } }, token: 't0k3n' },
      'x',
    );
    const [fatal, info] = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(fatal).toMatchObject({ code: 'EADDRINUSE' });
    expect(info).toMatchObject({
      code: 'version-conflict',
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      token: '[redacted]',
    });
    expect(out.join('')).not.toMatch(/s3cret|t0k3n|vw_staff=abc/);
  });

  it('every line of a request carries its id, which the response header and the problem body repeat', async () => {
    const res = await t.request('GET', '/api/sessions/nope', undefined, { authorization: 'Bearer x' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(((await res.json()) as { requestId: string }).requestId).toBe(id);
    const mine = lines().filter((l) => l.requestId === id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((l) => l.route === '/api/sessions/:id')).toBe(true);
    // A proxy's id is kept, so its logs and ours match up.
    const relayed = await t.request('GET', '/healthz', undefined, { 'x-request-id': 'edge-4f2a9c1e' });
    expect(relayed.headers.get('x-request-id')).toBe('edge-4f2a9c1e');
    // Each request has its own.
    const other = await t.request('GET', '/api/sessions/nope');
    expect(other.headers.get('x-request-id')).not.toBe(id);
  });

  it('a client that hangs up while its body is read is no unhandled error', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const res = await t.app.request('/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(499);
    const logged = lines();
    expect(logged.filter((l) => l.msg === 'unhandled error')).toEqual([]);
    expect(logged.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'client closed the request before it was read', status: 499 }));
  });
});

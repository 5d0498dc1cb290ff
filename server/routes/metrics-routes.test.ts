import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { key, startSession, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

async function someTraffic(app: TestApp) {
  const s = await startSession(app);
  const answered = await app.request(
    'POST',
    `/api/sessions/${s.id}/answers`,
    { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
    s.auth,
  );
  expect(answered.status).toBe(200);
  const stale = await app.request(
    'POST',
    `/api/sessions/${s.id}/answers`,
    { node: 'deur', value: 'helpen', version: 0, idempotencyKey: key() },
    s.auth,
  );
  expect(stale.status).toBe(409);
  const report = { gemeente: 'demo', about: 'oudere', noticed: 'Al dagen de gordijnen dicht.', urgency: 'dringend', idempotencyKey: key() };
  expect((await app.request('POST', '/api/concerns', report)).status).toBe(201);
  return s;
}

describe('/metrics', () => {
  it('counts requests per route template and status, acknowledged answers and reports, trees and open reports', async () => {
    t = await testApp();
    const s = await someTraffic(t);
    await t.request('GET', '/no/such/page');
    const res = await t.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(value(text, 'vraagwijzer_http_requests_total{method="POST",route="/api/sessions/:id/answers",status="200"}')).toBe(1);
    expect(value(text, 'vraagwijzer_http_requests_total{method="POST",route="/api/sessions/:id/answers",status="409"}')).toBe(1);
    expect(value(text, 'vraagwijzer_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(value(text, 'vraagwijzer_http_request_duration_seconds_count{method="POST",route="/api/sessions"}')).toBe(1);
    // The refused (409) change is not an answer.
    expect(value(text, 'vraagwijzer_answers_total')).toBe(1);
    expect(value(text, 'vraagwijzer_concerns_total')).toBe(1);
    expect(value(text, 'vraagwijzer_concerns_open{status="ontvangen"}')).toBe(1);
    expect(value(text, 'vraagwijzer_trees{state="serving"}')).toBe(t.deps.trees.list().length);
    expect(value(text, 'vraagwijzer_trees{state="refused"}')).toBe(0);
    expect(text).toContain('# TYPE vraagwijzer_handover_outbox gauge');
    expect(value(text, 'vraagwijzer_db_ping_seconds')).toBeGreaterThanOrEqual(0);
    // Route templates only: no session id, token or path a resident typed.
    expect(text).not.toContain(s.id);
    expect(text).not.toContain('/no/such/page');
  });

  it('on a SQLite file, reports the WAL syncs the writer thread made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-metrics-'));
    try {
      t = await testApp({ databaseUrl: `sqlite:${join(dir, 'm.db')}` });
      await someTraffic(t);
      const text = await (await t.request('GET', '/metrics')).text();
      expect(value(text, 'vraagwijzer_wal_syncs_total')).toBeGreaterThan(0);
      expect(value(text, 'vraagwijzer_wal_sync_seconds{quantile="0.99"}')).toBeGreaterThan(0);
      await t.close();
      t = undefined;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with METRICS_TOKEN, answers only a scraper that sends it; without one, not through a proxy', async () => {
    t = await testApp({ config: { metricsToken: 'scrape-token-1234567890' } });
    expect((await t.request('GET', '/metrics')).status).toBe(401);
    expect((await t.request('GET', '/metrics', undefined, { authorization: 'Bearer wrong-token-123456789012' })).status).toBe(401);
    expect((await t.request('GET', '/metrics', undefined, { authorization: 'Bearer scrape-token-1234567890' })).status).toBe(200);
    await t.close();
    t = await testApp();
    const proxied = await t.request('GET', '/metrics', undefined, { 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toMatchObject({ code: 'metrics-local-only' });
  });
});

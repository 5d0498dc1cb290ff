import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Deps } from '../deps.js';
import { ApiError } from '../http/problem.js';

/** Acknowledged writes worth counting on their own, by the route that takes them. */
const ANSWERS = new Set(['/api/sessions/:id/answers', '/api/staff/sessions/:id/answers', '/vraagwijzer/:gemeente/antwoord']);
const CONCERNS = new Set(['/api/concerns', '/api/staff/concern-reports', '/vraagwijzer/:gemeente/zorg']);

/**
 * `/metrics` in Prometheus's text format: requests per route (rate and latency), acknowledged
 * answers and concern reports, the handover outbox and open reports, WAL sync times, and the
 * verifier's verdicts. Labels are route templates, never ids, so nothing personal leaves here.
 * With METRICS_TOKEN set a scraper sends it as a bearer token; without one, only a scraper on the
 * same host (loopback) is answered: the counts are not secret, but they are not for everyone.
 */
export function metrics({ db, trees, store }: Pick<Deps, 'db' | 'trees' | 'store'>, token: string | undefined) {
  const registry = new Registry();
  const requests = new Counter({
    name: 'vraagwijzer_http_requests_total',
    help: 'HTTP requests by route template, method and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vraagwijzer_http_request_duration_seconds',
    help: 'Time from request to response, by route template and method.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const answers = new Counter({ name: 'vraagwijzer_answers_total', help: 'Answers acknowledged (2xx).', registers: [registry] });
  const concerns = new Counter({ name: 'vraagwijzer_concerns_total', help: 'Concern reports acknowledged (2xx).', registers: [registry] });
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void> | void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        await collect(this);
      },
    });
  gauge('vraagwijzer_trees', 'Trees serving, and trees the last reload refused (the verifier failed them).', ['state'], (g) => {
    g.set({ state: 'serving' }, trees.list().length);
    g.set({ state: 'refused' }, trees.refused().length);
  });
  const byStatus = (table: string, skip: string[]) => async (g: Gauge) => {
    const { rows } = await sql<{
      status: string;
      n: number | string;
    }>`select status, count(*) as n from ${sql.table(table)} group by status`.execute(db.kysely);
    for (const r of rows) if (!skip.includes(r.status)) g.set({ status: r.status }, Number(r.n));
  };
  gauge(
    'vraagwijzer_handover_outbox',
    'Handovers not yet delivered, by status (mislukt: gave up; a medewerker must call).',
    ['status'],
    byStatus('staff_handovers', ['verzonden', 'geen-koppeling']),
  );
  gauge('vraagwijzer_concerns_open', 'Concern reports not closed yet, by status.', ['status'], byStatus('concerns', ['afgerond']));
  const syncs = new Counter({ name: 'vraagwijzer_wal_syncs_total', help: 'SQLite file: WAL fdatasyncs.', registers: [registry] });
  const walSync = new Gauge({
    name: 'vraagwijzer_wal_sync_seconds',
    help: 'SQLite file: WAL fdatasync times since the previous scrape (or SIGUSR2 report), p50/p99/max.',
    labelNames: ['quantile'] as const,
    registers: [registry],
  });
  /** Before the registry is read: the counter and the gauge come from one reading of the writer's timings. */
  async function readWriter() {
    const stats = db.writerStats ? (await db.writerStats()).walSync : undefined;
    walSync.reset();
    if (!stats?.count) return;
    syncs.inc(stats.count);
    walSync.set({ quantile: '0.5' }, (stats.p50Ms ?? 0) / 1000);
    walSync.set({ quantile: '0.99' }, (stats.p99Ms ?? 0) / 1000);
    walSync.set({ quantile: 'max' }, (stats.maxMs ?? 0) / 1000);
  }
  gauge('vraagwijzer_db_ping_seconds', 'A round trip to the database at scrape time (PostgreSQL: network and server).', [], async (g) => {
    const start = performance.now();
    await store.ping();
    g.set((performance.now() - start) / 1000);
  });

  const middleware: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    await next();
    const route = c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
    const method = c.req.method;
    latency.observe({ method, route }, (performance.now() - start) / 1000);
    requests.inc({ method, route, status: String(c.res.status) });
    if (c.res.status < 300 && method === 'POST') {
      if (ANSWERS.has(route)) answers.inc();
      if (CONCERNS.has(route)) concerns.inc();
    }
  };

  const routes = new Hono().get('/metrics', async (c) => {
    allowed(c, token);
    await readWriter();
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  });
  return { middleware, routes };
}

function allowed(c: Context, token: string | undefined): void {
  if (token) {
    const sent = Buffer.from(c.req.header('authorization') ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (sent.length === expected.length && timingSafeEqual(sent, expected)) return;
    throw new ApiError(401, 'metrics-token-invalid', 'Send the METRICS_TOKEN as "Authorization: Bearer <token>".', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  // Through a reverse proxy on this host every request comes from loopback: only a direct one counts.
  const proxied = c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined;
  const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  if (!proxied && (peer === undefined || ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(peer))) return;
  throw new ApiError(403, 'metrics-local-only', 'Metrics are served to this host only. Set METRICS_TOKEN to let a scraper elsewhere in.');
}

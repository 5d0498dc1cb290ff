// Durable answers per second and latency of the real server (server/main.ts, SQLite file in WAL
// mode, durable before every 200: group commit, WAL fdatasync and checkpoints off the event loop)
// over loopback, next to a bare node:http JSON echo server measured in the same run. Load
// generator: autocannon, in this process; both servers in their own process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatedSession, SessionState } from '../server/api/contract.js';
import { autoAnswer } from '../server/testing/auto-answer.js';
import { startServer } from '../server/testing/server-process.js';
import type { Row } from './stats.js';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  duration: number;
}
interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (req: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = 8;

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-bench-'));
  const echo = await startEcho();
  const env = { TREE_DIRS: 'test/fixtures/demo', RATE_SESSIONS: '10000000/60' };
  // For comparison only: WAL with synchronous=NORMAL survives a process crash, not a power cut;
  // full-inline is plain SQLite FULL, as durable as the default but with every fsync and
  // checkpoint inside COMMIT on the event loop.
  const relaxed = await walkFresh({ ...env, DATABASE_URL: `sqlite:${join(dir, 'normal.db')}?synchronous=normal` });
  const inline = await walkFresh({ ...env, DATABASE_URL: `sqlite:${join(dir, 'inline.db')}?synchronous=full-inline` });
  const server = await startServer({ ...env, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` });
  try {
    const baseline = await autocannon({
      url: echo.url,
      connections: CONNECTIONS,
      duration: 5,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ node: 'deur', value: 'oplossing', version: 0, idempotencyKey: 'echo-echo-echo' }),
    });
    await walk(server.url, 2, CONNECTIONS); // warm-up: JIT, page cache, WAL
    const max = await walk(server.url, SECONDS, CONNECTIONS);
    const paced = await walk(server.url, SECONDS, CONNECTIONS, 1000);
    const echoPaced = await autocannon({
      url: echo.url,
      connections: CONNECTIONS,
      duration: 5,
      overallRate: 1000,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    // The same server with the same middleware on a route with no database and no engine work:
    // how much of an answer's cost is HTTP and Hono, and how much is ours.
    const floor = await autocannon({ url: `${server.url}/api/trees`, connections: CONNECTIONS, duration: 5 });
    const perSecond = max.answers / max.result.duration;
    return [
      {
        name: `durable answers/s (${CONNECTIONS} connections, ${SECONDS} s; committed before 200)`,
        value: perSecond,
        unit: '/s',
        better: 'higher',
        baseline: { name: 'node:http JSON echo req/s', value: baseline.requests.average },
        target: '≥ 3,000/s',
        pass: perSecond >= 3000,
      },
      {
        name: 'server floor: GET /api/trees req/s (same process and middleware; no database, no engine)',
        value: floor.requests.average,
        unit: '/s',
        better: 'higher',
        baseline: { name: 'node:http JSON echo req/s', value: baseline.requests.average },
      },
      {
        name: 'durable answers/s, plain SQLite synchronous=FULL (fsync + checkpoints inside COMMIT)',
        value: inline.answers / inline.result.duration,
        unit: '/s',
        better: 'higher',
        baseline: { name: 'default: WAL fdatasync + checkpoints off the event loop', value: perSecond },
      },
      {
        name: 'answers/s with synchronous=NORMAL (crash-safe, not power-cut-safe)',
        value: relaxed.answers / relaxed.result.duration,
        unit: '/s',
        better: 'higher',
        baseline: { name: 'default (durable)', value: perSecond },
      },
      {
        name: 'latency p50 at full load',
        value: max.result.latency.p50,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'echo p50', value: baseline.latency.p50 },
      },
      {
        name: 'latency p99 at full load',
        value: max.result.latency.p99,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'echo p99', value: baseline.latency.p99 },
      },
      {
        name: 'latency p99 at 1,000 req/s (overallRate)',
        value: paced.result.latency.p99,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'echo p99 at 1,000 req/s', value: echoPaced.latency.p99 },
        target: '< 25 ms',
        pass: paced.result.latency.p99 < 25,
      },
      {
        name: 'latency p50 at 1,000 req/s',
        value: paced.result.latency.p50,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'echo p50 at 1,000 req/s', value: echoPaced.latency.p50 },
      },
      {
        name: 'non-2xx or errors (all runs)',
        value: max.result.non2xx + max.result.errors + paced.result.non2xx + paced.result.errors,
        unit: '',
        target: '0',
        pass: max.result.non2xx + max.result.errors + paced.result.non2xx + paced.result.errors === 0,
      },
    ];
  } finally {
    server.proc.kill('SIGTERM');
    echo.stop();
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A server of its own on a fresh database: warm-up, then one measured walk. */
async function walkFresh(env: Record<string, string>) {
  const server = await startServer(env);
  try {
    await walk(server.url, 2, CONNECTIONS);
    return await walk(server.url, SECONDS, CONNECTIONS);
  } finally {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
}

/**
 * Each connection walks its own session through the demo tree, answering whatever the current
 * step asks; at the end it starts a new session. Session creation is part of the load and of the
 * latencies, so the answers/s figure is conservative (about one create per seven answers).
 */
async function walk(url: string, seconds: number, connections: number, overallRate?: number) {
  let answers = 0;
  let keys = 0;
  const step: CannonRequest = {
    setupRequest: (req, ctx): CannonRequest => {
      const state = ctx.state as SessionState | undefined;
      if (!state || state.done) {
        return {
          ...req,
          method: 'POST',
          path: '/api/sessions',
          headers: { 'content-type': 'application/json' },
          body: '{"tree":"demo/start"}',
        };
      }
      const body = JSON.stringify({
        node: state.step.id,
        value: autoAnswer(state.step),
        version: state.version,
        idempotencyKey: `bench-${process.pid}-${++keys}`,
      });
      return {
        ...req,
        method: 'POST',
        path: `/api/sessions/${state.id}/answers`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${String(ctx.token)}` },
        body,
      };
    },
    onResponse: (status, body, ctx) => {
      if (status === 201) {
        const created = JSON.parse(body) as CreatedSession;
        ctx.token = created.token;
        ctx.state = created.state;
      } else if (status === 200) {
        ctx.state = JSON.parse(body) as SessionState;
        answers++;
      } else {
        ctx.state = undefined;
      }
    },
  };
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    // autocannon clears a connection's context whenever it loops over the request list, so the
    // list is long: one walking client (its session and token) lives for 1,000 requests.
    requests: Array.from({ length: 1000 }, () => step),
  });
  return { result, answers };
}

/** The floor: a bare node:http server that parses and echoes JSON, in its own process. */
async function startEcho(): Promise<{ url: string; stop: () => void }> {
  const code = `
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const json = JSON.stringify({ echo: body ? JSON.parse(body) : null });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      });
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const proc = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((done) => proc.stdout!.once('data', (d) => done(String(d).trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => proc.kill() };
}

// Test support (not a test file): a real app on a real database, with a clock the test moves.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { createApp } from '../app.js';
import { DEFAULTS, type Config } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { createStore } from '../db/store.js';
import type { Deps } from '../deps.js';
import type { LimitStore } from '../http/limit-store.js';
import { cryptoIds, type IdSource } from '../ids.js';
import { createLogger } from '../logger.js';
import { pgSessionChanges } from '../db/pg-session-changes.js';
import { inProcessChanges } from '../sessions/session-changes.js';
import { inlineVerifier, workerVerifier, type BundleVerifier, type Verdict } from '../tree-store/bundle-verifier.js';
import { createTreeStore } from '../tree-store/tree-store.js';
import { freshDatabase } from './postgres.js';

export const DEMO_DIR = resolve('test/fixtures/demo');

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  db: Db;
  /** Everything the app logged, as raw JSON lines. */
  logs: string[];
  clock: { now: Date; advance(ms: number): void };
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The same files under the same limits get the same verdict: a test file that boots an app per test
 * verifies Haarlem (invariants included, seconds each) once, not once per test. Per worker process,
 * so the engine code behind a cached verdict is the code under test.
 */
const verdicts = new Map<string, Promise<Verdict>>();
function remembered(verify: BundleVerifier, limits: Config['verifyLimits']): BundleVerifier {
  return (job) => {
    const key = createHash('sha256')
      .update(JSON.stringify([limits, job]))
      .digest('hex');
    let verdict = verdicts.get(key);
    if (!verdict) verdicts.set(key, (verdict = verify(job)));
    verdict.catch(() => verdicts.delete(key));
    return verdict.then((v) => structuredClone(v));
  };
}

/**
 * `verifier`: "inline" (default) verifies on the test's own thread, which is quicker to start;
 * "worker" runs the server's verifier thread, for the tests about serving while it verifies.
 */
export async function testApp(
  options: {
    config?: Partial<Config>;
    databaseUrl?: string;
    db?: Db;
    ids?: IdSource;
    verifier?: 'inline' | 'worker';
    /** Shared rate limits (http/limit-store.ts); by default each test app counts in memory. */
    limits?: LimitStore;
  } = {},
): Promise<TestApp> {
  // TEST_DATABASE=postgres (npm run test:postgres): a fresh PostgreSQL database instead of SQLite in memory.
  const fresh = !options.db && !options.databaseUrl && process.env.TEST_DATABASE === 'postgres' ? await freshDatabase() : undefined;
  const config: Config = {
    ...DEFAULTS,
    treeDirs: [DEMO_DIR],
    databaseUrl: fresh?.url ?? 'sqlite::memory:',
    logLevel: 'debug',
    ...options.config,
  };
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }));
  const clock = {
    now: new Date('2026-11-22T10:00:00.000Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const db = options.db ?? (await connect(options.databaseUrl ?? config.databaseUrl));
  const store = createStore(db);
  const now = () => clock.now;
  // The worker verifier is what those tests are about: not remembered.
  const verify =
    options.verifier === 'worker'
      ? workerVerifier(config.verifyLimits)
      : remembered(inlineVerifier(config.verifyLimits), config.verifyLimits);
  const trees = createTreeStore({ dirs: config.treeDirs, repo: store.trees, logger, clock: now, serveDrafts: config.serveDrafts, verify });
  await trees.reload();
  const url = options.databaseUrl ?? config.databaseUrl;
  const changes =
    db.dialect === 'postgres' && url.startsWith('postgres')
      ? await pgSessionChanges(url, db.kysely, (m) => logs.push(m))
      : inProcessChanges();
  const deps: Deps = {
    store,
    db,
    trees,
    clock: now,
    ids: options.ids ?? cryptoIds,
    logger,
    config,
    changes,
    ...(options.limits ? { limits: options.limits } : {}),
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    db,
    logs,
    clock,
    request(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      return Promise.resolve(app.request(path, init));
    },
    async close() {
      await changes.close();
      await db.close();
      await fresh?.drop();
    },
  };
}

/** Row counts of every table: "nothing changed" in one comparable value. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'sessions',
    'session_tokens',
    'session_events',
    'idempotency',
    'resume_codes',
    'concerns',
    'concern_events',
    'tree_versions',
    'tree_heads',
  ] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const row = await db.kysely
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

/**
 * Row counts of every table the migrations made, staff and coach tables included, found by
 * introspection: a table added later is counted without anyone remembering to list it.
 */
export async function allTableCounts(db: Db): Promise<Record<string, number>> {
  const tables = (await db.kysely.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith('kysely_'));
  const out: Record<string, number> = {};
  for (const name of tables.sort()) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db.kysely);
    out[name] = Number(rows[0]!.n);
  }
  return out;
}

/** Starts a session on the demo tree and returns what a client keeps. */
export async function startSession(t: TestApp, body: Record<string, unknown> = { tree: 'demo/start' }) {
  const res = await t.request('POST', '/api/sessions', body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as { id: string; token: string; resumeCode: string; version: number; state: { step: { id: string } } };
  return { ...created, auth: { authorization: `Bearer ${created.token}` } };
}

let keys = 0;
export const key = () => `test-key-${++keys}-${Math.random().toString(36).slice(2)}`;

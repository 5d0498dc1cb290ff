import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession, SessionState } from '../server/api/contract.js';
import { connect, type Db } from '../server/db/connect.js';
import { migrationProvider } from '../server/db/migrations/index.js';
import { staffRepo, type StaffDb } from '../server/db/staff-repo.js';
import { createStore } from '../server/db/store.js';
import { hashPassword } from '../server/staff/password.js';
import { PG_MISSING, PG_URL, freshDatabase, type FreshDatabase } from '../server/testing/postgres.js';
import { startServer, type ServerProcess } from '../server/testing/server-process.js';

// Two real server processes on one PostgreSQL, the requests of one session alternating between
// them (as a load balancer without sticky sessions sends them): nothing may depend on which node
// answered. The outside test of issue 18 found this held; this pins it.

const SECRET = 'a-handover-secret-of-at-least-32-characters';
let fresh: FreshDatabase;
let nodes: ServerProcess[];
let db: Db;
let receiver: Server;
const delivered: string[] = [];

const key = () => `two-nodes-${Math.random().toString(36).slice(2)}`;
const node = (i: number) => nodes[i % 2]!;
async function call(i: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(node(i).url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any, headers: res.headers };
}
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`still waiting for ${what}`);
}

describe.skipIf(!PG_URL)(`two server processes on one PostgreSQL${PG_URL ? '' : ` (${PG_MISSING})`}`, () => {
  beforeAll(async () => {
    fresh = await freshDatabase();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        delivered.push(body);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    const port = (receiver.address() as { port: number }).port;
    const env = {
      DATABASE_URL: fresh.url,
      TREE_DIRS: 'test/fixtures/demo',
      RETENTION_INTERVAL_SECONDS: '1',
      HANDOVER_TARGETS: JSON.stringify({ buurthuis: { url: `http://127.0.0.1:${port}/overdracht`, secret: SECRET } }),
    };
    // Both start at once on an empty database: both try to migrate it.
    nodes = await Promise.all([startServer(env, 90_000), startServer(env, 90_000)]);
    db = await connect(fresh.url, { poolMax: 2 });
    await staffRepo(db.kysely as unknown as StaffDb).addAccount(
      {
        id: 'acc-mila',
        name: 'mila',
        displayName: 'Mila',
        role: 'medewerker',
        passwordHash: await hashPassword('correct horse battery'),
        oidcSubject: null,
      },
      new Date().toISOString(),
    );
  }, 180_000);
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => (n.proc.kill('SIGTERM'), n.exited)));
    await db?.close();
    await new Promise((done) => receiver?.close(done));
    await fresh?.drop();
  });

  it('migrated the database once, though both nodes started on it together', async () => {
    const applied = await db.kysely
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    const names = (applied as { name: string }[]).map((r) => r.name).sort();
    expect(names).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
  });

  it('one session across both nodes: versions, a 409 with the current state, idempotent retries, resume codes', async () => {
    const created = await call(0, 'POST', '/api/sessions', { tree: 'demo/start' });
    expect(created.status).toBe(201);
    const s = created.body as CreatedSession;
    const auth = { authorization: `Bearer ${s.token}` };
    const first = { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() };
    const answered = await call(1, 'POST', `/api/sessions/${s.id}/answers`, first, auth);
    expect(answered.status).toBe(200);
    expect((answered.body as SessionState).version).toBe(1);
    // The same request again, on the other node: the first result, not a second answer.
    const retried = await call(0, 'POST', `/api/sessions/${s.id}/answers`, first, auth);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(answered.body);
    // Another change on the version both saw: one of them wins, the other hears 409 with the state.
    const stale = await call(0, 'POST', `/api/sessions/${s.id}/answers`, { ...first, value: 'helpen', idempotencyKey: key() }, auth);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version-conflict', state: { version: 1 } });
    expect((await call(0, 'POST', `/api/sessions/${s.id}/back`, { version: 1, idempotencyKey: key() }, auth)).status).toBe(200);
    expect(await createStore(db).sessions.events(s.id)).toHaveLength(2);
    const seen = await call(1, 'GET', `/api/sessions/${s.id}`, undefined, auth);
    expect(seen.body).toMatchObject({ version: 2, trail: [] });
    // A code issued on one node resumes on the other.
    const code = await call(1, 'POST', `/api/sessions/${s.id}/resume-code`, undefined, auth);
    expect(code.status).toBe(201);
    const resumed = await call(0, 'POST', '/api/resume', { code: code.body.resumeCode });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ id: s.id, version: 2 });
    expect((await call(1, 'GET', `/api/sessions/${s.id}`, undefined, { authorization: `Bearer ${resumed.body.token}` })).status).toBe(200);
  });

  it('a staff session signed in on one node works on the other, and a handover leaves the outbox once', async () => {
    const login = await call(0, 'POST', '/api/staff/login', { name: 'mila', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const staff = { cookie, 'x-csrf-token': login.body.csrf as string };
    expect((await call(1, 'GET', '/api/staff/me', undefined, staff)).body).toMatchObject({ name: 'mila', role: 'medewerker' });
    const started = await call(1, 'POST', '/api/staff/sessions', { tree: 'demo/start', channel: 'loket' }, staff);
    expect(started.status).toBe(201);
    const s = started.body as CreatedSession;
    const withToken = { ...staff, 'x-session-token': s.token };
    const answer = { node: 'deur', value: 'helpen', version: 0, idempotencyKey: key(), channel: 'loket' };
    expect((await call(0, 'POST', `/api/staff/sessions/${s.id}/answers`, answer, withToken)).status).toBe(200);
    const handover = await call(
      1,
      'POST',
      `/api/staff/sessions/${s.id}/handover`,
      { serviceId: 'buurthuis', shared: ['trail'], consent: true },
      withToken,
    );
    expect(handover.status).toBe(201);
    // Both nodes scan the outbox (on the request and on their timers); the organisation gets it once.
    const sent = await until('the handover to be sent', async () => {
      const view = await call(0, 'GET', `/api/staff/sessions/${s.id}`, undefined, withToken);
      const h = (view.body.handovers as { status: string }[])[0];
      return h?.status === 'verzonden' ? h : undefined;
    });
    expect(sent.status).toBe('verzonden');
    expect(delivered.filter((d) => d.includes(s.id) || d.includes(handover.body.id))).toHaveLength(1);
    // Signed out on one node is signed out on both.
    expect((await call(1, 'POST', '/api/staff/logout', undefined, staff)).status).toBe(204);
    expect((await call(0, 'GET', '/api/staff/me', undefined, staff)).status).toBe(401);
  });

  it('retention on two nodes purges an expired session and keeps a live one; neither node logged a server error', async () => {
    const store = createStore(db);
    const at = '2026-01-01T00:00:00.000Z';
    const row = (id: string, expiresAt: string) => ({
      id,
      tree: 'demo/start',
      bundleHash: 'b-two-nodes',
      treeVersion: '1.0.0',
      locale: 'nl',
      channel: 'web' as const,
      version: 0,
      createdAt: at,
      updatedAt: at,
      expiresAt,
    });
    await store.trees.saveBundle('b-two-nodes', { gemeente: 'demo', trees: [], services: null }, at);
    await store.sessions.create(
      row('expired-one', '2026-01-02T00:00:00.000Z'),
      { hash: 'tok-expired' },
      { hash: 'code-expired', expiresAt: at },
    );
    await store.sessions.create(
      row('live-one', '2999-01-01T00:00:00.000Z'),
      { hash: 'tok-live' },
      { hash: 'code-live', expiresAt: '2999-01-01T00:00:00.000Z' },
    );
    await until('the expired session to be purged', async () => ((await store.sessions.find('expired-one')) ? undefined : true));
    expect(await store.sessions.find('live-one')).toBeDefined();
    const errors = nodes.flatMap((n) => n.output.filter((l) => /"level":(50|60)/.test(l)));
    expect(errors).toEqual([]);
  });
});

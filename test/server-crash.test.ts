import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession, SessionState } from '../server/api/contract.js';
import { connect } from '../server/db/connect.js';
import { createStore } from '../server/db/store.js';
import { autoAnswer } from '../server/testing/auto-answer.js';
import { startServer, type ServerProcess } from '../server/testing/server-process.js';

// Process-level guarantees of the real server: SIGKILL loses nothing acknowledged, a retry after
// the crash is not applied twice, SIGHUP reloads trees, SIGTERM drains and exits cleanly.
let root: string;
let env: Record<string, string>;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vw-crash-'));
  cpSync(resolve('test/fixtures/demo'), join(root, 'demo'), { recursive: true });
  env = { DATABASE_URL: `sqlite:${join(root, 'crash.db')}`, TREE_DIRS: join(root, 'demo'), RATE_SESSIONS: '100000/60' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Write {
  session: string;
  token: string;
  path: string;
  body: { idempotencyKey: string; version: number; node?: string; value?: unknown };
}

const post = (server: ServerProcess, path: string, body: unknown, token?: string) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('server process', () => {
  it('SIGKILL under concurrent answers: every acknowledged write is stored exactly once, retries are not applied twice', async () => {
    const server = await startServer(env);
    const sessions = await Promise.all(
      Array.from(
        { length: 16 },
        async () => (await (await post(server, '/api/sessions', { tree: 'demo/start' })).json()) as CreatedSession,
      ),
    );
    const acked: Write[] = [];
    const inFlight = new Set<Write>();
    let killed = false;
    let n = 0;
    // Each session is driven by one client: answer until the end, then go back one step, repeat.
    const drive = async (s: CreatedSession) => {
      let state = s.state;
      while (!killed) {
        const write: Write = state.done
          ? {
              session: s.id,
              token: s.token,
              path: `/api/sessions/${s.id}/back`,
              body: { version: state.version, idempotencyKey: `k${++n}-${s.id}` },
            }
          : {
              session: s.id,
              token: s.token,
              path: `/api/sessions/${s.id}/answers`,
              body: { node: state.step.id, value: autoAnswer(state.step), version: state.version, idempotencyKey: `k${++n}-${s.id}` },
            };
        inFlight.add(write);
        try {
          const res = await post(server, write.path, write.body, write.token);
          if (res.status !== 200) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
          state = (await res.json()) as SessionState;
          inFlight.delete(write);
          acked.push(write);
        } catch (err) {
          if (killed) return; // the connection died with the server: stays in flight
          throw err;
        }
      }
    };
    const drivers = sessions.map(drive);
    await new Promise((r) => setTimeout(r, 1500));
    killed = true;
    server.proc.kill('SIGKILL');
    await Promise.allSettled(drivers);
    await server.exited;
    expect(acked.length).toBeGreaterThan(50);

    // Straight from the database file the killed process left behind.
    const db = await connect(env.DATABASE_URL!);
    const store = createStore(db);
    for (const s of sessions) {
      const events = await store.sessions.events(s.id);
      const mine = acked.filter((w) => w.session === s.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // no gaps, no doubles
      for (const w of mine) {
        const e = events.find((x) => x.seq === w.body.version + 1)!;
        expect(e).toBeDefined();
        expect(e.kind).toBe(w.body.node ? 'answer' : 'back');
        if (w.body.node) expect(e.node).toBe(w.body.node);
      }
      // At most the one request that was in flight may have committed without its 2xx.
      expect(events.length - mine.length).toBeLessThanOrEqual(1);
    }
    await db.close();

    // Restart; clients retry what was in flight with the same idempotency key.
    const again = await startServer(env);
    const before = new Map<string, number>();
    const db2 = createStore(await connect(env.DATABASE_URL!));
    for (const s of sessions) before.set(s.id, (await db2.sessions.events(s.id)).length);
    for (const w of inFlight) {
      const res = await post(again, w.path, w.body, w.token);
      // 200: it had committed (same response again) or it applies now; 409: the session moved on.
      expect([200, 409]).toContain(res.status);
    }
    for (const w of inFlight) {
      const events = await db2.sessions.events(w.session);
      const committed = events.filter((e) => e.seq === w.body.version + 1);
      expect(committed).toHaveLength(1);
    }
    for (const s of sessions) {
      const res = await fetch(`${again.url}/api/sessions/${s.id}`, { headers: { authorization: `Bearer ${s.token}` } });
      const state = (await res.json()) as SessionState;
      expect(state.version).toBe((await db2.sessions.events(s.id)).length);
      expect(state.version).toBeGreaterThanOrEqual(before.get(s.id)!);
    }
    await db2.close();
    again.proc.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 60_000);

  it('SIGHUP reloads the trees: a new version serves new sessions without a restart', async () => {
    const server = await startServer(env);
    const file = join(root, 'demo', 'start.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.version = '1.0.1';
    json.nodes.deur.text.nl = 'Wat kunnen we voor je doen?';
    writeFileSync(file, JSON.stringify(json));
    server.proc.kill('SIGHUP');
    let version = '';
    for (let i = 0; i < 50 && version !== '1.0.1'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const trees = (await (await fetch(`${server.url}/api/trees`)).json()) as { id: string; version: string }[];
      version = trees.find((t) => t.id === 'demo/start')!.version;
    }
    expect(version).toBe('1.0.1');
    const created = (await (await post(server, '/api/sessions', { tree: 'demo/start' })).json()) as CreatedSession;
    expect(created.state.step.text).toBe('Wat kunnen we voor je doen?');
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output.some((l) => l.includes('draining'))).toBe(true);
  }, 60_000);
});

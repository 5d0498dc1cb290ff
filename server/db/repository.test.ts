import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRealPostgres } from '../testing/postgres.js';
import { connect, type Db } from './connect.js';
import { sessionRepo, type SessionRow } from './session-repo.js';
import { createStore, type Store } from './store.js';

// One suite, two databases: the repositories must hand back identical JS values on both.
const row = (id: string, at = '2026-11-22T10:00:00.000Z'): SessionRow => ({
  id,
  tree: 'demo/start',
  bundleHash: 'b1',
  treeVersion: '1.0.0',
  locale: 'nl',
  channel: 'web',
  version: 0,
  createdAt: at,
  updatedAt: at,
  expiresAt: '2026-12-22T10:00:00.000Z',
});
const event = (n: number) => ({
  kind: 'answer' as const,
  node: `q${n}`,
  value: { a: [n, 'x'], ok: true },
  channel: 'web' as const,
  at: `2026-11-22T10:00:0${n}.000Z`,
});
const idem = (k: string, version = 1) => ({ key: k, requestHash: `h-${k}`, status: 200, receipt: { version, locale: 'nl' } });

function repositorySuite(name: string, open: () => Promise<Db>) {
  describe(`repositories on ${name}`, () => {
    let db: Db;
    let store: Store;
    beforeAll(async () => {
      db = await open();
      store = createStore(db);
      await store.trees.saveBundle('b1', { gemeente: 'demo', trees: [], services: null }, '2026-11-22T10:00:00.000Z');
    });
    afterAll(() => db.close());

    it('creates a session with token and code and authorises by token hash', async () => {
      await store.sessions.create(row('s1'), { hash: 'tok1' }, { hash: 'code1', expiresAt: '2026-11-29T10:00:00.000Z' });
      expect(await store.sessions.authorize('s1', 'tok1')).toEqual({ session: row('s1'), tokenOk: true });
      expect(await store.sessions.authorize('s1', 'other')).toEqual({ session: row('s1'), tokenOk: false });
      expect(await store.sessions.authorize('nope', 'tok1')).toBeUndefined();
      expect(await store.sessions.resumeCode('code1')).toEqual({
        sessionId: 's1',
        expiresAt: '2026-11-29T10:00:00.000Z',
        staffUsedAt: null,
      });
      // A taken resume code: 'conflict', and nothing of the new session stays.
      const clash = await store.sessions.create(row('s9'), { hash: 'tok9' }, { hash: 'code1', expiresAt: '2026-11-29T10:00:00.000Z' });
      expect(clash).toBe('conflict');
      expect(await store.sessions.find('s9')).toBeUndefined();
      expect(await store.sessions.authorize('s9', 'tok9')).toBeUndefined();
      expect(await store.sessions.addResumeCode('s1', 'code1', '2026-11-22T10:00:00.000Z', '2026-11-29T10:00:00.000Z')).toBe('conflict');
    });

    it('appends events with version check and idempotency in one transaction; types round-trip', async () => {
      const base = { sessionId: 's1', expiresAt: '2026-12-23T10:00:00.000Z' };
      expect(await store.sessions.append({ ...base, expectVersion: 0, event: event(1), idempotency: idem('k1') })).toBe('ok');
      expect(await store.sessions.append({ ...base, expectVersion: 0, event: event(2), idempotency: idem('k2') })).toBe('conflict');
      // Same key at the right version: the idempotency key wins the race, nothing half-written.
      expect(await store.sessions.append({ ...base, expectVersion: 1, event: event(2), idempotency: idem('k1') })).toBe('conflict');
      expect(await store.sessions.append({ ...base, expectVersion: 1, event: event(2), idempotency: idem('k2') })).toBe('ok');
      const events = await store.sessions.events('s1');
      expect(events).toEqual([
        { seq: 1, ...event(1) },
        { seq: 2, ...event(2) },
      ]);
      expect((await store.sessions.find('s1'))!.version).toBe(2);
      expect(await store.sessions.stored('s1', 'k1')).toEqual({
        requestHash: 'h-k1',
        status: 200,
        body: { version: 1, locale: 'nl' },
      });
    });

    it('hands a stored response out again only once the database says it is durable', async () => {
      let release = () => undefined as void;
      const gate = new Promise<void>((done) => (release = done));
      const gated = sessionRepo(db.kysely, db.committer, () => gate);
      let authorized = false;
      let stored = false;
      const replayAuthorize = gated.authorize('s1', 'tok1', 'k1').then((r) => ((authorized = true), r));
      const replayStored = gated.stored('s1', 'k1').then((r) => ((stored = true), r));
      // Lookups that find nothing stored do not wait.
      expect(await gated.authorize('s1', 'tok1', 'no-such-key')).toEqual({ session: expect.objectContaining({ id: 's1' }), tokenOk: true });
      expect(await gated.stored('s1', 'no-such-key')).toBeUndefined();
      await new Promise((done) => setTimeout(done, 20));
      expect([authorized, stored]).toEqual([false, false]);
      release();
      expect((await replayAuthorize)!.stored).toMatchObject({ requestHash: 'h-k1', status: 200 });
      expect(await replayStored).toMatchObject({ requestHash: 'h-k1', body: { version: 1, locale: 'nl' } });
    });

    it('lets exactly one of many concurrent appends at one version win', async () => {
      await store.sessions.create(row('s2'), { hash: 'tok2' }, { hash: 'code2', expiresAt: '2026-11-29T10:00:00.000Z' });
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          store.sessions.append({
            sessionId: 's2',
            expectVersion: 0,
            event: event(i),
            idempotency: idem(`c${i}`),
            expiresAt: '2026-12-23T10:00:00.000Z',
          }),
        ),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(await store.sessions.events('s2')).toHaveLength(1);
    });

    it('stores concerns, moves their status once, and lists them for a staff inbox', async () => {
      const at = '2026-11-22T11:00:00.000Z';
      const concern = {
        id: 'c1',
        reference: 'VW-AAA-BBBB',
        sessionId: null,
        gemeente: 'demo',
        about: 'kind',
        noticed: 'tekst',
        urgency: 'dringend',
        area: null,
        reporter: { email: 'a@b.nl' },
        receiver: null,
        status: 'ontvangen' as const,
        pickedUpBy: null,
        feedback: null,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
      };
      expect(await store.concerns.create(concern, 'st1', { key: 'ck1', requestHash: 'h', body: { reference: 'VW-AAA-BBBB' } })).toBe('ok');
      expect(
        await store.concerns.create({ ...concern, id: 'c2', reference: 'VW-CCC-DDDD' }, 'st2', { key: 'ck1', requestHash: 'h', body: {} }),
      ).toBe('conflict');
      expect(await store.concerns.list()).toEqual([concern]);
      expect(await store.concerns.pickUp('c1', 'Wijkteam', 'staff', at)).toBe(true);
      expect(await store.concerns.pickUp('c1', 'Ander team', 'staff', at)).toBe(false);
      expect(await store.concerns.statusByToken('st1')).toEqual({
        reference: 'VW-AAA-BBBB',
        status: 'opgepakt',
        pickedUpBy: 'Wijkteam',
        feedback: null,
        updatedAt: at,
        receiver: null,
        gemeente: 'demo',
      });
    });

    it('keeps every served bundle and the head per tree', async () => {
      const bundle = { gemeente: 'demo', trees: [{ name: 'start', json: { id: 'start', n: [1, 2] } }], services: null };
      await store.trees.saveBundle('b2', bundle, '2026-11-22T10:00:00.000Z');
      await store.trees.saveBundle('b2', bundle, '2026-11-23T10:00:00.000Z');
      expect(await store.trees.bundle('b2')).toEqual(bundle);
      const head = {
        tree: 'demo/start',
        bundleHash: 'b2',
        contentHash: 'c',
        key: 'k',
        version: '1.0.0',
        since: '2026-11-22T10:00:00.000Z',
      };
      await store.trees.setHead(head);
      await store.trees.setHead({ ...head, version: '1.1.0' });
      expect(await store.trees.heads()).toEqual([{ ...head, version: '1.1.0' }]);
    });

    it('purges expired sessions with everything they own, and closed concerns past retention', async () => {
      await store.sessions.create(
        { ...row('old'), expiresAt: '2026-11-01T00:00:00.000Z' },
        { hash: 'tok-old' },
        { hash: 'code-old', expiresAt: '2026-11-01T00:00:00.000Z' },
      );
      await store.sessions.append({
        sessionId: 'old',
        expectVersion: 0,
        event: event(1),
        idempotency: idem('o1'),
        expiresAt: '2026-11-01T00:00:00.000Z',
      });
      await store.concerns.close('c1', 'Opgelost', 'staff', '2026-11-22T12:00:00.000Z');
      // Open reports, coach plans and the audit log are kept here (their cut-offs lie in the past); retention-job.test.ts purges them.
      const kept = { openConcerns: '2000-01-01T00:00:00.000Z', coachPlans: '2000-01-01T00:00:00.000Z', audit: '2000-01-01T00:00:00.000Z' };
      const none = { openConcerns: 0, coachPlans: 0, auditRows: 0 };
      expect(
        await store.retention.purge({
          now: '2026-11-22T00:00:00.000Z',
          closedConcerns: '2026-11-22T00:00:00.000Z',
          receipts: '2026-11-21T00:00:00.000Z',
          ...kept,
        }),
      ).toEqual({ sessions: 1, concerns: 0, ...none });
      expect(await store.sessions.find('old')).toBeUndefined();
      expect(await store.sessions.events('old')).toEqual([]);
      expect(await store.sessions.resumeCode('code-old')).toBeUndefined();
      expect(await store.sessions.find('s1')).toBeDefined();
      expect(
        await store.retention.purge({
          now: '2026-11-22T00:00:00.000Z',
          closedConcerns: '2026-11-23T00:00:00.000Z',
          receipts: '2026-11-21T00:00:00.000Z',
          ...kept,
        }),
      ).toEqual({ sessions: 0, concerns: 1, ...none });
      expect(await store.concerns.events('c1')).toEqual([]);
    });
  });
}

repositorySuite('SQLite in memory (on the event loop)', () => connect('sqlite::memory:'));

let dir: string | undefined;
repositorySuite('a SQLite file (the writer thread)', () => {
  dir = mkdtempSync(join(tmpdir(), 'vw-repo-'));
  return connect(`sqlite:${join(dir, 'x.db')}`);
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

let pglite: PGlite;
let server: PGLiteSocketServer;
repositorySuite('PostgreSQL (PGlite over a socket)', async () => {
  pglite = await PGlite.create();
  server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  const conn = server.getServerConn();
  return connect(`postgres://postgres@${conn}/postgres`, { poolMax: 4 });
});
afterAll(async () => {
  await server?.stop();
  await pglite?.close();
});

onRealPostgres(repositorySuite, (url) => connect(url, { poolMax: 4 }));

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRepo } from '../db/audit-repo.js';
import { concernInbox } from '../db/concern-inbox.js';
import { onRealPostgres } from '../testing/postgres.js';
import { connect, type Db } from '../db/connect.js';
import { staffRepo, type StaffDb } from '../db/staff-repo.js';
import { createStore } from '../db/store.js';
import { coachRepo } from './coach/coach-repo.js';

// The staff tables (migration 0002) on both dialects: same JS values back, same race outcomes.
const AT = '2026-11-22T10:00:00.000Z';
let n = 0;
const id = () => `id-${++n}`;

function staffSuite(name: string, open: () => Promise<Db>) {
  describe(`staff repositories on ${name}`, () => {
    let db: Db;
    let k: StaffDb;
    beforeAll(async () => {
      db = await open();
      k = db.kysely as unknown as StaffDb;
    });
    afterAll(() => db.close());

    it('accounts, sessions joined to their account, and unique names', async () => {
      const repo = staffRepo(k);
      expect(
        await repo.addAccount(
          { id: 'a1', name: 'mila', displayName: 'Mila', role: 'medewerker', passwordHash: 'scrypt$x', oidcSubject: null },
          AT,
        ),
      ).toBe('ok');
      expect(
        await repo.addAccount(
          { id: 'a2', name: 'mila', displayName: 'Other', role: 'beheerder', passwordHash: null, oidcSubject: null },
          AT,
        ),
      ).toBe('exists');
      await repo.createSession({ idHash: 'h1', accountId: 'a1', csrfHash: 'c1', at: AT, expiresAt: '2026-11-22T22:00:00.000Z' });
      expect(await repo.session('h1')).toEqual({
        account: {
          id: 'a1',
          name: 'mila',
          displayName: 'Mila',
          role: 'medewerker',
          passwordHash: 'scrypt$x',
          oidcSubject: null,
          active: true,
        },
        csrfHash: 'c1',
        createdAt: AT,
        lastSeenAt: AT,
        expiresAt: '2026-11-22T22:00:00.000Z',
      });
      expect(await repo.purgeExpired('2026-11-22T11:00:00.000Z', '2026-11-22T10:30:00.000Z')).toBe(1);
      expect(await repo.session('h1')).toBeUndefined();
    });

    it('consents decide access; the inbox query filters on claims', async () => {
      const repo = staffRepo(k);
      await repo.addConsent({
        id: id(),
        session_id: 's1',
        account_id: 'a1',
        purpose: 'resume',
        channel: 'telefoon',
        consent_text: 'tekst',
        at: AT,
      });
      await repo.addConsent({
        id: id(),
        session_id: 's2',
        account_id: 'a1',
        purpose: 'handover',
        channel: 'telefoon',
        consent_text: 'tekst',
        at: AT,
      });
      expect(await repo.hasAccess('s1', 'a1')).toBe(true);
      expect(await repo.hasAccess('s2', 'a1')).toBe(false);
      const store = createStore(db);
      for (const [cid, urgency] of [
        ['c1', 'dringend'],
        ['c2', 'niet-dringend'],
      ] as const) {
        await store.concerns.create(
          {
            id: cid,
            reference: `VW-${cid}`,
            sessionId: null,
            gemeente: 'demo',
            about: 'oudere',
            noticed: 'x',
            urgency,
            area: null,
            reporter: null,
            receiver: null,
            status: 'ontvangen',
            pickedUpBy: null,
            feedback: null,
            createdAt: AT,
            updatedAt: AT,
            closedAt: null,
          },
          `tok-${cid}`,
          { key: `key-${cid}`, requestHash: 'h', body: {} },
        );
      }
      await repo.claim('c2', 'a1', AT);
      const inbox = concernInbox(k);
      expect((await inbox.page({}, undefined, 10)).items.map((r) => [r.id, r.claimed_by])).toEqual([
        ['c1', null],
        ['c2', 'a1'],
      ]);
      expect((await inbox.page({ claimedBy: 'a1' }, undefined, 10)).items.map((r) => r.id)).toEqual(['c2']);
      expect((await inbox.page({ urgency: 'dringend' }, undefined, 10)).items.map((r) => r.id)).toEqual(['c1']);
      // Pages of one: the cursor carries rank, time and id, so rows with the same time are neither skipped nor repeated.
      const first = await inbox.page({}, undefined, 1);
      expect(first.items.map((r) => r.id)).toEqual(['c1']);
      const second = await inbox.page({}, first.next!, 1);
      expect(second.items.map((r) => r.id)).toEqual(['c2']);
      expect(second.next).toBeNull();
      expect(await inbox.counts({})).toEqual({ ontvangen: 2, opgepakt: 0, afgerond: 0 });
      expect(await inbox.counts({ urgency: 'dringend' })).toEqual({ ontvangen: 1, opgepakt: 0, afgerond: 0 });
      expect(await repo.concernById('c2')).toMatchObject({ id: 'c2', claimed_by: 'a1', status: 'ontvangen' });
    });

    it('coach changes: applied once per key, refused on a stale revision, linked without a new revision', async () => {
      const coach = coachRepo(k, db.durable);
      await coach.createPlan({ id: 'p1', accountId: 'a1', label: 'J.', question: 'q', at: AT });
      const apply = (key: string, base: number, score: number) =>
        coach.apply({
          planId: 'p1',
          domain: 'geld',
          baseRevision: base,
          next: { score, note: '', sessionId: null, updatedAt: AT },
          key,
          requestHash: key,
          response: (e) => ({ entry: e }),
        });
      expect(await apply('k1', 0, 2)).toMatchObject({ ok: true, body: { entry: { revision: 1, score: 2 } } });
      expect(await apply('k2', 0, 3)).toEqual({ ok: false }); // a second "first" insert loses
      expect(await apply('k1', 1, 3)).toEqual({ ok: false }); // a reused key loses
      expect(await apply('k3', 1, 4)).toMatchObject({ ok: true });
      expect(await coach.linkSession('p1', 'geld', 'sess-1')).toMatchObject({ revision: 2, score: 4, sessionId: 'sess-1' });
      expect(await coach.change('p1', 'k3')).toEqual({
        requestHash: 'k3',
        status: 200,
        body: { entry: { domain: 'geld', score: 4, note: '', sessionId: null, revision: 2, updatedAt: AT } },
      });
      expect((await coach.changeCount('p1')).map((c) => c.key).sort()).toEqual(['k1', 'k3']);

      // A stored change goes out again (to a retry) only once the database says it is durable.
      let release = () => undefined as void;
      const gated = coachRepo(k, () => new Promise<void>((done) => (release = done)));
      let answered = false;
      const replay = gated.change('p1', 'k3').then((r) => ((answered = true), r));
      await new Promise((done) => setTimeout(done, 20));
      expect(answered).toBe(false);
      release();
      expect(await replay).toMatchObject({ requestHash: 'k3', status: 200 });
    });

    it('audit rows read back in write order, also within one millisecond', async () => {
      const audit = auditRepo(k, id);
      for (const action of ['concern.read', 'concern.claim', 'concern.close'])
        await audit.write({
          at: AT,
          accountId: 'a1',
          role: 'behandelaar',
          action,
          targetKind: 'concern',
          targetId: 'c9',
          detail: { n: 1 },
        });
      expect((await audit.forTarget('concern', 'c9')).map((r) => [r.action, r.detail])).toEqual([
        ['concern.read', { n: 1 }],
        ['concern.claim', { n: 1 }],
        ['concern.close', { n: 1 }],
      ]);
    });

    it('the audit log is a hash chain: two nodes racing for its end each get a place, and a changed or removed row is found', async () => {
      // Two repos on one database, as two server processes would be.
      const audit = auditRepo(k, id);
      const otherNode = auditRepo(k, id);
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? otherNode : audit).write({
            at: AT,
            accountId: 'a1',
            role: 'beheerder',
            action: `race.${i}`,
            targetKind: 'account',
            targetId: 'a1',
            address: '203.0.113.7',
          }),
        ),
      );
      const before = await audit.verify();
      expect(before.intact).toBe(true);
      const rows = await k.selectFrom('audit_log').select(['seq', 'address']).where('action', 'like', 'race.%').execute();
      expect(new Set(rows.map((r) => Number(r.seq))).size).toBe(12);
      expect(rows.every((r) => r.address === '203.0.113.7')).toBe(true);
      const victim = Math.max(...rows.map((r) => Number(r.seq))) - 3;
      await k.updateTable('audit_log').set({ detail: '{"edited":true}' }).where('seq', '=', victim).execute();
      expect(await audit.verify()).toEqual({ checked: victim - 1, intact: false, brokenAt: victim });
    });
  });
}

staffSuite('SQLite', () => connect('sqlite::memory:'));

let pglite: PGlite;
let server: PGLiteSocketServer;
staffSuite('PostgreSQL (PGlite over a socket)', async () => {
  pglite = await PGlite.create();
  server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  return connect(`postgres://postgres@${server.getServerConn()}/postgres`, { poolMax: 4 });
});
afterAll(async () => {
  await server?.stop();
  await pglite?.close();
});

onRealPostgres(staffSuite, (url) => connect(url, { poolMax: 4 }));

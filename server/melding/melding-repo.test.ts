import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../db/connect.js';
import { meldingRepo, type MeldingDb, type MeldingenTable } from './melding-repo.js';

const at = '2026-12-04T10:00:00.000Z';
const row = (id: string, session: string): MeldingenTable => ({
  id,
  reference: `VW-${id}`,
  status_token_hash: `hash-${id}`,
  session_id: session,
  gemeente: 'kustdorp',
  tree: 'kustdorp/start',
  locale: 'nl',
  channel: 'web',
  made_by: null,
  made_by_name: null,
  for_whom: 'zelf',
  consent_text: null,
  person: '{}',
  contact: '{}',
  summary: '{}',
  status: 'ontvangen',
  claimed_by: null,
  close_note: null,
  created_at: at,
  updated_at: at,
  closed_at: null,
});

// Migrations 0007 and 0008 and the outbox's compare-and-set, on both dialects.
function suite(name: string, open: () => Promise<Db>) {
  describe(`melding repository on ${name}`, () => {
    it('stores melding, outbox row and receipt together; one melding per session; claims are compare-and-set', async () => {
      const db = await open();
      const repo = meldingRepo(db.kysely as unknown as MeldingDb, db.committer);
      const idem = (key: string) => ({ key, requestHash: 'h', body: { ok: true } });
      expect(await repo.create(row('a', 's1'), true, idem('k1'))).toBe('ok');
      // The same session again (another key): refused, and nothing of it stays behind.
      expect(await repo.create(row('b', 's1'), true, idem('k2'))).toBe('conflict');
      expect(await repo.byId('b')).toBeUndefined();
      expect(await repo.registration('b')).toBeUndefined();
      expect(await repo.create(row('c', 's2'), false, idem('k3'))).toBe('ok');
      expect(await repo.registration('c')).toBeUndefined();

      const [due] = await repo.dueRegistrations(at);
      expect(due).toMatchObject({ melding_id: 'a', status: 'wachten', attempts: 0 });
      const lease = '2026-12-04T10:05:00.000Z';
      expect(await repo.moveRegistration('a', due!, { status: 'bezig', next_attempt_at: lease })).toBe(true);
      // A second worker with the same stale read loses.
      expect(await repo.moveRegistration('a', due!, { status: 'bezig', next_attempt_at: lease })).toBe(false);
      expect(await repo.dueRegistrations(at)).toEqual([]);
      expect(await repo.saveStep('a', lease, { zaak_url: 'https://zaak/1' })).toBe(true);
      expect(await repo.saveStep('a', 'another-lease', { status_url: 'https://status/1' })).toBe(false);
      // The lease ran out: the row is due again, with what it had saved.
      expect(await repo.dueRegistrations('2026-12-04T10:06:00.000Z')).toEqual([
        expect.objectContaining({ melding_id: 'a', zaak_url: 'https://zaak/1', status_url: null }),
      ]);
      expect((await repo.list()).map((r) => r.reference)).toEqual(['VW-a', 'VW-c']);

      // Retention: a melding closed in the inbox, and one the case system holds, go after the period.
      const later = '2026-12-04T12:00:00.000Z';
      expect(
        await repo.moveRegistration('a', { status: 'bezig', next_attempt_at: lease }, { status: 'geregistreerd', updated_at: at }),
      ).toBe(true);
      expect(await repo.purge(at)).toBe(0);
      expect(await repo.move('c', 'ontvangen', { status: 'opgepakt' })).toBe(true);
      expect(await repo.purge(later)).toBe(1);
      expect(await repo.move('c', 'opgepakt', { status: 'afgerond', closed_at: at })).toBe(true);
      expect(await repo.purge(later)).toBe(1);
      expect(await repo.list()).toEqual([]);
      expect(await repo.registration('a')).toBeUndefined();
      await db.close();
    });
  });
}

let dir: string | undefined;
suite('a SQLite file', () => {
  dir = mkdtempSync(join(tmpdir(), 'vw-melding-'));
  return connect(`sqlite:${join(dir, 'x.db')}`);
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

let pglite: PGlite;
let server: PGLiteSocketServer;
suite('PostgreSQL (PGlite over a socket)', async () => {
  pglite = await PGlite.create();
  server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  return connect(`postgres://postgres@${server.getServerConn()}/postgres`, { poolMax: 4 });
});
afterAll(async () => {
  await server?.stop();
  await pglite?.close();
});

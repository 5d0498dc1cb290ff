// Residents' own data (issue 19) and staff access to it (issue 18, defect 9), through the HTTP API.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../db/connect.js';
import type { ConcernReceipt, CreatedSession, MyData, SessionState } from '../api/contract.js';
import { sql } from 'kysely';
import { allTableCounts, DEMO_DIR, key, startSession } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from '../staff/staff-test-kit.js';
import { startZgwFake, type ZgwFake } from '../../test/zgw-fake/zgw-fake.js';
import { DEFAULTS } from '../config.js';
import { KUSTDORP_DIR, meldingFields, walkToMelding } from '../melding/melding-test-kit.js';
import { meldingModule } from '../melding/melding-module.js';
import { concernZgwConfig } from '../zgw/zgw-concern-config.js';
import { zgwConfigFromEnv } from '../zgw/zgw-config.js';

let t: StaffTest;
let mila: StaffAgent;
let bas: StaffAgent;
let bart: StaffAgent;
let stopPg: (() => Promise<void>) | undefined;

/** A fresh database per test: SQLite in memory, or PostgreSQL (PGlite over a socket, like repository.test.ts). */
async function database(dialect: string): Promise<Db | undefined> {
  if (dialect === 'sqlite') return undefined;
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  stopPg = async () => {
    await server.stop();
    await pglite.close();
  };
  return connect(`postgres://postgres@${server.getServerConn()}/postgres`, { poolMax: 4 });
}

async function boot(dialect: string, config: NonNullable<Parameters<typeof staffTest>[2]>['config'] = {}) {
  const db = await database(dialect);
  t = await staffTest({}, undefined, { config, ...(db ? { db } : {}) });
  await t.addAccount('mila', 'medewerker');
  await t.addAccount('bas', 'medewerker');
  mila = await t.login('mila');
  bas = await t.login('bas');
}
let fake: ZgwFake | undefined;
afterEach(async () => {
  await t.close();
  await stopPg?.();
  stopPg = undefined;
  await fake?.close();
  fake = undefined;
});

/** Again, on the kustdorp fixture (the Wmo melding, kustdorp/zorgen's receivers), with the ZGW fake connected or not. */
async function bootKustdorp(dialect: string, zgw: boolean) {
  await t.close();
  await stopPg?.();
  const dirs = [KUSTDORP_DIR, DEMO_DIR];
  let config = {};
  if (zgw) {
    fake = await startZgwFake();
    const targets = zgwConfigFromEnv({ ZGW_CONFIG: JSON.stringify({ kustdorp: fake.target() }) }, ['kustdorp', 'demo']);
    config = { zgw: { ...DEFAULTS.zgw, targets, concerns: concernZgwConfig(dirs, targets), timeoutMs: 2000 } };
  }
  await boot(dialect, { treeDirs: dirs, ...config });
  await t.addAccount('bart', 'behandelaar');
  return t.login('bart');
}

/** Every table (but the audit log) whose rows mention any of these; the audit log when it holds any of `content`. */
async function tablesHolding(ids: string[], content: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of Object.keys(await allTableCounts(t.db))) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.db.kysely);
    const text = JSON.stringify(rows);
    const needles = name === 'audit_log' ? content : [...ids, ...content];
    if (needles.some((n) => text.includes(n))) found.push(name);
  }
  return found;
}

const HOUR = 3_600_000;
const staffResume = (who: StaffAgent, code: string) => who.call('POST', '/api/staff/resume', { code, channel: 'telefoon', consent: true });

async function resident(locale?: string) {
  const s = await startSession(t, { tree: 'demo/start', ...(locale ? { locale } : {}) });
  const res = await t.request(
    'POST',
    `/api/sessions/${s.id}/answers`,
    { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
    s.auth,
  );
  expect(res.status).toBe(200);
  return s;
}
const myData = async (s: { id: string; auth: Record<string, string> }) => {
  const res = await t.request('GET', `/api/sessions/${s.id}/my-data`, undefined, s.auth);
  expect(res.status).toBe(200);
  return (await res.json()) as MyData;
};
const auditActions = async () => (await t.kit.audit.page(undefined, 500)).map((r) => r.action).reverse();

for (const dialect of ['sqlite', 'postgres']) {
  // PostgreSQL runs the tests whose statements differ most (updates across tables, deletes in one
  // transaction, the locale column); the rest are dialect-free and run on SQLite only.
  describe(`on ${dialect}`, () => {
    beforeEach(() => boot(dialect));

    describe("the session's language is kept", () => {
      it('a switch is stored: a reload and a resume by code answer in it without asking', async () => {
        const s = await resident();
        const set = await t.request('POST', `/api/sessions/${s.id}/locale`, { locale: 'en' }, s.auth);
        expect(set.status).toBe(200);
        expect(((await set.json()) as SessionState).locale).toBe('en');
        const reload = (await (await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).json()) as SessionState;
        expect(reload).toMatchObject({ locale: 'en', step: { text: 'What do you need help with?' } });
        const resumed = (await (await t.request('POST', '/api/resume', { code: s.resumeCode })).json()) as CreatedSession;
        expect(resumed.state.locale).toBe('en');
        expect(resumed.state.trail[0]).toMatchObject({ question: 'What do you want to do?', answer: 'I look for a solution' });
      });

      (dialect === 'sqlite' ? it : it.skip)('refuses a language that is no language code, and changes nothing', async () => {
        const s = await resident();
        const bad = await t.request('POST', `/api/sessions/${s.id}/locale`, { locale: 'english!' }, s.auth);
        expect(bad.status).toBe(422);
        expect(await bad.json()).toMatchObject({ errors: [expect.objectContaining({ pointer: '/locale' })] });
        expect(((await (await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).json()) as SessionState).locale).toBe('nl');
        const stranger = await t.request(
          'POST',
          `/api/sessions/${s.id}/locale`,
          { locale: 'en' },
          { authorization: `Bearer ${'x'.repeat(43)}` },
        );
        expect(stranger.status).toBe(401);
      });
    });

    describe('Mijn gegevens', () => {
      (dialect === 'sqlite' ? it : it.skip)(
        'shows answers with their channel, who of the staff opened the session when and how, their notes and a linked concern',
        async () => {
          const s = await resident();
          const opened = (await (await staffResume(mila, s.resumeCode)).json()) as CreatedSession;
          const note = await mila.call(
            'POST',
            `/api/staff/sessions/${s.id}/notes`,
            { node: 'deur', text: 'Belt terug na de vakantie.' },
            {
              headers: { 'x-session-token': opened.token },
            },
          );
          expect(note.status).toBe(201);
          const concern = await t.request(
            'POST',
            '/api/concerns',
            {
              sessionId: s.id,
              about: 'oudere',
              noticed: 'Zie haar niet meer.',
              urgency: 'niet-dringend',
              reporter: null,
              idempotencyKey: key(),
            },
            s.auth,
          );
          expect(concern.status).toBe(201);
          const data = await myData(s);
          expect(data.session).toMatchObject({ id: s.id, tree: 'demo/start', locale: 'nl', channel: 'web' });
          expect(data.answers).toEqual([
            { question: 'Wat wil je doen?', answer: 'Ik zoek een oplossing', channel: 'web', at: expect.any(String) },
          ]);
          expect(data.staffAccess).toEqual([
            { by: 'Mila', purpose: 'resume', channel: 'telefoon', at: expect.any(String), revokedAt: null },
          ]);
          expect(data.notes).toEqual([{ node: 'deur', text: 'Belt terug na de vakantie.', by: 'Mila', at: expect.any(String) }]);
          expect(data.concerns).toEqual([expect.objectContaining({ noticed: 'Zie haar niet meer.', status: 'ontvangen' })]);
          // Reading one's own data is audited too, without content.
          const row = (await t.kit.audit.page(undefined, 10)).find((r) => r.action === 'session.my-data')!;
          expect(row).toMatchObject({ target_id: s.id, account_id: null, detail: null });
        },
      );

      (dialect === 'sqlite' ? it : it.skip)('only with the session token', async () => {
        const s = await resident();
        expect((await t.request('GET', `/api/sessions/${s.id}/my-data`)).status).toBe(401);
        const other = await startSession(t);
        expect((await t.request('GET', `/api/sessions/${s.id}/my-data`, undefined, other.auth)).status).toBe(401);
      });

      it('deletes everything about the session; the audit entry holds no content', async () => {
        const before = await allTableCounts(t.db);
        const s = await resident();
        const opened = (await (await staffResume(mila, s.resumeCode)).json()) as CreatedSession;
        await mila.call(
          'POST',
          `/api/staff/sessions/${s.id}/notes`,
          { node: 'deur', text: 'Geheim briefje' },
          { headers: { 'x-session-token': opened.token } },
        );
        await t.request(
          'POST',
          '/api/concerns',
          {
            sessionId: s.id,
            about: 'oudere',
            noticed: 'Woorden van de melder',
            urgency: 'niet-dringend',
            reporter: { name: 'Ans' },
            idempotencyKey: key(),
          },
          s.auth,
        );
        const unconfirmed = await t.request('POST', `/api/sessions/${s.id}/erase`, {}, s.auth);
        expect(unconfirmed.status).toBe(422);
        const res = await t.request('POST', `/api/sessions/${s.id}/erase`, { confirm: true }, s.auth);
        expect(res.status).toBe(200);
        expect((await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).status).toBe(404);
        const after = await allTableCounts(t.db);
        // Only the audit log grew (and the concern's idempotency receipt, which retention drops after a day).
        const grown = Object.keys(after).filter((k) => after[k] !== before[k]);
        expect(grown.sort()).toEqual(['audit_log', 'idempotency', 'staff_sessions'].filter((k) => grown.includes(k)).sort());
        expect(after.sessions).toBe(before.sessions);
        expect(after.concerns).toBe(before.concerns);
        expect(after.staff_notes).toBe(before.staff_notes);
        expect(after.staff_consents).toBe(before.staff_consents);
        const erased = (await t.kit.audit.page(undefined, 10)).find((r) => r.action === 'session.erased')!;
        expect(erased).toMatchObject({ target_id: s.id, detail: { concerns: 1 } });
        const log = JSON.stringify(await t.kit.audit.page(undefined, 500));
        for (const content of ['Geheim briefje', 'Woorden van de melder', 'Ans', 'oplossing']) expect(log).not.toContain(content);
        expect((await t.kit.audit.verify()).intact).toBe(true);
      });

      it('a reporter withdraws a concern report with its status token', async () => {
        const receipt = (await (
          await t.request('POST', '/api/concerns', {
            about: 'oudere',
            noticed: 'Iets',
            urgency: 'niet-dringend',
            reporter: null,
            gemeente: 'demo',
            idempotencyKey: key(),
          })
        ).json()) as ConcernReceipt;
        expect((await t.request('POST', '/api/concerns/status/not-a-token/withdraw')).status).toBe(404);
        const res = await t.request('POST', `/api/concerns/status/${receipt.statusToken}/withdraw`);
        expect(res.status).toBe(200);
        expect((await t.request('GET', `/api/concerns/status/${receipt.statusToken}`)).status).toBe(404);
        expect((await t.request('POST', `/api/concerns/status/${receipt.statusToken}/withdraw`)).status).toBe(404);
        expect(await auditActions()).toContain('concern.withdrawn');
      });
    });

    describe('the Wmo melding and the staff’s notes on a linked report', () => {
      it('the export lists the melding with the inbox’s close note and counts the report’s internal notes; erase leaves no row of it in any table; the audit entry holds counts only', async () => {
        bart = await bootKustdorp(dialect, false);
        const s = await startSession(t, { tree: 'kustdorp/start' });
        await walkToMelding((path, body) => t.request('POST', path, body, s.auth), s, 'zelf');
        const made = await t.request('POST', '/api/meldingen', { sessionId: s.id, ...meldingFields() }, s.auth);
        expect(made.status).toBe(201);
        const melding = (await made.json()) as { reference: string };
        const { items } = (await (await bart.call('GET', '/api/staff/meldingen')).json()) as { items: { id: string }[] };
        expect((await bart.call('POST', `/api/staff/meldingen/${items[0]!.id}/claim`)).status).toBe(200);
        expect(
          (await bart.call('POST', `/api/staff/meldingen/${items[0]!.id}/close`, { note: 'Huisbezoek gepland op dinsdag.' })).status,
        ).toBe(200);
        const concern = (await (
          await t.request(
            'POST',
            '/api/concerns',
            {
              sessionId: s.id,
              about: 'oudere',
              noticed: 'Buurvrouw valt vaak.',
              urgency: 'niet-dringend',
              reporter: { name: 'Anna' },
              idempotencyKey: key(),
            },
            s.auth,
          )
        ).json()) as ConcernReceipt;
        const { id: concernId } = await t.db.kysely
          .selectFrom('concerns')
          .select('id')
          .where('reference', '=', concern.reference)
          .executeTakeFirstOrThrow();
        const note = await bart.call('POST', `/api/staff/concerns/${concernId}/notes`, {
          text: 'Wijkteam belt haar morgen.',
          idempotencyKey: key(),
        });
        expect(note.status).toBe(201);

        const data = await myData(s);
        expect(data.meldingen).toEqual([
          expect.objectContaining({
            reference: melding.reference,
            channel: 'web',
            forWhom: 'zelf',
            person: expect.objectContaining({ name: 'Anna de Vries', postcode: '2011 AB' }),
            contact: expect.objectContaining({ phone: '06 12345678' }),
            status: 'afgerond',
            claimedBy: 'Bart',
            closeNote: 'Huisbezoek gepland op dinsdag.',
            zaak: null,
          }),
        ]);
        expect(data.concerns).toEqual([
          expect.objectContaining({ reference: concern.reference, internalNotes: 1, zaakIdentificatie: null }),
        ]);
        // The report's internal notes are about the person the report is about: counted, not shown (README).
        expect(JSON.stringify(data)).not.toContain('Wijkteam belt');

        const res = await t.request('POST', `/api/sessions/${s.id}/erase`, { confirm: true }, s.auth);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ erased: true, stillInCaseSystem: [] });
        const content = [
          'Anna de Vries',
          '2011 AB',
          '06 12345678',
          'Buurvrouw valt vaak',
          'Huisbezoek gepland',
          'Wijkteam belt',
          concern.statusToken,
        ];
        expect(await tablesHolding([s.id, melding.reference, concern.reference, concernId, items[0]!.id], content)).toEqual([]);
        const erased = (await t.kit.audit.page(undefined, 10)).find((r) => r.action === 'session.erased')!;
        expect(erased).toMatchObject({ target_id: s.id, detail: { concerns: 1, meldingen: 1, inCaseSystem: 0 } });
        expect((await t.kit.audit.verify()).intact).toBe(true);
      });

      it('a melding the case system already holds: erased here, and the resident is told where it still is and under which number', async () => {
        await bootKustdorp(dialect, true);
        const s = await startSession(t, { tree: 'kustdorp/start' });
        await walkToMelding((path, body) => t.request('POST', path, body, s.auth), s, 'zelf');
        const { reference } = (await (
          await t.request('POST', '/api/meldingen', { sessionId: s.id, ...meldingFields() }, s.auth)
        ).json()) as {
          reference: string;
        };
        await meldingModule(t.deps).outbox.registerDue();
        const zaak = fake!.store.zaken[0]!.identificatie as string;
        expect((await myData(s)).meldingen[0]!.zaak).toEqual({ status: 'geregistreerd', identificatie: zaak });

        const res = await t.request('POST', `/api/sessions/${s.id}/erase`, { confirm: true }, s.auth);
        expect(await res.json()).toEqual({
          erased: true,
          stillInCaseSystem: [{ reference, organisation: 'Gemeente Kustdorp', zaakIdentificatie: zaak }],
        });
        // Nothing of it stays here (the outbox row goes too); the case system keeps its zaak.
        expect(await tablesHolding([s.id, reference, zaak], ['Anna de Vries', '06 12345678'])).toEqual([]);
        expect(fake!.store.zaken).toHaveLength(1);
        const erased = (await t.kit.audit.page(undefined, 10)).find((r) => r.action === 'session.erased')!;
        expect(erased.detail).toEqual({ concerns: 0, meldingen: 1, inCaseSystem: 1 });
      });

      (dialect === 'sqlite' ? it : it.skip)(
        'withdrawing a report its receiver already holds as a zaak says so; its notes and outbox row go',
        async () => {
          bart = await bootKustdorp(dialect, true);
          const s = await startSession(t, { tree: 'kustdorp/zorgen' });
          await t.request(
            'POST',
            `/api/sessions/${s.id}/answers`,
            { node: 'zorg', value: true, version: 0, idempotencyKey: key() },
            s.auth,
          );
          const receipt = (await (
            await t.request(
              'POST',
              '/api/concerns',
              { sessionId: s.id, about: 'oudere', noticed: 'Iets', urgency: 'niet-dringend', reporter: null, idempotencyKey: key() },
              s.auth,
            )
          ).json()) as ConcernReceipt;
          await meldingModule(t.deps).outbox.registerDue();
          const { id } = await t.db.kysely
            .selectFrom('concerns')
            .select('id')
            .where('reference', '=', receipt.reference)
            .executeTakeFirstOrThrow();
          await bart.call('POST', `/api/staff/concerns/${id}/notes`, { text: 'Intern briefje', idempotencyKey: key() });
          const res = await t.request('POST', `/api/concerns/status/${receipt.statusToken}/withdraw`);
          expect(await res.json()).toEqual({
            withdrawn: true,
            stillInCaseSystem: [
              {
                reference: receipt.reference,
                organisation: 'Sociaal Wijkteam Kustdorp',
                zaakIdentificatie: fake!.store.zaken[0]!.identificatie,
              },
            ],
          });
          expect(await tablesHolding([receipt.reference, id], ['Intern briefje', receipt.statusToken])).toEqual([]);
        },
      );
    });

    describe('staff access to a session (defect 9)', () => {
      it('the resident revokes it: the console is refused, the staff token stops working, the code no longer opens it for staff', async () => {
        const s = await resident();
        const opened = (await (await staffResume(mila, s.resumeCode)).json()) as CreatedSession;
        const staffHeaders = { headers: { 'x-session-token': opened.token } };
        expect((await mila.call('GET', `/api/staff/sessions/${s.id}`, undefined, staffHeaders)).status).toBe(200);
        const res = await t.request('POST', `/api/sessions/${s.id}/staff-access/revoke`, undefined, s.auth);
        expect(res.status).toBe(200);
        const data = (await res.json()) as MyData;
        expect(data.staffAccess).toEqual([expect.objectContaining({ by: 'Mila', revokedAt: t.clock.now.toISOString() })]);
        expect((await mila.call('GET', `/api/staff/sessions/${s.id}`, undefined, staffHeaders)).status).toBe(403);
        expect((await t.request('GET', `/api/sessions/${s.id}`, undefined, { authorization: `Bearer ${opened.token}` })).status).toBe(401);
        const again = await staffResume(bas, s.resumeCode);
        expect(again.status).toBe(410);
        expect(await again.json()).toMatchObject({ code: 'resume-code-staff-expired' });
        // The resident's own handles and the code for the resident keep working.
        expect((await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).status).toBe(200);
        expect((await t.request('POST', '/api/resume', { code: s.resumeCode })).status).toBe(200);
        // A new code brings staff back, with a new consent.
        const fresh = (await (await t.request('POST', `/api/sessions/${s.id}/resume-code`, undefined, s.auth)).json()) as {
          resumeCode: string;
        };
        expect((await staffResume(bas, fresh.resumeCode)).status).toBe(200);
        expect(await auditActions()).toEqual(
          expect.arrayContaining(['session.resume', 'session.staff-access-revoked', 'session.resume-failed', 'session.resume-by-code']),
        );
      });

      (dialect === 'sqlite' ? it : it.skip)(
        'a code staff used works for staff only within the configured window; every use is audited',
        async () => {
          await t.close();
          await stopPg?.();
          await boot(dialect, { staffCodeWindowMs: 2 * HOUR });
          const s = await resident();
          expect((await staffResume(mila, s.resumeCode)).status).toBe(200);
          // (Staff sign in again after each hour: their own sessions time out when idle.)
          t.clock.advance(HOUR);
          bas = await t.login('bas');
          expect((await staffResume(bas, s.resumeCode)).status).toBe(200);
          t.clock.advance(HOUR);
          bas = await t.login('bas');
          const late = await staffResume(bas, s.resumeCode);
          expect(late.status).toBe(410);
          expect(await late.json()).toMatchObject({ code: 'resume-code-staff-expired' });
          // The resident can still use it (another device), until it expires.
          expect((await t.request('POST', '/api/resume', { code: s.resumeCode })).status).toBe(200);
          const actions = await auditActions();
          expect(actions.filter((a) => a === 'session.resume')).toHaveLength(2);
          expect(actions.filter((a) => a === 'session.resume-failed')).toHaveLength(1);
          expect(actions.filter((a) => a === 'session.resume-by-code')).toHaveLength(1);
        },
      );
    });
  });
}

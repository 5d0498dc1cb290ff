import { afterEach, describe, expect, it } from 'vitest';
import type { ConcernReceipt, SessionState } from '../api/contract.js';
import { autoAnswer } from '../testing/auto-answer.js';
import type { StaffDb } from '../db/staff-repo.js';
import { allTableCounts, key, startSession, tableCounts, testApp, type TestApp } from '../testing/test-app.js';
import { runRetention } from './retention-job.js';
import type { Kysely } from 'kysely';
import type { ConcernNotesTable } from '../db/concern-notes.js';
import { newRegistration, type ZgwRegistrationsTable } from '../zgw/zgw-outbox-rows.js';

let t: TestApp;
afterEach(() => t.close());
const DAY = 86_400_000;

describe('retention job', () => {
  it('purges sessions after their TTL and closed concerns after their retention period, nothing earlier', async () => {
    t = await testApp({ config: { sessionTtlMs: 10 * DAY, closedConcernRetentionMs: 30 * DAY } });
    const s = await startSession(t);
    await t.request(
      'POST',
      `/api/sessions/${s.id}/answers`,
      { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
      s.auth,
    );
    const receipt = (await (
      await t.request('POST', '/api/concerns', { about: 'geld', noticed: 'x', urgency: 'dringend', idempotencyKey: key() })
    ).json()) as ConcernReceipt;
    const [concern] = await t.deps.store.concerns.list();
    await t.deps.store.concerns.pickUp(concern!.id, 'Schuldhulp', 'staff', t.clock.now.toISOString());
    await t.deps.store.concerns.close(concern!.id, 'Afgerond', 'staff', t.clock.now.toISOString());

    t.clock.advance(9 * DAY);
    expect(await runRetention(t.deps)).toEqual({ sessions: 0, concerns: 0, openConcerns: 0, coachPlans: 0, auditRows: 0 });
    t.clock.advance(2 * DAY);
    expect(await runRetention(t.deps)).toEqual({ sessions: 1, concerns: 0, openConcerns: 0, coachPlans: 0, auditRows: 0 });
    expect((await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).status).toBe(404);
    t.clock.advance(20 * DAY);
    expect(await runRetention(t.deps)).toEqual({ sessions: 0, concerns: 1, openConcerns: 0, coachPlans: 0, auditRows: 0 });
    expect((await t.request('GET', `/api/concerns/status/${receipt.statusToken}`)).status).toBe(404);
    expect(await tableCounts(t.db)).toMatchObject({
      sessions: 0,
      session_events: 0,
      session_tokens: 0,
      resume_codes: 0,
      idempotency: 0,
      concerns: 0,
      concern_events: 0,
    });
  });

  it('activity keeps a session alive: each answer moves its expiry on, to the hour', async () => {
    t = await testApp({ config: { sessionTtlMs: 10 * DAY } });
    const s = await startSession(t);
    const expiry = async () => (await t.deps.store.sessions.find(s.id))!.expiresAt;
    const created = await expiry();
    const answer = async (version: number, node: string, value: unknown) =>
      expect(
        (await t.request('POST', `/api/sessions/${s.id}/answers`, { node, value, version, idempotencyKey: key() }, s.auth)).status,
      ).toBe(200);
    t.clock.advance(30 * 60_000);
    await answer(0, 'deur', 'oplossing');
    expect(await expiry()).toBe(created); // half an hour later: not rewritten
    t.clock.advance(9 * DAY);
    const state = (await (await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).json()) as SessionState;
    await answer(1, state.step.id, autoAnswer(state.step));
    expect(Date.parse(await expiry())).toBe(t.clock.now.getTime() + 10 * DAY);
    // Without that answer the session would have been purged a day later; now it stays.
    t.clock.advance(2 * DAY);
    expect(await runRetention(t.deps)).toEqual({ sessions: 0, concerns: 0, openConcerns: 0, coachPlans: 0, auditRows: 0 });
  });

  it('reports nobody closed and coach plans nobody changed go after their own periods (they were kept forever)', async () => {
    t = await testApp({ config: { sessionTtlMs: 400 * DAY, openConcernRetentionMs: 200 * DAY, coachPlanRetentionMs: 300 * DAY } });
    const report = () => t.request('POST', '/api/concerns', { about: 'geld', noticed: 'x', urgency: 'dringend', idempotencyKey: key() });
    const receipt = (await (await report()).json()) as ConcernReceipt;
    const staff = t.db.kysely as unknown as StaffDb;
    const at = t.clock.now.toISOString();
    await staff
      .insertInto('coach_plans')
      .values({ id: 'p1', account_id: 'a1', label: 'Gezin', question: 'q', created_at: at, updated_at: at })
      .execute();
    await staff
      .insertInto('coach_entries')
      .values({ plan_id: 'p1', domain: 'geld', score: 2, note: 'n', session_id: null, revision: 1, updated_at: at })
      .execute();
    const [concern] = await t.deps.store.concerns.list();
    t.clock.advance(100 * DAY);
    // A change restarts the period: picked up on day 100, it is kept until day 300.
    await t.deps.store.concerns.pickUp(concern!.id, 'Schuldhulp', 'staff', t.clock.now.toISOString());
    const fresh = (await (await report()).json()) as ConcernReceipt;
    t.clock.advance(150 * DAY);
    expect(await runRetention(t.deps)).toEqual({ sessions: 0, concerns: 0, openConcerns: 0, coachPlans: 0, auditRows: 0 });
    t.clock.advance(51 * DAY);
    expect(await runRetention(t.deps)).toMatchObject({ openConcerns: 2, coachPlans: 1 });
    for (const r of [receipt, fresh]) expect((await t.request('GET', `/api/concerns/status/${r.statusToken}`)).status).toBe(404);
    expect(await allTableCounts(t.db)).toMatchObject({ concerns: 0, concern_events: 0, coach_plans: 0, coach_entries: 0 });
  });

  it('a purged report takes its internal notes and its case-system outbox row with it', async () => {
    t = await testApp({ config: { closedConcernRetentionMs: 30 * DAY } });
    await t.request('POST', '/api/concerns', { about: 'geld', noticed: 'x', urgency: 'dringend', idempotencyKey: key() });
    const [concern] = await t.deps.store.concerns.list();
    const at = t.clock.now.toISOString();
    await (t.db.kysely as unknown as Kysely<ConcernNotesTable>)
      .insertInto('concern_notes')
      .values({ id: 'n1', concern_id: concern!.id, key: 'k1', account_id: 'a1', text: 'Intern', at })
      .execute();
    await (t.db.kysely as unknown as Kysely<{ zgw_registrations: ZgwRegistrationsTable }>)
      .insertInto('zgw_registrations')
      .values({
        ...newRegistration(concern!.id, 'concern', 'demo', at, 'buurthuis'),
        status: 'geregistreerd',
        zaak_identificatie: 'ZAAK-1',
      })
      .execute();
    await t.deps.store.concerns.pickUp(concern!.id, 'Schuldhulp', 'staff', at);
    await t.deps.store.concerns.close(concern!.id, 'Afgerond', 'staff', at);
    t.clock.advance(29 * DAY);
    await runRetention(t.deps);
    expect(await allTableCounts(t.db)).toMatchObject({ concerns: 1, concern_notes: 1, zgw_registrations: 1 });
    t.clock.advance(2 * DAY);
    expect(await runRetention(t.deps)).toMatchObject({ concerns: 1 });
    expect(await allTableCounts(t.db)).toMatchObject({ concerns: 0, concern_notes: 0, zgw_registrations: 0 });
  });
});

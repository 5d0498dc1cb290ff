import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSession, SessionState } from '../api/contract.js';
import { key, startSession } from '../testing/test-app.js';
import { loketSession, staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let mila: StaffAgent;
beforeEach(async () => {
  t = await staffTest();
  await t.addAccount('mila', 'medewerker');
  await t.addAccount('bas', 'behandelaar');
  mila = await t.login('mila');
});
afterEach(() => t.close());

async function residentWithAnswers() {
  const s = await startSession(t);
  let state = s.state as unknown as SessionState;
  for (const [node, value] of [
    ['deur', 'oplossing'],
    ['naar-oplossing/domeinen', ['vervoer']],
  ] as const) {
    const res = await t.request(
      'POST',
      `/api/sessions/${s.id}/answers`,
      { node, value, version: state.version, idempotencyKey: key() },
      s.auth,
    );
    expect(res.status).toBe(200);
    state = (await res.json()) as SessionState;
  }
  return { ...s, state };
}

const resume = (code: string, extra: Record<string, unknown> = {}) =>
  mila.call('POST', '/api/staff/resume', { code, channel: 'telefoon', consent: true, ...extra });

describe("console: the resident's own session, after consent", () => {
  it('resumes by code only with consent, records who/when/which session/channel, and shows the same trail and advice', async () => {
    const resident = await residentWithAnswers();
    const without = await mila.call('POST', '/api/staff/resume', { code: resident.resumeCode, channel: 'telefoon' });
    expect(without.status).toBe(422);
    const res = await resume(resident.resumeCode.toLowerCase());
    expect(res.status).toBe(200);
    const created = (await res.json()) as CreatedSession;
    expect(created.id).toBe(resident.id);
    const consents = await t.kit.repo.consents(resident.id);
    expect(consents).toEqual([
      expect.objectContaining({
        purpose: 'resume',
        channel: 'telefoon',
        at: t.clock.now.toISOString(),
        consent_text: expect.stringContaining('Mag ik dat doen?'),
      }),
    ]);
    const view = (await (
      await mila.call('GET', `/api/staff/sessions/${resident.id}`, undefined, { headers: { 'x-session-token': created.token } })
    ).json()) as { state: SessionState };
    const own = (await (await t.request('GET', `/api/sessions/${resident.id}`, undefined, resident.auth)).json()) as SessionState;
    expect(view.state.trail).toEqual(own.trail);
    expect(view.state.advice).toEqual(own.advice);
    expect(view.state.step.id).toBe(own.step.id);
  });

  it('answers on the staff channel; the resident sees the staff answer in the same session, with its channel', async () => {
    const resident = await residentWithAnswers();
    const created = (await (await resume(resident.resumeCode)).json()) as CreatedSession;
    const headers = { 'x-session-token': created.token };
    const step = created.state.step;
    expect(step.id).toBe('naar-oplossing/leeftijd');
    const ans = await mila.call(
      'POST',
      `/api/staff/sessions/${resident.id}/answers`,
      { node: step.id, value: 80, version: created.version, idempotencyKey: key(), channel: 'telefoon' },
      { headers },
    );
    expect(ans.status).toBe(200);
    const own = (await (await t.request('GET', `/api/sessions/${resident.id}`, undefined, resident.auth)).json()) as SessionState;
    expect(own.trail.map((e) => e.channel)).toEqual(['web', 'web', 'telefoon']);
    // The resident's stale version is now a conflict, not a silent overwrite.
    const stale = await t.request(
      'POST',
      `/api/sessions/${resident.id}/answers`,
      { node: step.id, value: 30, version: resident.state.version, idempotencyKey: key() },
      resident.auth,
    );
    expect(stale.status).toBe(409);
  });

  it('audits failed resumes and limits resume attempts per staff member', async () => {
    await t.close();
    t = await staffTest({ staffResumeRate: { limit: 3, windowMs: 60_000 } });
    await t.addAccount('mila', 'medewerker');
    mila = await t.login('mila');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await resume('ABC-DEFGH')).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const failed = (await t.kit.audit.recent()).filter((a) => a.action === 'session.resume-failed');
    expect(failed.map((a) => JSON.parse(a.detail!).code)).toEqual(['resume-code-unknown', 'resume-code-unknown', 'resume-code-unknown']);
  });

  it('refuses the session to a member without a consent record, even with a token', async () => {
    const resident = await residentWithAnswers();
    const res = await mila.call('GET', `/api/staff/sessions/${resident.id}`, undefined, { headers: { 'x-session-token': resident.token } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('no-consent-recorded');
  });

  it('keeps notes apart from the answers: staff see them, the resident API never does', async () => {
    const resident = await residentWithAnswers();
    const created = (await (await resume(resident.resumeCode)).json()) as CreatedSession;
    const headers = { 'x-session-token': created.token };
    const secret = 'Beller klinkt verward, terugbellen vóór vrijdag';
    expect((await mila.call('POST', `/api/staff/sessions/${resident.id}/notes`, { node: 'deur', text: secret }, { headers })).status).toBe(
      201,
    );
    expect(
      (await mila.call('POST', `/api/staff/sessions/${resident.id}/notes`, { node: 'bestaat-niet', text: 'x' }, { headers })).status,
    ).toBe(422);
    const staffView = (await (await mila.call('GET', `/api/staff/sessions/${resident.id}`, undefined, { headers })).json()) as {
      notes: { text: string; node: string }[];
    };
    expect(staffView.notes).toEqual([expect.objectContaining({ node: 'deur', text: secret, by: 'Mila' })]);
    for (const path of [`/api/sessions/${resident.id}`, `/api/sessions/${resident.id}/advice`]) {
      const body = await (await t.request('GET', path, undefined, resident.auth)).text();
      expect(body).not.toContain(secret);
      expect(body).not.toContain('terugbellen');
    }
    const events = await t.db.kysely.selectFrom('session_events').selectAll().where('session_id', '=', resident.id).execute();
    expect(JSON.stringify(events)).not.toContain('terugbellen');
  });

  it('starts a session for a caller on the loket channel and records a warm handover with its consent', async () => {
    const { created, headers } = await loketSession(mila);
    const noConsent = await mila.call(
      'POST',
      `/api/staff/sessions/${created.id}/handover`,
      { serviceId: 'buurthuis', shared: ['trail'] },
      { headers },
    );
    expect(noConsent.status).toBe(422);
    const h = await mila.call(
      'POST',
      `/api/staff/sessions/${created.id}/handover`,
      { serviceId: 'buurthuis', shared: ['trail', 'advice'], consent: true },
      { headers },
    );
    expect(h.status).toBe(201);
    const handover = (await h.json()) as { summary: string; shared: string[] };
    expect(handover.summary).toContain('Wat wil je doen?: Ik wil helpen (loket');
    expect(handover.summary).toContain('Help in de buurt');
    const [row] = await t.kit.repo.handovers(created.id);
    expect(JSON.parse(row!.shared)).toEqual(['trail', 'advice']);
    const consents = await t.kit.repo.consents(created.id);
    expect(consents.map((c) => c.purpose)).toEqual(['start', 'handover']);
    expect(consents[1]!.consent_text).toContain('buurthuis');
    expect((await t.kit.audit.forTarget('handover', row!.id)).map((a) => a.action)).toEqual(['handover.create']);
  });

  it('registers a concern on behalf of a caller; the reporter gets a reference and the behandelaar sees it', async () => {
    const res = await mila.call('POST', '/api/staff/concern-reports', {
      gemeente: 'demo',
      about: 'oudere',
      noticed: 'Buurvrouw is al dagen niet gezien.',
      urgency: 'dringend',
      idempotencyKey: key(),
      channel: 'telefoon',
    });
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as { reference: string };
    const bas = await t.login('bas');
    const list = (await (await bas.call('GET', '/api/staff/concerns')).json()) as { items: { reference: string }[] };
    expect(list.items.map((r) => r.reference)).toEqual([receipt.reference]);
  });

  it('writes an audit row for every read and change of a session', async () => {
    const resident = await residentWithAnswers();
    const created = (await (await resume(resident.resumeCode)).json()) as CreatedSession;
    const headers = { 'x-session-token': created.token };
    await mila.call('GET', `/api/staff/sessions/${resident.id}`, undefined, { headers });
    await mila.call('POST', `/api/staff/sessions/${resident.id}/notes`, { node: 'deur', text: 'n' }, { headers });
    await mila.call(
      'POST',
      `/api/staff/sessions/${resident.id}/answers`,
      { node: created.state.step.id, value: 40, version: created.version, idempotencyKey: key(), channel: 'telefoon' },
      { headers },
    );
    const rows = await t.kit.audit.forTarget('session', resident.id);
    expect(rows.map((r) => r.action)).toEqual(['session.resume', 'session.read', 'note.add', 'session.answer']);
    expect(rows.every((r) => r.role === 'medewerker' && r.account_id)).toBe(true);
    // No personal content in the audit detail: node ids and channels only. (Only the details are
    // checked for the answer 40: the random row ids may contain "40" by chance.)
    expect(JSON.stringify(rows)).not.toMatch(/"value"/);
    expect(JSON.stringify(rows.map((r) => r.detail))).not.toMatch(/\b40\b/);
  });
});

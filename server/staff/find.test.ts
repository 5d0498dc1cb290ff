import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key, startSession } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let mila: StaffAgent;
beforeEach(async () => {
  t = await staffTest();
  await t.addAccount('mila', 'medewerker');
  await t.addAccount('joop', 'medewerker');
  mila = await t.login('mila');
});
afterEach(() => t.close());

const find = (agent: StaffAgent, query: string, extra: Record<string, unknown> = { consent: true }) =>
  agent.call('POST', '/api/staff/find', { query, channel: 'telefoon', ...extra });

/** A resident's session with one answer and a concern report made from it. */
async function residentWithConcern() {
  const s = await startSession(t);
  await t.request('POST', `/api/sessions/${s.id}/answers`, { node: 'deur', value: 'helpen', version: 0, idempotencyKey: key() }, s.auth);
  const res = await t.request(
    'POST',
    '/api/concerns',
    {
      gemeente: 'demo',
      about: 'oudere',
      noticed: 'Buurman is al dagen niet buiten geweest.',
      urgency: 'binnen-een-week',
      sessionId: s.id,
      idempotencyKey: key(),
    },
    s.auth,
  );
  expect(res.status).toBe(201);
  return { ...s, reference: ((await res.json()) as { reference: string }).reference };
}

describe('console: find a session', () => {
  it('by resume code, by concern reference or by plan number – each only with consent, audited with how', async () => {
    const r = await residentWithConcern();
    expect((await find(mila, r.reference, {})).status).toBe(422); // no consent ticked
    for (const [query, via] of [
      [r.resumeCode.toLowerCase(), 'code'],
      [r.reference.replace(/-/g, ' '), 'reference'],
      [r.id, 'plan'],
    ] as const) {
      const res = await find(mila, query);
      expect(res.status).toBe(200);
      const opened = (await res.json()) as { id: string; token: string; via: string; state: { trail: unknown[] } };
      expect([opened.id, opened.via, opened.state.trail.length]).toEqual([r.id, via, 1]);
      const view = await mila.call('GET', `/api/staff/sessions/${r.id}`, undefined, { headers: { 'x-session-token': opened.token } });
      expect(view.status).toBe(200);
    }
    const audit = (await t.kit.audit.forTarget('session', r.id)).filter((a) => a.action === 'session.resume');
    expect(audit.map((a) => a.detail?.via)).toEqual(['code', 'reference', 'plan']);
    expect((await t.kit.repo.consents(r.id)).filter((c) => c.purpose === 'resume')).toHaveLength(3);
  });

  it('says what is wrong with an unknown code, reference or number, and changes nothing', async () => {
    await residentWithConcern();
    const before = await t.kit.db.selectFrom('staff_consents').selectAll().execute();
    for (const [query, code] of [
      ['VW-ABC-DEFG', 'concern-unknown'],
      ['ABCD-EFGH', 'resume-code-unknown'],
      ['nothing-of-the-kind-at-all', 'session-not-found'],
    ] as const) {
      const res = await find(mila, query);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe(code);
    }
    expect(await t.kit.db.selectFrom('staff_consents').selectAll().execute()).toEqual(before);
  });

  it("lists the member's own sessions of today, not a colleague's; one opens again without a new consent", async () => {
    const mine = await startSession(t);
    await find(mila, mine.resumeCode);
    const started = (await (await mila.call('POST', '/api/staff/sessions', { tree: 'demo/start', channel: 'loket' })).json()) as {
      id: string;
    };
    const joop = await t.login('joop');
    const theirs = await startSession(t);
    await find(joop, theirs.resumeCode);
    const since = new Date(t.clock.now.getTime() - 3600_000).toISOString();
    const list = (await (await mila.call('GET', `/api/staff/my-sessions?since=${encodeURIComponent(since)}`)).json()) as {
      items: { id: string; channel: string; done: boolean; answers: number }[];
    };
    expect(list.items.map((i) => i.id).sort()).toEqual([mine.id, started.id].sort());
    expect(list.items.find((i) => i.id === started.id)).toMatchObject({ channel: 'loket', done: false, answers: 0 });
    expect((await mila.call('GET', '/api/staff/my-sessions?since=yesterday')).status).toBe(422);

    const consents = (await t.kit.repo.consents(started.id)).length;
    const open = await mila.call('POST', `/api/staff/sessions/${started.id}/open`);
    expect(open.status).toBe(200);
    expect((await t.kit.repo.consents(started.id)).length).toBe(consents);
    expect((await joop.call('POST', `/api/staff/sessions/${started.id}/open`)).status).toBe(403);
  });

  it('issues a fresh resume code for the printed plan', async () => {
    const started = (await (await mila.call('POST', '/api/staff/sessions', { tree: 'demo/start', channel: 'loket' })).json()) as {
      id: string;
      token: string;
    };
    const res = await mila.call('POST', `/api/staff/sessions/${started.id}/resume-code`, undefined, {
      headers: { 'x-session-token': started.token },
    });
    expect(res.status).toBe(201);
    const { resumeCode } = (await res.json()) as { resumeCode: string };
    const found = (await (await find(mila, resumeCode)).json()) as { id: string };
    expect(found.id).toBe(started.id);
  });
});

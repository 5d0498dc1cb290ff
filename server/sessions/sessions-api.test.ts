import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdvicePlan, FullSessionState } from '../api/contract.js';
import { autoAnswer } from '../testing/auto-answer.js';
import { key, startSession, tableCounts, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => (t = await testApp()));
afterEach(() => t.close());

const answer = (s: { id: string; auth: Record<string, string> }, body: Record<string, unknown>) =>
  t.request('POST', `/api/sessions/${s.id}/answers`, { idempotencyKey: key(), ...body }, s.auth);

describe('session lifecycle', () => {
  it('creates a session at the first question with token, resume code and version 0', async () => {
    const s = await startSession(t, { tree: 'demo/start', locale: 'en' });
    expect(s.token.length).toBeGreaterThanOrEqual(43); // 256 bits base64url
    expect(s.resumeCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(s.version).toBe(0);
    expect(s.state.step).toMatchObject({ id: 'deur', kind: 'question', text: 'What do you want to do?' });
    const counts = await tableCounts(t.db);
    expect(counts).toMatchObject({ sessions: 1, session_tokens: 1, resume_codes: 1, session_events: 0 });
  });

  it('walks a tree to its end: each answer committed, version counts events, advice ordered with its why', async () => {
    const s = await startSession(t);
    let state = s.state as FullSessionState;
    const answered: string[] = [];
    while (!state.done) {
      const res = await answer(s, { node: state.step.id, value: autoAnswer(state.step), version: state.version });
      expect(res.status).toBe(200);
      answered.push(state.step.id);
      state = (await res.json()) as FullSessionState;
      expect(state.version).toBe(answered.length);
    }
    expect(state.step.kind).toBe('end');
    expect(state.trail.map((e) => e.node)).toEqual(answered);
    expect((await tableCounts(t.db)).session_events).toBe(answered.length);
    // Age 80 routes to the home visit; multi-choice chose both domains.
    const ids = state.advice.map((a) => a.id);
    expect(ids).toContain('oplossing/huisbezoek');
    const levels = state.advice.map((a) => a.layer);
    const order = ['spoed', 'eigen-kracht', 'informeel', 'algemeen', 'maatwerk', 'vangnet'];
    expect([...levels].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(levels);
    const visit = state.advice.find((a) => a.id === 'oplossing/huisbezoek')!;
    expect(visit.because.map((b) => b.node)).toContain('naar-oplossing/leeftijd');
    expect(visit.services[0]).toMatchObject({ id: 'buurthuis', urgent: expect.any(Boolean), unverified: expect.any(Array) });

    const plan = (await (await t.request('GET', `/api/sessions/${s.id}/advice`, undefined, s.auth)).json()) as AdvicePlan;
    expect(plan).toMatchObject({ id: s.id, version: state.version, done: true });
    expect(plan.advice).toEqual(state.advice);
  });

  it('GET returns the same state as the last write, and ?lang= switches the language only for that response', async () => {
    const s = await startSession(t);
    const after = (await (await answer(s, { node: 'deur', value: 'oplossing', version: 0 })).json()) as FullSessionState;
    const got = (await (await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).json()) as FullSessionState;
    expect(got).toEqual(after);
    const en = (await (await t.request('GET', `/api/sessions/${s.id}?lang=en`, undefined, s.auth)).json()) as FullSessionState;
    expect(en.locale).toBe('en');
    expect(en.step.text).toBe('What do you need help with?');
    expect(en.trail[0]!.answer).toBe('I look for a solution');
    const again = (await (await t.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).json()) as FullSessionState;
    expect(again.locale).toBe('nl');
  });

  it('back undoes the last answer as an event of its own; the answer stays in the log', async () => {
    const s = await startSession(t);
    await answer(s, { node: 'deur', value: 'oplossing', version: 0 });
    const res = await t.request('POST', `/api/sessions/${s.id}/back`, { version: 1, idempotencyKey: key() }, s.auth);
    expect(res.status).toBe(200);
    const state = (await res.json()) as FullSessionState;
    expect(state).toMatchObject({ version: 2, step: { id: 'deur', canGoBack: false }, trail: [] });
    const events = await t.deps.store.sessions.events(s.id);
    expect(events.map((e) => e.kind)).toEqual(['answer', 'back']);
    const nothing = await t.request('POST', `/api/sessions/${s.id}/back`, { version: 2, idempotencyKey: key() }, s.auth);
    expect(nothing.status).toBe(422);
    expect(await nothing.json()).toMatchObject({ code: 'nothing-to-undo' });
  });

  it('answering a question already in the trail changes it: later answers that still fit are kept, the rest pruned', async () => {
    const s = await startSession(t, { tree: 'demo/start' });
    const steps: [string, unknown][] = [
      ['deur', 'oplossing'],
      ['naar-oplossing/domeinen', ['vervoer', 'huishouden']],
      ['naar-oplossing/leeftijd', 80],
      ['naar-oplossing/uitleg', null],
      ['naar-oplossing/elk/vervoer/zelf', true],
      ['naar-oplossing/elk/huishouden/zelf', false],
    ];
    for (const [i, [node, value]] of steps.entries()) expect((await answer(s, { node, value, version: i })).status).toBe(200);
    const res = await answer(s, { node: 'naar-oplossing/domeinen', value: ['huishouden'], version: 6 });
    expect(res.status).toBe(200);
    const state = (await res.json()) as FullSessionState;
    expect(state.version).toBe(7);
    expect(state.done).toBe(true);
    expect(state.trail.map((e) => e.node)).toEqual([
      'deur',
      'naar-oplossing/domeinen',
      'naar-oplossing/leeftijd',
      'naar-oplossing/uitleg',
      'naar-oplossing/elk/huishouden/zelf',
    ]);
    expect(state.advice.map((a) => a.id)).not.toContain('vervoer/vraag-omgeving');
    const events = await t.deps.store.sessions.events(s.id);
    expect(events.map((e) => e.kind)).toEqual(['answer', 'answer', 'answer', 'answer', 'answer', 'answer', 'revise']);
    // A second app on the same database has no cached view: it replays the events, revise included.
    const fresh = await testApp({ db: t.db });
    const again = (await (await fresh.request('GET', `/api/sessions/${s.id}`, undefined, s.auth)).json()) as FullSessionState;
    expect(again.trail).toEqual(state.trail);
    expect(again.advice).toEqual(state.advice);
  });

  it('shows an answered step again for "Wijzig" – question and answer – and refuses a node that was not answered', async () => {
    const s = await startSession(t, { tree: 'demo/start' });
    await answer(s, { node: 'deur', value: 'oplossing', version: 0 });
    await answer(s, { node: 'naar-oplossing/domeinen', value: ['vervoer'], version: 1 });
    const res = await t.request(
      'GET',
      `/api/sessions/${s.id}/steps?node=${encodeURIComponent('naar-oplossing/domeinen')}`,
      undefined,
      s.auth,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      version: 2,
      value: ['vervoer'],
      step: { id: 'naar-oplossing/domeinen', kind: 'question', canGoBack: false, input: { type: 'multi' } },
    });
    const missing = await t.request('GET', `/api/sessions/${s.id}/steps?node=naar-oplossing%2Fleeftijd`, undefined, s.auth);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'step-not-answered' });
  });

  it('stores the value as the engine normalised it and the channel of each answer', async () => {
    const s = await startSession(t, { tree: 'demo/start', channel: 'web' });
    await answer(s, { node: 'deur', value: 'oplossing', version: 0 });
    await answer(s, { node: 'naar-oplossing/domeinen', value: ['huishouden', 'vervoer', 'vervoer'], version: 1 });
    const events = await t.deps.store.sessions.events(s.id);
    expect(events.map((e) => [e.channel, e.value])).toEqual([
      ['web', 'oplossing'],
      ['web', ['vervoer', 'huishouden']],
    ]);
  });

  it('refuses a staff channel on the public API: only signed-in staff record 14 023, loket or wijkcoach', async () => {
    const created = await t.request('POST', '/api/sessions', { tree: 'demo/start', channel: 'loket' });
    expect(created.status).toBe(422);
    expect(await created.json()).toMatchObject({ errors: [{ pointer: '/channel' }] });
    const s = await startSession(t);
    const res = await answer(s, { node: 'deur', value: 'oplossing', version: 0, channel: 'telefoon' });
    expect(res.status).toBe(422);
    expect((await t.deps.store.sessions.events(s.id)).length).toBe(0);
  });
});

describe('idempotency', () => {
  it('repeating a request with the same key returns the first response and writes nothing', async () => {
    const s = await startSession(t);
    const body = { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() };
    const first = await t.request('POST', `/api/sessions/${s.id}/answers`, body, s.auth);
    const before = await tableCounts(t.db);
    t.clock.advance(5_000);
    const second = await t.request('POST', `/api/sessions/${s.id}/answers`, body, s.auth);
    expect(second.status).toBe(first.status);
    expect(await second.json()).toEqual(await first.json());
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('a retry arriving after the session moved on still gets its own first response, not a 409', async () => {
    const s = await startSession(t);
    const body = { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() };
    const first = (await (await t.request('POST', `/api/sessions/${s.id}/answers`, body, s.auth)).json()) as FullSessionState;
    await answer(s, { node: first.step.id, value: ['vervoer'], version: 1 });
    const before = await tableCounts(t.db);
    const retry = await t.request('POST', `/api/sessions/${s.id}/answers`, body, s.auth);
    expect(retry.status).toBe(200);
    // Rebuilt from the step's receipt: the state at version 1, not the current one.
    expect(await retry.json()).toEqual(first);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('a repeat is answered in the language of the first try', async () => {
    const s = await startSession(t);
    const body = { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() };
    const first = await t.request('POST', `/api/sessions/${s.id}/answers?lang=en`, body, s.auth);
    const english = (await first.json()) as FullSessionState;
    expect(english.locale).toBe('en');
    const retry = await t.request('POST', `/api/sessions/${s.id}/answers`, body, s.auth);
    expect(await retry.json()).toEqual(english);
  });

  it('refuses a reused key with a different request', async () => {
    const s = await startSession(t);
    const k = key();
    await t.request('POST', `/api/sessions/${s.id}/answers`, { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: k }, s.auth);
    const res = await t.request(
      'POST',
      `/api/sessions/${s.id}/answers`,
      { node: 'deur', value: 'helpen', version: 0, idempotencyKey: k },
      s.auth,
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'idempotency-key-reused', errors: [{ pointer: '/idempotencyKey' }] });
  });

  it('two concurrent requests with the same key commit once and both get the same answer', async () => {
    const s = await startSession(t);
    const body = { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() };
    const [a, b] = await Promise.all([0, 1].map(() => t.request('POST', `/api/sessions/${s.id}/answers`, body, s.auth)));
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect(await a!.json()).toEqual(await b!.json());
    expect((await tableCounts(t.db)).session_events).toBe(1);
  });
});

describe('concurrency', () => {
  it("two clients at the same version: exactly one wins, the other gets 409 with the winner's state", async () => {
    const s = await startSession(t);
    const resumed = (await (await t.request('POST', '/api/resume', { code: s.resumeCode })).json()) as { token: string };
    const staff = { id: s.id, auth: { authorization: `Bearer ${resumed.token}` } };
    const [resident, agent] = await Promise.all([
      answer(s, { node: 'deur', value: 'oplossing', version: 0 }),
      answer(staff, { node: 'deur', value: 'helpen', version: 0 }),
    ]);
    const statuses = [resident.status, agent.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = resident.status === 200 ? resident : agent;
    const loser = resident.status === 200 ? agent : resident;
    const won = (await winner.json()) as FullSessionState;
    const problem = (await loser.json()) as { code: string; state: FullSessionState };
    expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problem.code).toBe('version-conflict');
    expect(problem.state).toEqual(won);
    expect((await t.deps.store.sessions.events(s.id)).length).toBe(1);
  });

  it('a stale version is refused with the current state, never applied', async () => {
    const s = await startSession(t);
    await answer(s, { node: 'deur', value: 'oplossing', version: 0 });
    const stale = await answer(s, { node: 'deur', value: 'helpen', version: 0 });
    expect(stale.status).toBe(409);
    const problem = (await stale.json()) as { state: FullSessionState };
    expect(problem.state.version).toBe(1);
    expect(problem.state.trail[0]!.value).toBe('oplossing');
  });
});

// ?advice=when-done: the resident widget's states leave the plan out until the end. The default
// (full) is covered by sessions-api.test.ts; here both shapes side by side, on the same sessions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdvicePlan, SessionState } from '../api/contract.js';
import { autoAnswer } from '../testing/auto-answer.js';
import { key, startSession, tableCounts, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => (t = await testApp()));
afterEach(() => t.close());

type Handle = { id: string; auth: Record<string, string> };
const post = (s: Handle, path: string, body: Record<string, unknown>) =>
  t.request('POST', `/api/sessions/${s.id}${path}`, { idempotencyKey: key(), ...body }, s.auth);
const json = async (res: Response) => (await res.json()) as SessionState;

describe('?advice=when-done', () => {
  it('leaves the plan out of every state until the session is done, then carries the whole plan', async () => {
    const created = await t.request('POST', '/api/sessions?advice=when-done', { tree: 'demo/start' });
    const s = { ...((await created.json()) as { id: string; token: string; state: SessionState }) };
    const handle = { id: s.id, auth: { authorization: `Bearer ${s.token}` } };
    expect(s.state).not.toHaveProperty('advice');
    let state = s.state;
    let planFormedBeforeTheEnd = false;
    while (!state.done) {
      state = await json(
        await post(handle, '/answers?advice=when-done', { node: state.step.id, value: autoAnswer(state.step), version: state.version }),
      );
      const full = await json(await t.request('GET', `/api/sessions/${s.id}`, undefined, handle.auth));
      const lean = await json(await t.request('GET', `/api/sessions/${s.id}?advice=when-done`, undefined, handle.auth));
      if (!state.done) {
        expect(state).not.toHaveProperty('advice');
        expect(lean).not.toHaveProperty('advice');
        planFormedBeforeTheEnd ||= full.advice!.length > 0;
      }
      // Apart from the plan, the two shapes are the same state.
      const { advice: _plan, ...rest } = full;
      expect(lean).toEqual(state.done ? full : rest);
      expect(state).toEqual(lean);
    }
    // The demo path has advice before its end, so leaving it out was a real difference.
    expect(planFormedBeforeTheEnd).toBe(true);
    expect(state.advice!.length).toBeGreaterThan(0);
    const plan = (await (await t.request('GET', `/api/sessions/${s.id}/advice`, undefined, handle.auth)).json()) as AdvicePlan;
    expect(state.advice).toEqual(plan.advice);
  });

  it('back and a version conflict answer in the shape the request asked for', async () => {
    const s = await startSession(t);
    const first = await json(await post(s, '/answers', { node: 'deur', value: 'oplossing', version: 0 }));
    expect(first).toHaveProperty('advice');
    const conflict = await post(s, '/answers?advice=when-done', { node: 'deur', value: 'helpen', version: 0 });
    expect(conflict.status).toBe(409);
    const problem = (await conflict.json()) as { state: SessionState };
    expect(problem.state.version).toBe(1);
    expect(problem.state).not.toHaveProperty('advice');
    const back = await json(await post(s, '/back?advice=when-done', { version: 1 }));
    expect(back.version).toBe(2);
    expect(back).not.toHaveProperty('advice');
  });

  it('a retry gets the first response in its first shape, whatever the retry asks', async () => {
    const s = await startSession(t);
    const lean = { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() };
    const first = await json(await t.request('POST', `/api/sessions/${s.id}/answers?advice=when-done`, lean, s.auth));
    const retried = await json(await t.request('POST', `/api/sessions/${s.id}/answers`, lean, s.auth));
    expect(retried).toEqual(first);
    expect(retried).not.toHaveProperty('advice');

    const full = { node: first.step.id, value: ['vervoer'], version: 1, idempotencyKey: key() };
    const second = await json(await t.request('POST', `/api/sessions/${s.id}/answers`, full, s.auth));
    expect(second).toHaveProperty('advice');
    const again = await json(await t.request('POST', `/api/sessions/${s.id}/answers?advice=when-done`, full, s.auth));
    expect(again).toEqual(second);
  });

  it('shapes the state a resume code hands over the same way', async () => {
    const created = (await (await t.request('POST', '/api/sessions', { tree: 'demo/start' })).json()) as {
      id: string;
      token: string;
      resumeCode: string;
      state: SessionState;
    };
    const handle = { id: created.id, auth: { authorization: `Bearer ${created.token}` } };
    let state = created.state;
    while (!state.done && !state.advice?.length) {
      state = await json(await post(handle, '/answers', { node: state.step.id, value: autoAnswer(state.step), version: state.version }));
    }
    expect(state.done).toBe(false);
    const resumed = async (query: string) =>
      ((await (await t.request('POST', `/api/resume${query}`, { code: created.resumeCode })).json()) as { state: SessionState }).state;
    const lean = await resumed('?advice=when-done');
    const full = await resumed('');
    expect(lean).not.toHaveProperty('advice');
    expect(full.advice).toEqual(state.advice);
    const { advice: _plan, ...rest } = full;
    expect(lean).toEqual(rest);
  });

  it('refuses an unknown value with a clear problem and changes nothing', async () => {
    const s = await startSession(t);
    const before = await tableCounts(t.db);
    const res = await post(s, '/answers?advice=some', { node: 'deur', value: 'oplossing', version: 0 });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { code: string; detail: string; errors: unknown[] };
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors).toEqual([expect.objectContaining({ parameter: 'advice', code: 'invalid-value' })]);
    expect(problem.detail).toContain('query parameter "advice"');
    expect(problem.detail).toMatch(/full.*when-done/);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('is described in the OpenAPI document on the routes that return a state', async () => {
    const doc = (await (await t.request('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters: { name: string; in: string; schema: { enum?: string[] } }[] }>>;
    };
    const advice = (path: string, method: string) =>
      doc.paths[path]![method]!.parameters.find((p) => p.in === 'query' && p.name === 'advice');
    for (const [path, method] of [
      ['/api/sessions', 'post'],
      ['/api/sessions/{id}', 'get'],
      ['/api/sessions/{id}/answers', 'post'],
      ['/api/sessions/{id}/back', 'post'],
    ] as const) {
      expect(advice(path, method)?.schema.enum).toEqual(['full', 'when-done']);
    }
    expect(advice('/api/sessions/{id}/advice', 'get')).toBeUndefined();
    const docs = await (await t.request('GET', '/api/docs')).text();
    expect(docs).toContain('<code>?advice=</code>');
  });
});

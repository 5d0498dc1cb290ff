import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advice, answer as engineAnswer, present } from '../../engine/index.js';
import { compileOffline, startOffline, type OfflineTree, type WalkAnswer } from '../../widget/staff/offline-walk.js';
import type { FullSessionState } from '../api/contract.js';
import { autoAnswer } from '../testing/auto-answer.js';
import { allTableCounts, key } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let wim: StaffAgent;
beforeEach(async () => {
  t = await staffTest();
  await t.addAccount('wim', 'wijkcoach');
  await t.addAccount('mila', 'medewerker');
  wim = await t.login('wim');
});
afterEach(() => t.close());

async function plan() {
  const res = await wim.call('POST', '/api/staff/coach/plans', {
    label: 'Fam. J.',
    question: 'Vervoer naar het ziekenhuis en geld voor de huur.',
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const change = (id: string, body: Record<string, unknown>) =>
  wim.call('POST', `/api/staff/coach/plans/${id}/entries`, { score: null, note: '', baseRevision: 0, idempotencyKey: key(), ...body });

describe('kitchen-table plan', () => {
  it('is for wijkcoaches: a medewerker gets 403', async () => {
    const mila = await t.login('mila');
    expect((await mila.call('GET', '/api/staff/coach/plans')).status).toBe(403);
  });

  it("offers the seeds' life domains and a 1–5 scale, each domain linked to a tree", async () => {
    const meta = (await (await wim.call('GET', '/api/staff/coach/meta')).json()) as {
      domains: { id: string; tree: string | null }[];
      scale: { value: number }[];
    };
    expect(meta.scale.map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
    expect(meta.domains.find((d) => d.id === 'huishouden')!.tree).toBe('demo/oplossing');
  });

  it('records only the chosen domains and applies a repeated key exactly once', async () => {
    const id = await plan();
    const k = key();
    const first = await change(id, { domain: 'vervoer', score: 2, note: 'Geen auto', idempotencyKey: k });
    const again = await change(id, { domain: 'vervoer', score: 2, note: 'Geen auto', idempotencyKey: k });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    const reused = await change(id, { domain: 'vervoer', score: 4, note: 'Anders', idempotencyKey: k });
    expect(reused.status).toBe(422);
    const p = (await (await wim.call('GET', `/api/staff/coach/plans/${id}`)).json()) as {
      entries: { domain: string; revision: number; score: number }[];
    };
    expect(p.entries).toEqual([expect.objectContaining({ domain: 'vervoer', revision: 1, score: 2 })]);
    expect(await t.kit.db.selectFrom('coach_changes').selectAll().execute()).toHaveLength(1);
  });

  it('answers a change made on a stale revision with 409 and the current entry', async () => {
    const id = await plan();
    await change(id, { domain: 'geld', score: 2 });
    await change(id, { domain: 'geld', score: 3, baseRevision: 1 });
    const stale = await change(id, { domain: 'geld', score: 1, baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'plan-conflict', current: { domain: 'geld', score: 3, revision: 2 } });
  });

  it("starts the domain's tree on the wijkcoach channel and links it to the entry; every change is audited", async () => {
    const id = await plan();
    expect((await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/session`)).status).toBe(422);
    await change(id, { domain: 'vervoer', score: 2 });
    const res = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/session`);
    expect(res.status).toBe(201);
    const { session, entry } = (await res.json()) as {
      session: { id: string; state: { tree: string; step: { id: string }; trail: { node: string; value: unknown; channel: string }[] } };
      entry: { sessionId: string; revision: number };
    };
    expect(session.state.tree).toBe('demo/oplossing');
    // The domain question is answered for the coach: the walk starts in the vervoer sub-flow.
    expect(session.state.trail).toEqual([expect.objectContaining({ node: 'domeinen', value: ['vervoer'], channel: 'wijkcoach' })]);
    expect(session.state.step.id).toBe('leeftijd');
    expect(entry).toMatchObject({ sessionId: session.id, revision: 1 }); // linking is not a content change
    const row = await t.deps.store.sessions.find(session.id);
    expect(row!.channel).toBe('wijkcoach');
    expect((await t.kit.audit.forTarget('plan', id)).map((a) => a.action)).toEqual(['plan.create', 'plan.change', 'plan.start-tree']);
  });

  it('accepts a plan id chosen by the coach’s device (made offline): a repeat returns the same plan, another coach’s id is refused', async () => {
    const body = { id: 'device-made-plan-0001', label: 'Fam. K.', question: 'Eenzaam sinds de verhuizing.' };
    const first = await wim.call('POST', '/api/staff/coach/plans', body);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ id: body.id, label: 'Fam. K.', entries: [] });
    const again = await wim.call('POST', '/api/staff/coach/plans', body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: body.id });
    await t.addAccount('wies', 'wijkcoach');
    const wies = await t.login('wies');
    const taken = await wies.call('POST', '/api/staff/coach/plans', { ...body, label: 'Fam. X.' });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'plan-id-taken' });
  });

  it('takes a domain’s advice walked offline: same tree version, answers applied once, a resend continues the same session', async () => {
    const id = await plan();
    expect((await change(id, { domain: 'vervoer' })).status).toBe(200);
    const { bundleHash, answers, compiled, view } = await walkedOffline();
    const walk = { bundleHash, walkKey: 'walk-key-0001', answers };
    const first = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, walk);
    expect(first.status).toBe(200);
    const stored = (await first.json()) as { session: { id: string }; state: FullSessionState; entry: { sessionId: string } };
    expect(stored.state.done).toBe(true);
    expect(stored.entry.sessionId).toBe(stored.session.id);
    // The advice the device showed is the advice the server stored.
    expect(stored.state.advice.map((a) => a.id)).toEqual(advice(compiled, view).map((a) => a.id));
    const events = await t.deps.store.sessions.events(stored.session.id);
    expect(events.every((e) => e.channel === 'wijkcoach')).toBe(true);
    expect(events).toHaveLength(answers.length + 1); // + the life-domain choice, made as online
    const again = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, walk);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { session: { id: string } }).session.id).toBe(stored.session.id);
    expect(await t.deps.store.sessions.events(stored.session.id)).toHaveLength(events.length);
    const stale = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, {
      ...walk,
      walkKey: 'walk-key-0002',
      bundleHash: 'an-older-version',
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'tree-changed' });
    // Back online, the plan shows the walked advice for the domain, and "Advies uit de beslisboom"
    // continues that session instead of starting an empty second one.
    const shown = (await (await wim.call('GET', `/api/staff/coach/plans/${id}`)).json()) as {
      entries: { domain: string; advice: { done: boolean; items: { title: string }[] } | null }[];
    };
    expect(shown.entries.find((e) => e.domain === 'vervoer')!.advice).toEqual({
      done: true,
      items: stored.state.advice.map((a) => ({ title: a.title, layer: a.layer })),
    });
    const sessions = await t.db.kysely.selectFrom('sessions').select('id').execute();
    const resumed = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/session`);
    expect(resumed.status).toBe(200);
    const r = (await resumed.json()) as { session: { id: string; token: string; state: FullSessionState }; resumed: boolean };
    expect([r.session.id, r.resumed, r.session.state.done]).toEqual([stored.session.id, true, true]);
    expect(await t.db.kysely.selectFrom('sessions').select('id').execute()).toEqual(sessions);
    const read = await wim.call('GET', `/api/staff/sessions/${r.session.id}`, undefined, {
      headers: { 'x-session-token': r.session.token },
    });
    expect(read.status).toBe(200);
  });

  /** The vervoer domain walked on the device to its end, as the coach app does offline. */
  async function walkedOffline() {
    const offline = (await (await wim.call('GET', '/api/staff/coach/offline-trees')).json()) as {
      trees: Omit<OfflineTree, 'bundle'>[];
      bundles: Record<string, OfflineTree['bundle']>;
    };
    const t0 = offline.trees.find((x) => x.domain === 'vervoer')!;
    const compiled = compileOffline({ ...t0, bundle: offline.bundles[t0.bundleHash]! });
    const at = '2026-11-22T10:00:00.000Z';
    let view = startOffline(compiled, 'vervoer', at);
    const answers: WalkAnswer[] = [];
    while (!view.done) {
      const step = present(compiled, view);
      answers.push({ node: step.id, value: autoAnswer(step), at });
      const r = engineAnswer(compiled, view, { ...answers.at(-1)!, channel: 'wijkcoach' });
      if (!r.ok) throw new Error(r.error.message);
      view = r.value;
    }
    return { bundleHash: t0.bundleHash, answers, compiled, view };
  }

  it('a walk refused at a later answer (409) changes nothing: no session, token, consent, audit entry or link', async () => {
    const id = await plan();
    expect((await change(id, { domain: 'vervoer' })).status).toBe(200);
    const { bundleHash, answers } = await walkedOffline();
    expect(answers.length).toBeGreaterThanOrEqual(2);
    const broken = answers.map((a, i) => (i === answers.length - 1 ? { ...a, node: 'no-such-question' } : a));
    const before = await allTableCounts(t.db);
    const refused = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, {
      bundleHash,
      walkKey: 'walk-key-bad1',
      answers: broken,
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: 'walk-refused',
      detail: expect.stringContaining(`Answer ${answers.length} of the offline walk`),
    });
    expect(await allTableCounts(t.db)).toEqual(before);
    const entry = await t.kit.db.selectFrom('coach_entries').selectAll().where('plan_id', '=', id).executeTakeFirstOrThrow();
    expect(entry.session_id).toBeNull();
  });

  it('a resent walk refused on the session it created changes nothing either: no new token, no answer', async () => {
    const id = await plan();
    expect((await change(id, { domain: 'vervoer' })).status).toBe(200);
    const { bundleHash, answers } = await walkedOffline();
    const walk = { bundleHash, walkKey: 'walk-key-half', answers: answers.slice(0, 1) };
    const first = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, walk);
    expect(first.status).toBe(200);
    const before = await allTableCounts(t.db);
    const refused = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, {
      ...walk,
      answers: [...answers.slice(0, 1), { ...answers[1]!, node: 'no-such-question' }],
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'walk-refused' });
    expect(await allTableCounts(t.db)).toEqual(before);
  });

  /** The vervoer domain started online (as "Advies uit de beslisboom" does) and its first question answered there. */
  async function startedOnline(id: string) {
    expect((await change(id, { domain: 'vervoer' })).status).toBe(200);
    const res = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/session`);
    const { session } = (await res.json()) as { session: { id: string; token: string; version: number; state: FullSessionState } };
    const { answers } = await walkedOffline();
    const headers = { 'x-session-token': session.token };
    const first = answers[0]!;
    const online = await wim.call(
      'POST',
      `/api/staff/sessions/${session.id}/answers`,
      { node: first.node, value: first.value, version: session.version, idempotencyKey: key(), channel: 'wijkcoach' },
      { headers },
    );
    expect(online.status).toBe(200);
    const state = (await online.json()) as FullSessionState;
    return { session, state, headers, answers };
  }

  it('an online walk continued on the device lands in the same session: the offline answers after the online ones, once', async () => {
    const id = await plan();
    const { session, state, answers } = await startedOnline(id);
    const { bundleHash } = await walkedOffline();
    const walk = {
      bundleHash,
      walkKey: 'walk-key-cont',
      continues: { sessionId: session.id, version: state.version },
      answers: answers.slice(1),
    };
    const sent = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, walk);
    expect(sent.status).toBe(200);
    const body = (await sent.json()) as {
      session: { id: string };
      state: FullSessionState;
      entry: { sessionId: string; advice: { done: boolean; items: unknown[] } };
    };
    expect(body.session.id).toBe(session.id);
    expect(body.state.done).toBe(true);
    expect(body.entry).toMatchObject({ sessionId: session.id, advice: { done: true } });
    expect(body.entry.advice.items.length).toBeGreaterThan(0);
    const events = await t.deps.store.sessions.events(session.id);
    // The life-domain choice, the online answer, then the device's answers in order.
    expect(events.map((e) => e.node)).toEqual(['domeinen', ...answers.map((a) => a.node)]);
    expect(await t.db.kysely.selectFrom('sessions').select('id').execute()).toEqual([{ id: session.id }]);
    // The response was lost: the queue sends it again, and nothing is applied twice.
    const again = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, walk);
    expect(again.status).toBe(200);
    expect(await t.deps.store.sessions.events(session.id)).toHaveLength(events.length);
  });

  it('a continued walk sent after part of it arrived (the answer lost) applies only the rest', async () => {
    const id = await plan();
    const { session, state, answers } = await startedOnline(id);
    const { bundleHash } = await walkedOffline();
    const rest = answers.slice(1);
    expect(rest.length).toBeGreaterThanOrEqual(2);
    const base = { bundleHash, walkKey: 'walk-key-part', continues: { sessionId: session.id, version: state.version } };
    expect(
      (await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, { ...base, answers: rest.slice(0, 1) })).status,
    ).toBe(200);
    const all = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, { ...base, answers: rest });
    expect(all.status).toBe(200);
    expect((await t.deps.store.sessions.events(session.id)).map((e) => e.node)).toEqual(['domeinen', ...answers.map((a) => a.node)]);
  });

  it('a continued walk whose session changed meanwhile on the server is refused (409 session-changed) and writes nothing', async () => {
    const id = await plan();
    const { session, state, headers, answers } = await startedOnline(id);
    const { bundleHash } = await walkedOffline();
    // While the coach's device is offline, a colleague goes back one question in the same session.
    const back = await wim.call(
      'POST',
      `/api/staff/sessions/${session.id}/back`,
      { version: state.version, idempotencyKey: key() },
      { headers },
    );
    expect(back.status).toBe(200);
    const before = await allTableCounts(t.db);
    const refused = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, {
      bundleHash,
      walkKey: 'walk-key-late',
      continues: { sessionId: session.id, version: state.version },
      answers: answers.slice(1),
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'session-changed' });
    expect(await allTableCounts(t.db)).toEqual(before);
    // Another session than the one the plan links is refused the same way.
    const other = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/vervoer/walk`, {
      bundleHash,
      walkKey: 'walk-key-othr',
      continues: { sessionId: 'not-the-linked-one', version: 0 },
      answers: answers.slice(1),
    });
    expect(other.status).toBe(409);
    expect(await allTableCounts(t.db)).toEqual(before);
  });

  it('keeps plans to their coach', async () => {
    const id = await plan();
    await t.addAccount('wies', 'wijkcoach');
    const wies = await t.login('wies');
    expect((await wies.call('GET', `/api/staff/coach/plans/${id}`)).status).toBe(404);
    expect(
      (
        await wies.call('POST', `/api/staff/coach/plans/${id}/entries`, {
          domain: 'geld',
          score: 1,
          note: '',
          baseRevision: 0,
          idempotencyKey: key(),
        })
      ).status,
    ).toBe(404);
  });
});

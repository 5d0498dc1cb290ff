import { Hono, type Context } from 'hono';
import type { CreatedSession, SessionState } from '../../api/contract.js';
import { z } from 'zod';
import { answer as engineAnswer, start as engineStart, type CompiledTree, type SessionView } from '../../../engine/index.js';
import { hashSecret } from '../../ids.js';
import { ApiError } from '../../http/problem.js';
import { AnswerValue } from '../../api/schemas.js';
import { jsonBody } from '../../http/validate.js';
import { MeldingFieldsBody as CoachMeldingBody } from '../../melding/melding-body.js';
import type { Caller, SessionService } from '../../sessions/session-service.js';
import { canonicalJson } from '../../tree-store/canonical-hash.js';
import { presentAdvice, presentState } from '../../sessions/present-state.js';
import { authenticate, requireRole } from '../auth.js';
import { COACH_ROLES, type Principal, type StaffEnv, type StaffKit } from '../context.js';
import { coachRepo, type CoachEntry } from './coach-repo.js';
import { coachMelding } from './coach-melding.js';
import { DOMAIN_IDS, LIFE_DOMAINS, SCALE } from './domains.js';

const IdempotencyKey = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);
export const PlanBody = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, '16–64 letters, digits, "-" or "_"')
    .optional()
    .meta({ description: 'Chosen by the coach’s device, so a plan can be made offline; sending it again is harmless.' }),
  label: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .meta({ description: 'How the coach recognises the household: initials or a case number, not a full name.' }),
  question: z.string().trim().min(1).max(1000).meta({ description: 'The help question: it decides which domains are recorded.' }),
});
export const WalkBody = z.strictObject({
  bundleHash: z.string().min(8).max(128),
  walkKey: IdempotencyKey,
  answers: z
    .array(z.strictObject({ node: z.string().min(1).max(300), value: AnswerValue, at: z.iso.datetime() }))
    .max(200)
    .meta({ description: 'The answers given offline, in order (the life-domain choice is made by the server, as online).' }),
  continues: z
    .strictObject({ sessionId: z.string().min(1).max(100), version: z.int().min(0) })
    .optional()
    .meta({
      description:
        'A walk started online and continued on the device when the connection dropped: the session and the version the device last saw. `answers` are then only those given offline.',
    }),
});
export const EntryBody = z.strictObject({
  domain: z.enum(DOMAIN_IDS),
  score: z.int().min(1).max(5).nullable(),
  note: z.string().trim().max(2000),
  baseRevision: z.int().min(0).meta({ description: 'The revision the coach last saw (0: not recorded yet). A mismatch is a conflict.' }),
  idempotencyKey: IdempotencyKey,
});

/** A 409 that carries the entry as the server has it, so the coach sees both versions. */
const conflict = (current: CoachEntry | undefined, domain: string) =>
  new Response(
    JSON.stringify({
      type: 'https://vraagwijzer.nl/problems/plan-conflict',
      title: 'Conflict',
      status: 409,
      code: 'plan-conflict',
      detail: `"${domain}" was changed elsewhere since you last saw it. Compare both versions and save again on top of the current one.`,
      current: current ?? null,
    }),
    { status: 409, headers: { 'content-type': 'application/problem+json; charset=utf-8' } },
  );

/**
 * Kitchen-table mode: one household, one plan. Domains are recorded only when the help question
 * needs them; each change carries an idempotency key (the offline queue resends it until it gets
 * an answer) and the revision it was made on (a change made on a stale revision is a conflict).
 */
export function coachRoutes(kit: StaffKit, sessions: SessionService) {
  const { deps } = kit;
  const repo = coachRepo(kit.db, deps.db.durable);
  const melding = coachMelding(kit);
  const now = () => deps.clock().toISOString();

  /**
   * Sub-flows (door "sub") are not served on their own, so a domain's advice starts on the
   * municipality's "oplossing" door with the domain already chosen (see startDomain below).
   */
  function treeFor(domain: string): string | null {
    const configured = kit.config.coachTrees[domain];
    if (configured) return deps.trees.head(configured) ? configured : null;
    const served = deps.trees.list().filter((t) => !kit.config.coachGemeente || t.gemeente === kit.config.coachGemeente);
    return (served.find((t) => t.id.endsWith(`/${domain}`)) ?? served.find((t) => t.root.door === 'oplossing'))?.id ?? null;
  }

  /**
   * When the tree opens with the life-domain question (the "oplossing" door does), answer it with
   * this one domain on the wijkcoach channel: the coach lands in the domain's own sub-flow, and
   * the trail shows that the coach chose it.
   */
  async function startDomain(created: CreatedSession, domain: string): Promise<CreatedSession> {
    const step = created.state.step;
    const offers = step.kind === 'question' && step.input?.type === 'multi' && step.input.options.some((o) => o.value === domain);
    if (!offers) return created;
    const caller = deviceCaller(created.token);
    const { body } = await sessions.answer(created.id, caller, {
      node: step.id,
      value: [domain],
      version: created.version,
      idempotencyKey: `coach-domain-${created.id}`,
      channel: 'wijkcoach',
    });
    const state = body as SessionState;
    return { ...created, version: state.version, state };
  }

  /** The coach starts a domain's tree: a session on the wijkcoach channel, recorded and linked to the entry. */
  async function startCoachSession(p: Principal, planId: string, domain: string, tree: string, walkKey: string | null) {
    const created = await startDomain(await sessions.create({ tree, channel: 'wijkcoach' }, { checkOrigin() {} }), domain);
    await kit.repo.addConsent({
      id: deps.ids.id(),
      session_id: created.id,
      account_id: p.account.id,
      purpose: 'start',
      channel: 'wijkcoach',
      consent_text: null,
      at: now(),
    });
    return { created, linked: await repo.linkSession(planId, domain, created.id, walkKey) };
  }

  /**
   * The plan items of a linked session, titles and layers only: what the household plan shows per
   * domain; and its Wmo melding, made or offered (with the check-answers page the device keeps).
   */
  async function walkedAdvice(sessionId: string | null) {
    const row = sessionId ? await deps.store.sessions.find(sessionId) : undefined;
    if (!row) return { advice: null, melding: null };
    const { served, view } = await sessions.loader.viewOf(row);
    const loaded = { row, served, view };
    const items = presentAdvice(served.compiled, view, row.locale).map((a) => ({ title: a.title, layer: a.layer }));
    return { advice: { done: view.done, items }, melding: await melding.forSession(loaded) };
  }

  async function ownPlan(c: Context<StaffEnv>) {
    const p = c.get('staff');
    const plan = await repo.plan(c.req.param('id')!);
    if (!plan || (plan.account_id !== p.account.id && p.account.role !== 'beheerder')) {
      throw new ApiError(404, 'plan-not-found', 'No household plan with this id is yours. Open it from your list of plans.');
    }
    return { p, plan };
  }

  const app = new Hono<StaffEnv>();
  app.use('/api/staff/coach/*', authenticate(kit), requireRole(COACH_ROLES));

  app.get('/api/staff/coach/meta', (c) => c.json({ domains: LIFE_DOMAINS.map((d) => ({ ...d, tree: treeFor(d.id) })), scale: SCALE }));

  app.get('/api/staff/coach/plans', async (c) => {
    const p = c.get('staff');
    const plans = await repo.plans(p.account.id);
    await kit.record(p, 'plan.list', 'plan', null, { count: plans.length });
    return c.json(plans.map((r) => ({ id: r.id, label: r.label, question: r.question, updatedAt: r.updated_at })));
  });

  app.post('/api/staff/coach/plans', async (c) => {
    const p = c.get('staff');
    const body = await jsonBody(c, PlanBody);
    if (body.id) {
      // A plan made offline arrives when the connection returns – possibly twice, if an answer was lost.
      const existing = await repo.plan(body.id);
      if (existing && existing.account_id !== p.account.id) {
        throw new ApiError(409, 'plan-id-taken', 'This plan id is already in use. Make the plan again on this device.', {
          errors: [{ pointer: '/id', code: 'plan-id-taken', message: 'Use a new random id.' }],
        });
      }
      if (existing) {
        return c.json({
          id: existing.id,
          label: existing.label,
          question: existing.question,
          updatedAt: existing.updated_at,
          entries: await repo.entries(existing.id),
        });
      }
    }
    const plan = { id: body.id ?? deps.ids.id(), accountId: p.account.id, label: body.label, question: body.question, at: now() };
    await repo.createPlan(plan);
    await kit.record(p, 'plan.create', 'plan', plan.id);
    return c.json({ id: plan.id, label: plan.label, question: plan.question, updatedAt: plan.at, entries: [] }, 201);
  });

  app.get('/api/staff/coach/plans/:id', async (c) => {
    const { p, plan } = await ownPlan(c);
    const entries = await repo.entries(plan.id);
    await kit.record(p, 'plan.read', 'plan', plan.id);
    // Each domain's walked tree advice (online or sent from an offline walk), for the plan and its print.
    const withAdvice = await Promise.all(entries.map(async (e) => ({ ...e, ...(await walkedAdvice(e.sessionId)) })));
    return c.json({ id: plan.id, label: plan.label, question: plan.question, updatedAt: plan.updated_at, entries: withAdvice });
  });

  app.post('/api/staff/coach/plans/:id/entries', async (c) => {
    const { p, plan } = await ownPlan(c);
    const { idempotencyKey, ...change } = await jsonBody(c, EntryBody);
    const requestHash = hashSecret(canonicalJson(change));
    const replay = async () => {
      const stored = await repo.change(plan.id, idempotencyKey);
      if (!stored) return undefined;
      if (stored.requestHash !== requestHash)
        throw new ApiError(
          422,
          'idempotency-key-reused',
          'This idempotency key was used for another change. Use a new key for every change.',
        );
      return c.json(stored.body as object, stored.status as 200);
    };
    const earlier = await replay();
    if (earlier) return earlier;
    const current = await repo.entry(plan.id, change.domain);
    if ((current?.revision ?? 0) !== change.baseRevision) return conflict(current, change.domain);
    const result = await repo.apply({
      planId: plan.id,
      domain: change.domain,
      baseRevision: change.baseRevision,
      next: { score: change.score, note: change.note, sessionId: current?.sessionId ?? null, updatedAt: now() },
      key: idempotencyKey,
      requestHash,
      response: (entry) => ({ entry }),
    });
    if (!result.ok) return (await replay()) ?? conflict(await repo.entry(plan.id, change.domain), change.domain);
    await kit.record(p, 'plan.change', 'plan', plan.id, { domain: change.domain });
    return c.json(result.body as object);
  });

  app.post('/api/staff/coach/plans/:id/entries/:domain/session', async (c) => {
    const { p, plan } = await ownPlan(c);
    const domain = c.req.param('domain');
    const entry = await repo.entry(plan.id, domain);
    if (!entry)
      throw new ApiError(
        422,
        'domain-not-recorded',
        'Record this domain in the plan first (only domains the help question needs are recorded).',
      );
    const tree = treeFor(domain);
    if (!tree)
      throw new ApiError(
        404,
        'tree-not-found',
        `No published tree gives advice for "${domain}". Ask the tree authors, or configure coachTrees.`,
      );
    // Walked before (online, or sent from an offline walk): continue that session, never a second one.
    const linkedRow = entry.sessionId ? await deps.store.sessions.find(entry.sessionId) : undefined;
    if (linkedRow && linkedRow.expiresAt > now()) {
      const token = deps.ids.token();
      await deps.store.sessions.addToken(linkedRow.id, hashSecret(token), 'resume', now());
      const { served, view } = await sessions.loader.viewOf(linkedRow);
      const state = presentState(served, view, linkedRow, linkedRow.locale);
      await kit.record(p, 'plan.resume-tree', 'plan', plan.id, { domain, session: linkedRow.id });
      return c.json({ session: { id: linkedRow.id, token, version: linkedRow.version, state }, entry, resumed: true }, 200);
    }
    const { created, linked } = await startCoachSession(p, plan.id, domain, tree, null);
    await kit.record(p, 'plan.start-tree', 'plan', plan.id, { domain, session: created.id });
    return c.json({ session: created, entry: linked }, 201);
  });

  /**
   * For the kitchen table without internet: every domain's tree bundle, exactly as it serves now,
   * so the coach's device can walk the advice with the same engine and send the answers later.
   */
  app.get('/api/staff/coach/offline-trees', async (c) => {
    const trees: { domain: string; tree: string; bundleHash: string }[] = [];
    const bundles: Record<string, unknown> = {};
    const meldingTexts: Record<string, ReturnType<typeof melding.pageTexts>> = {};
    for (const d of LIFE_DOMAINS) {
      const tree = treeFor(d.id);
      const served = tree ? deps.trees.head(tree) : undefined;
      if (!tree || !served) continue;
      trees.push({ domain: d.id, tree, bundleHash: served.bundleHash });
      bundles[served.bundleHash] ??= await deps.store.trees.bundle(served.bundleHash);
      const gemeente = tree.split('/')[0]!;
      meldingTexts[gemeente] ??= melding.pageTexts(gemeente);
    }
    // A melding for advice walked without internet needs the municipality's words on the device too.
    return c.json({ trees, bundles, melding: meldingTexts });
  });

  /**
   * A domain's advice walked offline arrives: the server starts the session as online (same tree
   * version – else 409, walk again), then applies the answers in order with derived idempotency
   * keys. A resent walk (same key) continues the session it created and skips answers already in.
   * The walk is first tried in memory (the engine is pure), so a walk refused at any answer is
   * refused before anything is written: no session, token, consent or re-linked entry.
   */
  app.post('/api/staff/coach/plans/:id/entries/:domain/walk', async (c) => {
    const { p, plan } = await ownPlan(c);
    const domain = c.req.param('domain');
    const body = await jsonBody(c, WalkBody);
    const entry = await repo.entry(plan.id, domain);
    if (!entry) throw new ApiError(422, 'domain-not-recorded', 'Record this domain in the plan first.');
    const tree = treeFor(domain);
    const served = tree ? deps.trees.head(tree) : undefined;
    if (!tree || !served) throw new ApiError(404, 'tree-not-found', `No published tree gives advice for "${domain}".`);
    const continued = body.continues ? await continuedWalk(entry.sessionId, body) : null;
    let sessionId =
      continued?.sessionId ?? (entry.sessionId && (await repo.walkKey(plan.id, domain)) === body.walkKey ? entry.sessionId : null);
    if (!continued && sessionId) {
      const resumed = await deps.store.sessions.find(sessionId);
      if (resumed) {
        const { served: its, view } = await sessions.loader.viewOf(resumed);
        rehearse(its.compiled, view, body.answers);
      }
    }
    if (!sessionId) {
      if (served.bundleHash !== body.bundleHash) throw treeChanged();
      rehearse(served.compiled, domainStart(served.compiled, domain, now()), body.answers);
      sessionId = (await startCoachSession(p, plan.id, domain, tree, body.walkKey)).created.id;
    }
    // A fresh bearer token for this device: the first response (with the creation token) may be lost.
    const token = deps.ids.token();
    await deps.store.sessions.addToken(sessionId, hashSecret(token), 'resume', now());
    const caller = deviceCaller(token);
    let state = await sessions.get(sessionId, caller);
    const given = new Set(continued ? [] : state.trail.map((e) => e.node));
    for (const [i, a] of body.answers.entries()) {
      if (given.has(a.node)) continue;
      try {
        const { body: next } = await sessions.answer(sessionId, caller, {
          node: a.node,
          value: a.value,
          // A continued walk's answers follow the device's version one by one, so a resend repeats
          // each of them exactly (same key, same version) and the session service answers it again.
          version: continued ? continued.version + i : state.version,
          idempotencyKey: `${body.walkKey}-${i}`,
          channel: 'wijkcoach',
        });
        state = next as SessionState;
      } catch (err) {
        // Rehearsed above, so only a race (the session changed meanwhile) or a failing database ends here.
        throw walkRefused(i, err instanceof ApiError ? err.message : 'unknown error');
      }
    }
    await kit.record(p, 'plan.offline-walk', 'plan', plan.id, {
      domain,
      session: sessionId,
      answers: body.answers.length,
      ...(continued ? { continued: true } : {}),
    });
    const linked = await repo.entry(plan.id, domain);
    return c.json({ session: { id: sessionId, token }, entry: { ...linked, ...(await walkedAdvice(sessionId)) }, state });
  });

  /**
   * An online walk continued on the device: allowed only while the session holds exactly what the
   * device saw plus this walk's own answers (a resend after a lost response); anything else – an
   * answer or "back" by the resident or a colleague meanwhile – is a 409 before anything is written.
   */
  async function continuedWalk(linked: string | null, body: z.infer<typeof WalkBody>) {
    const { sessionId, version } = body.continues!;
    const row = linked === sessionId ? await deps.store.sessions.find(sessionId) : undefined;
    if (!row) throw sessionChanged();
    if (row.bundleHash !== body.bundleHash) throw treeChanged();
    let delivered = 0;
    while (delivered < body.answers.length && (await deps.store.sessions.stored(sessionId, `${body.walkKey}-${delivered}`))) delivered++;
    if (row.version !== version + delivered) throw sessionChanged();
    const { served: its, view } = await sessions.loader.viewOf(row);
    rehearse(its.compiled, view, body.answers.slice(delivered), delivered);
    return { sessionId, version };
  }

  /** The kitchen-table melding for a domain: on the session the plan links, made by the coach with the resident. */
  app.post('/api/staff/coach/plans/:id/entries/:domain/melding', async (c) => {
    const { p, plan } = await ownPlan(c);
    const body = await jsonBody(c, CoachMeldingBody);
    const entry = await repo.entry(plan.id, c.req.param('domain'));
    const row = entry?.sessionId ? await deps.store.sessions.find(entry.sessionId) : undefined;
    if (!row)
      throw new ApiError(
        422,
        'domain-not-walked',
        "Walk this domain's tree advice first (and let it reach the server): the melding goes with its answers.",
      );
    const { status, body: receipt, repeated } = await melding.create(p, await sessions.loader.viewOf(row), body);
    if (!repeated) await kit.record(p, 'plan.melding', 'plan', plan.id, { domain: entry!.domain, melding: receipt.reference });
    return c.json(receipt, status as 201);
  });

  return app;
}

const treeChanged = () =>
  new ApiError(
    409,
    'tree-changed',
    'The advice tree changed since this device stored it. Walk the advice again; the scores and notes are kept.',
  );
const sessionChanged = () =>
  new ApiError(
    409,
    'session-changed',
    'The advice session changed on the server while this device was offline (an answer or "back" by the resident or a colleague). Nothing of this walk was stored: open the session and give the answers again.',
  );
const walkRefused = (i: number, detail: string) =>
  new ApiError(409, 'walk-refused', `Answer ${i + 1} of the offline walk was refused: ${detail} Walk the advice again.`);

/** The view a new coach session starts from: startDomain's choice of the life domain, in memory. */
function domainStart(compiled: CompiledTree, domain: string, at: string): SessionView {
  const view = engineStart(compiled);
  const input = view.node.kind === 'question' && 'input' in view.node.source! ? view.node.source.input : undefined;
  if (input?.type !== 'multi' || !input.options.some((o) => o.value === domain)) return view;
  const chosen = engineAnswer(compiled, view, { node: view.node.id, value: [domain], at, channel: 'wijkcoach' });
  return chosen.ok ? chosen.value : view;
}

/**
 * The walk's answers applied in memory as the route applies them (answers already in the session
 * skipped); the first the engine refuses refuses the whole walk, before any write.
 */
function rehearse(compiled: CompiledTree, from: SessionView, answers: z.infer<typeof WalkBody>['answers'], offset?: number): void {
  // A continued walk (offset given) skips nothing: its answers follow the session's last one.
  const given = new Set(offset === undefined ? from.record.log.map((e) => e.node) : []);
  let view = from;
  for (const [i, a] of answers.entries()) {
    if (given.has(a.node)) continue;
    const next = engineAnswer(compiled, view, { node: a.node, value: a.value, at: a.at, channel: 'wijkcoach' });
    if (!next.ok) throw walkRefused(i + (offset ?? 0), next.error.message);
    view = next.value;
  }
}

/**
 * The coach's device as a session caller: its own bearer token, no municipal site's origin to check
 * (the coach works in the staff app), and the plan in every state, as it forms.
 */
function deviceCaller(token: string): Caller {
  return { authorization: `Bearer ${token}`, guard: { checkOrigin() {} }, locale: undefined, advice: 'full' };
}

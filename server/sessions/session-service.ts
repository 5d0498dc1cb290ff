import { answer, back, presentAnswered, revise, start, type Channel } from '../../engine/index.js';
import type { AdvicePlan, AnsweredStep, CreatedSession, SessionState } from '../api/contract.js';
import type { AdviceMode } from '../api/schemas.js';
import type { Deps } from '../deps.js';
import { hashSecret, normalizeCode } from '../ids.js';
import { ApiError } from '../http/problem.js';
import { sessionLoader, type RequestGuard } from './load-session.js';
import { presentAdvice, presentState } from './present-state.js';
import { createViewCache } from './view-cache.js';
import { stepWriter } from './write-step.js';

export interface Caller {
  authorization: string | undefined;
  guard: RequestGuard;
  /** ?lang= override; the session's own locale otherwise. */
  locale: string | undefined;
  /** ?advice=: the plan in every state, or only once the session is done. */
  advice: AdviceMode;
}

const MAX_DRAWS = 5;

export function sessionService(deps: Deps) {
  const cache = createViewCache();
  const loader = sessionLoader(deps, cache);
  const writeStep = stepWriter(deps, loader, cache);
  const { store, clock, ids, config, trees } = deps;

  const expiry = (from: Date, ms: number) => new Date(from.getTime() + ms).toISOString();

  /**
   * Resume codes are short enough to read out over the phone (~40 bits), so a new one now and then
   * equals a live one (about one in 10^8 with 10,000 live codes): the insert is refused and fresh
   * values are drawn. Clashing draw after draw means the random source is broken.
   */
  async function drawUntilFree<T>(what: string, attempt: () => Promise<T | 'conflict'>): Promise<T> {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const outcome = await attempt();
      if (outcome !== 'conflict') return outcome;
    }
    throw new Error(`${what}: ${MAX_DRAWS} draws of fresh ids and codes all clashed with stored ones; is the random source broken?`);
  }

  async function create(
    body: { tree: string; channel?: Channel; locale?: string },
    guard: RequestGuard,
    adviceMode: AdviceMode = 'full',
  ): Promise<CreatedSession> {
    const [gemeente] = body.tree.split('/');
    guard.checkOrigin(gemeente!);
    const served = trees.head(body.tree);
    if (!served) {
      const known = trees
        .list()
        .map((t) => t.id)
        .join(', ');
      throw new ApiError(404, 'tree-not-found', `No published tree "${body.tree}". Available: ${known || 'none'}.`, {
        errors: [{ pointer: '/tree', code: 'tree-not-found', message: `Use one of: ${known || 'none'}.` }],
      });
    }
    const now = clock();
    const locale = body.locale ?? 'nl';
    const resumeExpiresAt = expiry(now, config.resumeCodeTtlMs);
    const { row, token, code } = await drawUntilFree('A new session', async () => {
      const token = ids.token();
      const code = ids.resumeCode();
      const row = {
        id: ids.id(),
        tree: served.id,
        bundleHash: served.bundleHash,
        treeVersion: served.version,
        locale,
        channel: body.channel ?? 'web',
        version: 0,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: expiry(now, config.sessionTtlMs),
      } as const;
      const codeHash = { hash: hashSecret(normalizeCode(code)), expiresAt: resumeExpiresAt };
      const outcome = await store.sessions.create(row, { hash: hashSecret(token) }, codeHash);
      return outcome === 'conflict' ? outcome : { row, token, code };
    });
    const view = start(served.compiled);
    // The first answer then needs no replay of an (empty) event log.
    cache.set(row.id, 0, served.bundleHash, view);
    return { id: row.id, token, resumeCode: code, resumeExpiresAt, version: 0, state: presentState(served, view, row, locale, adviceMode) };
  }

  async function get(id: string, caller: Caller): Promise<SessionState> {
    const { row, served, view } = await loader.load(id, caller.authorization, caller.guard);
    return presentState(served, view, row, caller.locale ?? row.locale, caller.advice);
  }

  /** An answered step again, for "Wijzig": its question and the answer given (answering it revises). */
  async function answeredStep(id: string, caller: Caller, node: string): Promise<AnsweredStep> {
    const { row, served, view } = await loader.load(id, caller.authorization, caller.guard);
    const found = presentAnswered(served.compiled, view, node, caller.locale ?? row.locale);
    if (!found) {
      throw new ApiError(404, 'step-not-answered', `"${node}" is not an answered step of this session. Use a node from the trail.`, {
        errors: [{ pointer: '/node', code: 'step-not-answered', message: 'Pick a node from the trail.' }],
      });
    }
    return { ...found, version: row.version };
  }

  async function plan(id: string, caller: Caller): Promise<AdvicePlan> {
    const { row, served, view } = await loader.load(id, caller.authorization, caller.guard);
    const locale = caller.locale ?? row.locale;
    return { id: row.id, version: row.version, locale, done: view.done, advice: presentAdvice(served.compiled, view, locale) };
  }

  function giveAnswer(
    id: string,
    caller: Caller,
    body: { node: string; value: unknown; version: number; idempotencyKey: string; channel?: Channel },
  ) {
    return writeStep({
      id,
      ...caller,
      version: body.version,
      idempotencyKey: body.idempotencyKey,
      fingerprint: { op: 'answer', node: body.node, value: body.value, version: body.version, channel: body.channel ?? null },
      step: ({ row, served, view }) => {
        const at = clock().toISOString();
        const channel = body.channel ?? row.channel;
        const step = { node: body.node, value: body.value, at, channel };
        // An answer to a question already in the trail changes it (from the overview); later
        // answers that still fit are kept, the rest pruned – one request, no chain of "back"s.
        const revising = body.node !== view.node.id && view.record.log.some((e) => e.node === body.node);
        const result = revising ? revise(served.compiled, view, step) : answer(served.compiled, view, step);
        if (!result.ok) return result;
        // The engine normalises values (trimmed text, multi-choice in question order): store what it kept.
        const stored = result.value.record.log.find((e) => e.node === body.node)!;
        return {
          ok: true,
          value: {
            view: result.value,
            event: { kind: revising ? 'revise' : 'answer', node: stored.node, value: stored.value, channel, at },
          },
        };
      },
    });
  }

  function goBack(id: string, caller: Caller, body: { version: number; idempotencyKey: string }) {
    return writeStep({
      id,
      ...caller,
      version: body.version,
      idempotencyKey: body.idempotencyKey,
      fingerprint: { op: 'back', version: body.version },
      step: ({ row, served, view }) => {
        const result = back(served.compiled, view);
        if (!result.ok) return result;
        const undone = view.record.log.at(-1)!.node;
        return {
          ok: true,
          value: {
            view: result.value,
            event: { kind: 'back', node: undone, value: null, channel: row.channel, at: clock().toISOString() },
          },
        };
      },
    });
  }

  /** A fresh resume code for a session (the old ones stay valid until they expire). */
  async function newResumeCode(id: string, caller: Caller): Promise<{ resumeCode: string; resumeExpiresAt: string }> {
    const { row } = await loader.load(id, caller.authorization, caller.guard);
    const now = clock();
    const resumeExpiresAt = expiry(now, config.resumeCodeTtlMs);
    const code = await drawUntilFree('A new resume code', async () => {
      const code = ids.resumeCode();
      const outcome = await store.sessions.addResumeCode(row.id, hashSecret(normalizeCode(code)), now.toISOString(), resumeExpiresAt);
      return outcome === 'conflict' ? outcome : code;
    });
    return { resumeCode: code, resumeExpiresAt };
  }

  return { create, get, answeredStep, plan, answer: giveAnswer, back: goBack, newResumeCode, loader };
}

export type SessionService = ReturnType<typeof sessionService>;

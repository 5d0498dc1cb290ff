import { hashSecret } from '../ids.js';
import type { EngineError, Result, SessionView } from '../../engine/index.js';
import type { SessionEvent, SessionRow, StepReceipt, StoredResponse } from '../db/session-repo.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../http/problem.js';
import { canonicalJson } from '../tree-store/canonical-hash.js';
import type { AdviceMode } from '../api/schemas.js';
import type { LoadedSession, RequestGuard, SessionLoader } from './load-session.js';
import { presentState } from './present-state.js';
import type { ViewCache } from './view-cache.js';

export interface StepRequest {
  id: string;
  authorization: string | undefined;
  guard: RequestGuard;
  locale: string | undefined;
  advice: AdviceMode;
  version: number;
  idempotencyKey: string;
  /** Everything of the request except its key: a reused key with other content is refused. */
  fingerprint: unknown;
  /** The engine step (answer or back) and the event that records it. */
  step(loaded: LoadedSession): Result<{ view: SessionView; event: Omit<SessionEvent, 'seq'> }>;
}

export interface StepResponse {
  status: number;
  body: unknown;
}

/**
 * The one write path for session changes. Order matters: idempotent replays are answered before
 * the version check (a retry after a lost response must not become a 409); the new state is
 * computed before the transaction, and only a committed transaction is acknowledged.
 */
export function stepWriter(deps: Deps, loader: SessionLoader, cache: ViewCache) {
  const conflict = async (req: StepRequest, loaded: LoadedSession) => {
    const locale = req.locale ?? loaded.row.locale;
    return new ApiError(
      409,
      'version-conflict',
      `The session is at version ${loaded.row.version}, not ${req.version}: someone else changed it. Show the current state (included) and let the person continue from there.`,
      {
        state: presentState(loaded.served, loaded.view, loaded.row, locale, req.advice),
      },
    );
  };

  return async function writeStep(req: StepRequest): Promise<StepResponse> {
    const requestHash = hashSecret(canonicalJson(req.fingerprint));
    const { row, stored } = await loader.authorize(req.id, req.authorization, req.guard, req.idempotencyKey);
    if (stored) return sameRequest(row, stored, requestHash);
    const loaded = await loader.viewOf(row);
    if (req.version !== loaded.row.version) throw await conflict(req, loaded);

    const result = req.step(loaded);
    if (!result.ok) throw engineError(result.error);
    const { view, event } = result.value;
    const version = loaded.row.version + 1;
    const locale = req.locale ?? loaded.row.locale;
    const body = presentState(loaded.served, view, { ...loaded.row, version }, locale, req.advice);
    // The receipt names the plan's shape only where it is not the default, as older receipts do not.
    const receipt: StepReceipt = req.advice === 'full' ? { version, locale } : { version, locale, advice: req.advice };
    const now = deps.clock();
    const outcome = await deps.store.sessions.append({
      sessionId: req.id,
      expectVersion: loaded.row.version,
      event,
      idempotency: { key: req.idempotencyKey, requestHash, status: 200, receipt },
      ...slidExpiry(loaded.row.expiresAt, now.getTime() + deps.config.sessionTtlMs),
    });
    if (outcome === 'conflict') {
      // Lost a race: either the same request (same key) won – answer as it did – or another one.
      const same = await deps.store.sessions.stored(req.id, req.idempotencyKey);
      if (same) return sameRequest(loaded.row, same, requestHash);
      throw await conflict(req, await loader.load(req.id, req.authorization, req.guard));
    }
    cache.set(req.id, version, loaded.row.bundleHash, view);
    deps.changes.publish({ id: req.id, version });
    return { status: 200, body };
  };

  /**
   * A repeated key: the first response again, rebuilt from its receipt (the state at the version
   * it produced, in its language and with its plan or without) – unless the key now comes with
   * another request.
   */
  async function sameRequest(row: SessionRow, stored: StoredResponse, requestHash: string): Promise<StepResponse> {
    if (stored.requestHash !== requestHash) {
      throw new ApiError(
        422,
        'idempotency-key-reused',
        'This idempotency key was already used for a different request. Use a new key for every new change.',
        {
          errors: [{ pointer: '/idempotencyKey', code: 'idempotency-key-reused', message: 'Use a fresh key for a new request.' }],
        },
      );
    }
    const { version, locale, advice = 'full' } = stored.body as StepReceipt;
    const { served, view } = await loader.viewAt(row, version);
    const body = presentState(served, view, { ...row, version }, locale, advice);
    return { status: stored.status, body };
  }
}

/**
 * Activity keeps a session alive (sliding expiry), but to the hour: rewriting the indexed expiry
 * on every answer cost a b-tree page per answer in every commit, for no difference anyone sees.
 */
const EXPIRY_STEP_MS = 60 * 60 * 1000;
function slidExpiry(stored: string, next: number): { expiresAt?: string } {
  return Date.parse(stored) >= next - EXPIRY_STEP_MS ? {} : { expiresAt: new Date(next).toISOString() };
}

/** Engine refusals keep their own code; the pointer names the field the client should fix. */
export function engineError(error: EngineError): ApiError {
  const pointer =
    error.code === 'not-current-node' || error.code === 'session-finished'
      ? '/node'
      : error.code === 'nothing-to-undo'
        ? '/version'
        : '/value';
  return new ApiError(422, error.code, error.message, { errors: [{ pointer, code: error.code, message: error.message }] });
}

export type StepWriter = ReturnType<typeof stepWriter>;

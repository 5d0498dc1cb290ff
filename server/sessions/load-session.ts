import type { SessionView } from '../../engine/index.js';
import type { SessionEvent, SessionRow, StoredResponse } from '../db/session-repo.js';
import type { Deps } from '../deps.js';
import { hashSecret } from '../ids.js';
import { ApiError } from '../http/problem.js';
import type { ServedTree } from '../tree-store/served-tree.js';
import { replayEvents } from './replay-events.js';
import type { ViewCache } from './view-cache.js';

export interface LoadedSession {
  row: SessionRow;
  served: ServedTree;
  view: SessionView;
}

/** Per-request checks the caller supplies: where the request comes from may call this municipality. */
export interface RequestGuard {
  checkOrigin(gemeente: string): void;
}

export function sessionLoader(deps: Deps, cache: ViewCache) {
  async function servedOf(row: SessionRow): Promise<ServedTree> {
    const served = await deps.trees.byHash(row.bundleHash, row.tree);
    if (!served) {
      throw new ApiError(
        503,
        'tree-version-unavailable',
        `The tree version this session runs on (${row.tree}@${row.treeVersion}) cannot be loaded. Try again later; the operators have been told.`,
      );
    }
    return served;
  }

  function replayed(row: SessionRow, served: ServedTree, events: readonly SessionEvent[]): SessionView {
    const result = replayEvents(served.compiled, events);
    if (!result.ok) {
      deps.logger.error({ session: row.id, code: result.error.code }, 'Stored session does not replay on its own tree version.');
      throw new ApiError(500, 'session-corrupt', 'This session cannot be rebuilt. Start a new session; the operators have been told.');
    }
    return result.value;
  }

  /** Rebuilds the current view of a row: from the cache when its version still matches, else by replay. */
  async function viewOf(row: SessionRow): Promise<LoadedSession> {
    const served = await servedOf(row);
    const cached = cache.get(row.id, row.version, row.bundleHash);
    if (cached) return { row, served, view: cached };
    const view = replayed(row, served, await deps.store.sessions.events(row.id));
    cache.set(row.id, row.version, row.bundleHash, view);
    return { row, served, view };
  }

  /**
   * The session as it was at `version` (at most the stored one): a repeated request is answered
   * with the state its first try produced, even after the session moved on.
   */
  async function viewAt(row: SessionRow, version: number): Promise<LoadedSession> {
    if (version === row.version) return viewOf(row);
    const served = await servedOf(row);
    const events = (await deps.store.sessions.events(row.id)).filter((e) => e.seq <= version);
    return { row: { ...row, version }, served, view: replayed(row, served, events) };
  }

  function assertLive(row: SessionRow): void {
    if (row.expiresAt <= deps.clock().toISOString()) {
      throw new ApiError(410, 'session-expired', 'This session has expired and its answers are being deleted. Start a new session.');
    }
  }

  /**
   * Authorisation, expiry and origin checks. With an idempotency key it also returns what was
   * stored under it, in the same query: a repeated write is answered without any replay.
   */
  async function authorize(
    id: string,
    authorization: string | undefined,
    guard: RequestGuard,
    idempotencyKey?: string,
  ): Promise<{ row: SessionRow; stored?: StoredResponse }> {
    const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '')?.[1];
    if (!token) {
      throw new ApiError(
        401,
        'token-missing',
        'Send the session token as "Authorization: Bearer <token>" (from the create or resume response).',
        { headers: { 'www-authenticate': 'Bearer' } },
      );
    }
    const found = await deps.store.sessions.authorize(id, hashSecret(token), idempotencyKey);
    if (!found)
      throw new ApiError(
        404,
        'session-not-found',
        `There is no session "${id}". It may have been purged after it expired; start a new one.`,
      );
    if (!found.tokenOk) {
      throw new ApiError(
        401,
        'token-invalid',
        'This token does not belong to this session. Use the token from the create or resume response.',
        { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      );
    }
    assertLive(found.session);
    guard.checkOrigin(found.session.tree.split('/')[0]!);
    return { row: found.session, ...(found.stored ? { stored: found.stored } : {}) };
  }

  /** Authorisation, expiry and origin checks, then the current view. */
  async function load(id: string, authorization: string | undefined, guard: RequestGuard): Promise<LoadedSession> {
    return viewOf((await authorize(id, authorization, guard)).row);
  }

  return { authorize, load, viewOf, viewAt, assertLive };
}

export type SessionLoader = ReturnType<typeof sessionLoader>;

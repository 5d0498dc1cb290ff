import { answer, back, replay, revise, type CompiledTree, type Result, type SessionView } from '../../engine/index.js';
import type { SessionEvent } from '../db/session-repo.js';

/**
 * The stored events → the current view, through the engine's own session functions. "Back" and
 * "revise" are events of their own rather than deletes: the log stays append-only (an acknowledged
 * answer is never removed, so the audit and the crash test can see it) and the version is simply
 * the number of events. Revise needs the tree to know which later answers still fit, so events
 * are replayed, not folded.
 */
export function replayEvents(compiled: CompiledTree, events: readonly SessionEvent[]): Result<SessionView> {
  const empty = replay(compiled, { treeId: compiled.treeId, treeVersion: compiled.treeVersion, log: [] });
  if (!empty.ok) return empty;
  let view = empty.value;
  for (const e of events) {
    const step = { node: e.node!, value: e.value, at: e.at, channel: e.channel };
    const next =
      e.kind === 'back' ? back(compiled, view) : e.kind === 'revise' ? revise(compiled, view, step) : answer(compiled, view, step);
    if (!next.ok) return next;
    view = next.value;
  }
  return { ok: true, value: view };
}

import type { CompiledTree } from '../compile/compile.js';
import { applyStep, initialView, replay } from './replay.js';
import { fail, ok, type Channel, type Result, type SessionView } from './types.js';

export interface StepInput {
  node: string;
  value: unknown;
  at: string;
  channel: Channel;
}

/** A new session at the tree's first question. */
export function start(compiled: CompiledTree): SessionView {
  return initialView(compiled);
}

/** Answers the current question. On a refusal the given view is untouched and still current. */
export function answer(compiled: CompiledTree, view: SessionView, step: StepInput): Result<SessionView> {
  return applyStep(compiled, view, step);
}

/** One step back: the last answer is dropped and the log replayed, so nothing stale survives. */
export function back(compiled: CompiledTree, view: SessionView): Result<SessionView> {
  if (view.record.log.length === 0) return fail('nothing-to-undo', 'This is the first question; there is nothing to go back to.');
  return replay(compiled, { ...view.record, log: view.record.log.slice(0, -1) });
}

/**
 * Changes an earlier answer (from the overview). Later answers are kept while the path still
 * passes their questions; answers on branches no longer taken are pruned.
 */
export function revise(compiled: CompiledTree, view: SessionView, step: StepInput): Result<SessionView> {
  const log = view.record.log;
  const index = log.findIndex((e) => e.node === step.node);
  if (index < 0) return fail('not-answered', `"${step.node}" was not answered in this session, so it cannot be changed.`, step.node);
  const before = replay(compiled, { ...view.record, log: log.slice(0, index) });
  if (!before.ok) return before;
  const changed = applyStep(compiled, before.value, step);
  if (!changed.ok) return changed;
  let current = changed.value;
  for (const later of log.slice(index + 1)) {
    if (current.done || later.node !== current.node.id) continue;
    const kept = applyStep(compiled, current, later);
    if (kept.ok) current = kept.value;
  }
  return ok(current);
}

export { replay };

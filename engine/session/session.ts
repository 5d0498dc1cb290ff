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
  const rest = log.slice(index + 1);
  const used = new Set<number>();
  let next = 0;
  while (!current.done) {
    // A profile fact is one answer wherever it was asked: the changed path may reach its gate
    // at another node (or earlier), and it is kept there rather than asked again.
    const key = current.node.answer;
    let j = key ? rest.findIndex((e, k) => !used.has(k) && compiled.graph.nodes.get(e.node)?.answer === key) : -1;
    if (j < 0) {
      while (next < rest.length && (used.has(next) || rest[next]!.node !== current.node.id)) next++;
      if (next >= rest.length) break;
      j = next;
    }
    used.add(j);
    const kept = applyStep(compiled, current, { ...rest[j]!, node: current.node.id });
    if (kept.ok) current = kept.value;
  }
  return ok(current);
}

export { replay };

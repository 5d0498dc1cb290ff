import type { AnyMachineSnapshot } from 'xstate';
import type { CompiledTree } from '../compile/compile.js';
import { answerKey, isStep } from '../compile/flat-graph.js';
import type { MachineContext } from '../compile/machine.js';
import { carryProgress } from './progress.js';
import { validateAnswer } from './validate-answer.js';
import { fail, ok, type LogEntry, type Result, type SessionRecord, type SessionView } from './types.js';

/** The view of a fresh session: the machine's initial state, nothing answered. */
export function initialView(compiled: CompiledTree): SessionView {
  const snapshot = compiled.step.initial();
  return viewOf(compiled, { treeId: compiled.treeId, treeVersion: compiled.treeVersion, log: [] }, snapshot);
}

/**
 * Applies one validated step to a view. Pure: returns a new view, the old one stays valid.
 * The check that `entry.node` is current and the value fits lives here, so every way in
 * (answer, replay, revise) refuses the same things with the same codes.
 */
export function applyStep(compiled: CompiledTree, view: SessionView, entry: LogEntry): Result<SessionView> {
  if (view.done) return fail('session-finished', 'This session has reached its advice; go back to change an answer.', entry.node);
  if (entry.node !== view.node.id) {
    return fail(
      'not-current-node',
      `"${entry.node}" is not the current question; the current one is "${view.node.id}". Reload the session.`,
      entry.node,
    );
  }
  const valid = validateAnswer(view.node, entry.value);
  if (!valid.ok) return valid;
  const stored: LogEntry = { ...entry, value: valid.value };
  const snapshot = compiled.step.next(view.snapshot, { type: 'ANSWER', node: entry.node, value: valid.value });
  const next = viewOf(compiled, { ...view.record, log: [...view.record.log, stored] }, snapshot);
  carryProgress(view, next, answerKey(view.node));
  return ok(next);
}

/** Rebuilds the current state from the durable record; refuses a log that does not fit the tree. */
export function replay(compiled: CompiledTree, record: SessionRecord): Result<SessionView> {
  if (record.treeId !== compiled.treeId || record.treeVersion !== compiled.treeVersion) {
    return fail(
      'tree-mismatch',
      `This session runs on ${record.treeId}@${record.treeVersion}, not ${compiled.treeId}@${compiled.treeVersion}.`,
    );
  }
  let view = initialView(compiled);
  for (const entry of record.log) {
    const next = applyStep(compiled, view, entry);
    if (!next.ok)
      return fail('log-mismatch', `The stored answers no longer fit the tree at "${entry.node}": ${next.error.message}`, entry.node);
    view = next.value;
  }
  return ok(view);
}

function viewOf(compiled: CompiledTree, record: SessionRecord, snapshot: AnyMachineSnapshot): SessionView {
  const id = String(snapshot.value);
  const node = compiled.graph.nodes.get(id)!;
  const context = snapshot.context as MachineContext;
  const done = node.kind === 'end';
  const steps = record.log.length;
  return {
    record,
    snapshot,
    node,
    answers: context.answers,
    plan: context.plan,
    done,
    progress: { done: steps },
  };
}

export { isStep };

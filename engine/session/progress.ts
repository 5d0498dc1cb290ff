import type { CompiledTree } from '../compile/compile.js';
import { expectedAhead, type AheadReuse } from '../compile/depth.js';
import type { SessionView } from './types.js';

export interface Progress {
  done: number;
  ahead: number;
  percent: number;
}

/**
 * Per view: the counts its progress walk worked out, and before that walk the previous view's
 * counts with the answer given since. Kept beside the views rather than in them: a view stays
 * plain data, and the counts go when the view goes. Only the counts are carried, never the
 * previous view, so a chain of views does not keep the ones before it alive.
 */
const counted = new WeakMap<SessionView, { values: Map<string, number>; ahead: number }>();
const carried = new WeakMap<SessionView, AheadReuse>();

/** Steps done, about how many are still ahead given the answers so far, and the two as a percentage. */
export function progressOf(compiled: CompiledTree, view: SessionView): Progress {
  const { done } = view.progress;
  const ahead = view.done ? 0 : Math.round(aheadOf(compiled, view));
  return { done, ahead, percent: Math.round((100 * done) / Math.max(1, done + ahead)) };
}

function aheadOf(compiled: CompiledTree, view: SessionView): number {
  const known = counted.get(view);
  if (known) return known.ahead;
  const values = new Map<string, number>();
  const ahead = expectedAhead(compiled.graph, view.answers, view.node.id, compiled.aheadIndex, values, carried.get(view));
  counted.set(view, { values, ahead });
  carried.delete(view);
  return ahead;
}

/**
 * `next` is `previous` with one more answer, to `answered`. If the previous view's progress was
 * worked out (the session's last response), the next walk starts from those counts: on the first
 * municipality's trees that walk was ~45 nodes per answer, most of them counted the same the answer before.
 */
export function carryProgress(previous: SessionView, next: SessionView, answered: string): void {
  const before = counted.get(previous);
  if (before) carried.set(next, { values: before.values, answered });
}

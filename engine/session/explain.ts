import type { CompiledTree } from '../compile/compile.js';
import { walk } from '../paths/walk.js';
import { advice, type PlanItem } from './advice.js';
import { answerLabel, questionLabel } from './answer-label.js';
import type { SessionView } from './types.js';

export interface Explanation {
  item: string;
  /** The item's own reason, in plain words. */
  why: string;
  /** The answers whose routing led to this advice, in the order they were given. */
  because: { node: string; question: string; answer: string }[];
}

/**
 * Why each advice item is in the plan. Walks the session's path again and, at every branch,
 * notes which answers the conditions looked at. An item is explained by the branches taken in
 * its own sub-flow and the flows that called it – not by those of unrelated life domains.
 */
export function explain(
  compiled: CompiledTree,
  view: SessionView,
  locale = 'nl',
  /** The plan, when the caller has it already: it is built once per answer, not twice. */
  items: PlanItem[] = advice(compiled, view, locale),
): Explanation[] {
  // Most answers come before any advice: then there is nothing to explain and no path to walk.
  if (items.length === 0) return [];
  const { graph } = compiled;
  const decisions: { scope: string; reads: string[] }[] = [];
  const reasonsAt = new Map<string, Set<string>>();
  for (const step of walk(graph, view.answers, view.node.id)) {
    const node = graph.nodes.get(step.node)!;
    if (node.kind === 'advice') {
      const relevant = new Set<string>();
      for (const d of decisions) if (node.scope.startsWith(d.scope)) d.reads.forEach((r) => relevant.add(r));
      reasonsAt.set(node.id, relevant);
    }
    if (step.reads.length) decisions.push({ scope: node.scope, reads: step.reads });
  }
  const order = new Map(view.record.log.map((e, i) => [e.node, i]));
  return items.map((item) => {
    const ids = new Set<string>();
    for (const from of item.from) for (const r of reasonsAt.get(from) ?? []) ids.add(r);
    const because = [...ids]
      .filter((r) => order.has(r))
      .sort((a, b) => order.get(a)! - order.get(b)!)
      .map((r) => {
        const node = graph.nodes.get(r)!;
        return { node: r, question: questionLabel(node, locale), answer: answerLabel(node, view.answers[r], locale) };
      });
    return { item: item.id, why: item.why, because };
  });
}

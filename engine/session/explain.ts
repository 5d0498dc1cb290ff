import type { CompiledTree } from '../compile/compile.js';
import { answerKey, audienceKey } from '../compile/flat-graph.js';
import { walk } from '../paths/walk.js';
import { audienceOf } from '../text/audience.js';
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
  // The answers read at branches so far, per scope (a sub-flow's call site): an advice node is
  // explained by its own scope's and its callers' – the scopes its own scope starts with.
  const readsByScope = new Map<string, string[]>();
  const reasonsAt = new Map<string, string[]>();
  for (const step of walk(graph, view.answers, view.node.id)) {
    const node = graph.nodes.get(step.node)!;
    if (node.kind === 'advice') {
      const relevant: string[] = [];
      for (const [scope, reads] of readsByScope) if (node.scope.startsWith(scope)) relevant.push(...reads);
      reasonsAt.set(node.id, relevant);
    }
    if (step.reads.length) {
      const reads = readsByScope.get(node.scope);
      if (reads) reads.push(...step.reads);
      else readsByScope.set(node.scope, [...step.reads]);
    }
  }
  // Conditions read answers by key (a profile fact: `profile.<fact>`, asked at some gate node).
  const order = new Map<string, number>();
  const askedAt = new Map<string, string>();
  view.record.log.forEach((e, i) => {
    const key = answerKey(graph.nodes.get(e.node)!);
    order.set(key, i);
    askedAt.set(key, e.node);
  });
  const audience = audienceOf(audienceKey(graph), view.answers);
  // Several items often share a reason: each answer is put into words once per call.
  const worded = new Map<string, Explanation['because'][number]>();
  const wordedAnswer = (r: string) => {
    let entry = worded.get(r);
    if (!entry) {
      const node = graph.nodes.get(askedAt.get(r)!)!;
      entry = {
        node: node.id,
        question: questionLabel(node, locale, audience),
        answer: answerLabel(node, view.answers[r], locale, audience),
      };
      worded.set(r, entry);
    }
    return entry;
  };
  return items.map((item) => {
    const ids = new Set<string>();
    for (const from of item.from) for (const r of reasonsAt.get(from) ?? []) if (order.has(r)) ids.add(r);
    const because = [...ids].sort((a, b) => order.get(a)! - order.get(b)!).map(wordedAnswer);
    return { item: item.id, why: item.why, because };
  });
}

import { isStep, type FlatGraph } from './flat-graph.js';

/**
 * For every node: the most resident steps (questions, info screens) still ahead of it on any
 * static path. Drives the progress indication and bounds the property tests. Assumes no cycles
 * (the verifier refuses them); a cycle would make the count meaningless, so it is cut off.
 */
export function stepsAhead(graph: FlatGraph): Map<string, number> {
  const memo = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = graph.nodes.get(id);
    if (!node || onStack.has(id)) return 0;
    onStack.add(id);
    let most = 0;
    for (const r of node.routes) most = Math.max(most, visit(r.to));
    onStack.delete(id);
    const value = most + (isStep(node) ? 1 : 0);
    memo.set(id, value);
    return value;
  };
  for (const id of graph.nodes.keys()) visit(id);
  return memo;
}

/**
 * About how many resident steps are still ahead, given what is answered so far: where the
 * answers decide the route, follow it; where they do not yet, average over the routes. The
 * static maximum ("every life domain chosen") would tell most residents 36 steps where they
 * will take ten, and would not shrink after they chose one domain.
 */
export function expectedAhead(graph: FlatGraph, answers: Record<string, unknown>, from: string): number {
  const memo = new Map<string, number>();
  const onStack = new Set<string>();
  const get = (id: string) => answers[id];
  const visit = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = graph.nodes.get(id);
    if (!node || node.kind === 'end' || onStack.has(id)) return 0;
    onStack.add(id);
    const targets: string[] = [];
    const answered = !isStep(node) || id in answers;
    for (const route of node.routes) {
      const decidable = answered && route.reads.every((r) => r in answers);
      if (decidable && !route.test(get)) continue;
      targets.push(route.to);
      if (decidable) break;
    }
    const unique = [...new Set(targets)];
    const mean = unique.length ? unique.reduce((sum, t) => sum + visit(t), 0) / unique.length : 0;
    onStack.delete(id);
    const value = mean + (isStep(node) ? 1 : 0);
    memo.set(id, value);
    return value;
  };
  return visit(from);
}

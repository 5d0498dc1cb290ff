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

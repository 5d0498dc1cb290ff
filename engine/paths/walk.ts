import { answerKey, type FlatGraph } from '../compile/flat-graph.js';

export interface WalkStep {
  node: string;
  /** Index of the route taken. */
  route: number;
  /** Answers the conditions looked at before one matched (the taken route included). */
  reads: string[];
}

/**
 * Follows the routes from the start with the given answers until `until` (or an end, or a
 * question without an answer). Same routing as the machine: first matching route wins.
 */
export function walk(graph: FlatGraph, answers: Record<string, unknown>, until?: string): WalkStep[] {
  const steps: WalkStep[] = [];
  const get = (id: string) => answers[id];
  // A profile fact is answered at the first gate a path meets (every gate asks when it is not),
  // so a gate on the way counts it as answered only once the walk has passed its question.
  const asked = new Set<string>();
  const gateGet = (id: string) => (asked.has(id) ? answers[id] : undefined);
  let id: string | undefined = graph.start;
  for (let guard = 0; id && id !== until && guard <= graph.nodes.size; guard++) {
    const node = graph.nodes.get(id);
    if (!node || node.kind === 'end') break;
    if ((node.kind === 'question' || node.kind === 'info') && !(answerKey(node) in answers)) break;
    const reads: string[] = [];
    let taken = -1;
    for (let i = 0; i < node.routes.length; i++) {
      const route = node.routes[i]!;
      // A gate's check is no reason for advice: the routes that read the fact name it.
      if (!route.presence) reads.push(...route.reads);
      if (route.test(route.presence ? gateGet : get)) {
        taken = i;
        break;
      }
    }
    if (taken < 0) break;
    steps.push({ node: id, route: taken, reads });
    if (node.answer) asked.add(node.answer);
    id = node.routes[taken]!.to;
  }
  return steps;
}

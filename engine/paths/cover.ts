import type { FlatGraph } from '../compile/flat-graph.js';
import { isStep } from '../compile/flat-graph.js';
import type { ServiceCatalog } from '../schema/services-schema.js';
import { explore } from '../verify/explore.js';

export interface AnswerPath {
  answers: [string, unknown][];
  end: string;
}

/**
 * A small set of answer paths that together take every transition and reach every end that any
 * answers can reach. Greedy set cover over the explored state graph: each path is aimed at a
 * transition nobody took yet and then prefers untaken ones on its way to an end. Not guaranteed
 * minimal (that is NP-hard), but every transition is covered by construction.
 */
export function coveringPaths(graph: FlatGraph, services: ServiceCatalog | null = null): AnswerPath[] {
  const found = explore(graph, services, true);
  const states = found.graph;
  const label = (key: string, route: number) => `${states.get(key)!.node}#${route}`;
  const uncovered = new Set(found.taken);
  const endsLeft = new Set([...found.reached].filter((id) => graph.nodes.get(id)!.kind === 'end'));

  // Shortest way from the root to every state (BFS over edges), to reach any transition.
  const parent = new Map<string, { from: string; edge: number } | null>([[found.rootKey, null]]);
  const queue = [found.rootKey];
  for (let i = 0; i < queue.length; i++) {
    const key = queue[i]!;
    states.get(key)!.edges.forEach((e, edge) => {
      if (parent.has(e.to)) return;
      parent.set(e.to, { from: key, edge });
      queue.push(e.to);
    });
  }
  const where = new Map<string, { key: string; edge: number }>();
  for (const [key, s] of states) s.edges.forEach((e, edge) => where.has(label(key, e.route)) || where.set(label(key, e.route), { key, edge }));

  const paths: AnswerPath[] = [];
  const pending = () => [...uncovered][0] ?? [...endsLeft].map((end) => findEndEdge(end)).find(Boolean);
  const findEndEdge = (end: string) => {
    for (const [key, s] of states) for (const e of s.edges) if (states.get(e.to)?.node === end) return label(key, e.route);
    return undefined;
  };
  for (let target = pending(); target; target = pending()) {
    const at = where.get(target)!;
    const hops: { key: string; edge: number }[] = [];
    for (let p = parent.get(at.key); p; p = parent.get(p.from)) hops.unshift({ key: p.from, edge: p.edge });
    hops.push(at);
    let key = states.get(at.key)!.edges[at.edge]!.to;
    // On to an end, preferring transitions and ends not covered yet.
    for (let guard = 0; states.get(key)!.edges.length && guard < states.size; guard++) {
      const edges = states.get(key)!.edges;
      let edge = edges.findIndex((e) => uncovered.has(label(key, e.route)));
      if (edge < 0) edge = edges.findIndex((e) => endsLeft.has(states.get(e.to)!.node));
      if (edge < 0) edge = 0;
      hops.push({ key, edge });
      key = edges[edge]!.to;
    }
    const answers: [string, unknown][] = [];
    for (const hop of hops) {
      const s = states.get(hop.key)!;
      const e = s.edges[hop.edge]!;
      uncovered.delete(label(hop.key, e.route));
      if (isStep(graph.nodes.get(s.node)!)) answers.push([s.node, e.value]);
    }
    const end = states.get(key)!.node;
    endsLeft.delete(end);
    paths.push({ answers, end });
  }
  return paths;
}

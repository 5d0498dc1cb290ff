import type { FlatGraph } from '../compile/flat-graph.js';
import type { Problem } from './problem.js';

/** Trees are acyclic: a loop would let a resident walk forever. Reports each cycle once. */
export function cycleProblems(graph: FlatGraph): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 1);
    path.push(id);
    const node = graph.nodes.get(id)!;
    for (const r of node.routes) {
      if (!graph.nodes.has(r.to)) continue;
      const s = state.get(r.to);
      if (s === 1) {
        const loop = [...path.slice(path.indexOf(r.to)), r.to];
        const key = [...loop].sort().join();
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({
            code: 'cycle',
            severity: 'error',
            where: `${graph.gemeente}/${node.treeId}`,
            pointer: r.pointer,
            message: `This route closes a loop: ${loop.join(' → ')}. Trees may not loop; route to a later node.`,
          });
        }
      } else if (s === undefined) visit(r.to);
    }
    path.pop();
    state.set(id, 2);
  };
  for (const id of graph.nodes.keys()) if (!state.has(id)) visit(id);
  return problems;
}

import type { FlatGraph } from '../compile/flat-graph.js';
import { postOrder } from '../compile/post-order.js';
import type { Problem } from './problem.js';

/** Trees are acyclic: a loop would let a resident walk forever. Reports each cycle once. */
export function cycleProblems(graph: FlatGraph): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  postOrder(graph, (node, route, path) => {
    const loop = [...path.slice(path.indexOf(route.to)), route.to];
    const key = [...loop].sort().join();
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({
      code: 'cycle',
      severity: 'error',
      where: `${graph.gemeente}/${node.treeId}`,
      pointer: route.pointer,
      message: `This route closes a loop: ${loop.join(' → ')}. Trees may not loop; route to a later node.`,
    });
  });
  return problems;
}

import type { FlatGraph, FlatNode, FlatRoute } from './flat-graph.js';

/**
 * Every node of the graph in depth-first finishing order (a node after all the nodes its routes
 * lead to), without recursion: a 4,000-node chain overflowed the call stack of each recursive
 * walk. A route back to a node still on the current path (a cycle, which the verifier refuses)
 * is not followed; `onBackEdge` hears of it with that path.
 */
export function postOrder(graph: FlatGraph, onBackEdge?: (from: FlatNode, route: FlatRoute, path: readonly string[]) => void): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const path: string[] = [];
  const frames: { node: FlatNode; next: number }[] = [];
  const open = (id: string) => {
    state.set(id, 'open');
    path.push(id);
    frames.push({ node: graph.nodes.get(id)!, next: 0 });
  };
  for (const root of graph.nodes.keys()) {
    if (state.has(root)) continue;
    open(root);
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.node.routes.length) {
        const route = frame.node.routes[frame.next++]!;
        if (!graph.nodes.has(route.to)) continue;
        const s = state.get(route.to);
        if (s === 'open') onBackEdge?.(frame.node, route, path);
        else if (s === undefined) open(route.to);
        continue;
      }
      frames.pop();
      path.pop();
      state.set(frame.node.id, 'done');
      order.push(frame.node.id);
    }
  }
  return order;
}

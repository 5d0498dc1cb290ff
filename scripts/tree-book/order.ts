import type { Tree } from '../../engine/index.js';

type Node = Tree['nodes'][string];

export interface Edge {
  to: string;
  /** The rule, or null for the fallback / a plain "next". */
  when: unknown | null;
  fallback: boolean;
}

/** Where a node can go next, in the order the engine tries it. */
export function edgesOf(node: Node): Edge[] {
  if (node.kind === 'end') return [];
  if (node.kind === 'flow') return node.next ? [{ to: node.next, when: null, fallback: false }] : [];
  const next = node.next;
  if (typeof next === 'string') return [{ to: next, when: null, fallback: false }];
  return [
    ...next.routes.map((r) => ({ to: r.to, when: r.when as unknown, fallback: false })),
    { to: next.otherwise, when: null, fallback: true },
  ];
}

/**
 * The nodes in reading order: breadth-first from the start, following routes in their order,
 * then any node nothing leads to (the verifier refuses those, but the book should not hide them).
 */
export function nodeOrder(tree: Tree): string[] {
  const seen = new Set<string>();
  const queue = [tree.start];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !tree.nodes[id]) continue;
    seen.add(id);
    for (const e of edgesOf(tree.nodes[id]!)) queue.push(e.to);
  }
  for (const id of Object.keys(tree.nodes)) seen.add(id);
  return [...seen];
}

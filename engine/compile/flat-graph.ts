import type { AdviceItem, Node, Rule, Tree } from '../schema/tree-schema.js';

/** Reads an answer by its flat node id. */
export type Lookup = (id: string) => unknown;

export interface FlatRoute {
  /** null for the fallback. */
  when: Rule | null;
  to: string;
  /** Flat ids of the answers the condition reads (through derived values too). */
  reads: string[];
  test: (get: Lookup) => boolean;
  pointer: string;
}

export type FlatKind = 'question' | 'info' | 'advice' | 'route' | 'end';

/**
 * One state of the flattened bundle. Sub-flows are inlined at their call site, so a tree used
 * from two places appears twice, under two scopes; `id` = scope + local id.
 */
export interface FlatNode {
  id: string;
  scope: string;
  treeId: string;
  local: string;
  kind: FlatKind;
  /** The authored node (for question, info, advice, end: its texts and input). */
  source: Node | null;
  routes: FlatRoute[];
  pointer: string;
  items: AdviceItem[];
}

export interface FlatGraph {
  gemeente: string;
  rootTree: string;
  rootVersion: string;
  start: string;
  nodes: Map<string, FlatNode>;
  trees: Map<string, Tree>;
}

/** The user-facing steps: a question answered or an info screen read. */
export const isStep = (n: FlatNode) => n.kind === 'question' || n.kind === 'info';

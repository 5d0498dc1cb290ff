import type { Profile } from '../schema/profile-schema.js';
import type { Layer } from '../plan/layers.js';
import type { AdviceItem, Node, Rule, Tree } from '../schema/tree-schema.js';

/** Reads an answer by its key: a question's flat node id, or `profile.<fact>` (see answerKey). */
export type Lookup = (id: string) => unknown;

export interface FlatRoute {
  /** null for the fallback. */
  when: Rule | null;
  to: string;
  /** Flat ids of the answers the condition reads (through derived values too). */
  reads: string[];
  test: (get: Lookup) => boolean;
  pointer: string;
  /** A profile gate's check: true when the fact is answered, whatever its value. */
  presence?: true;
}

/** A condition bound to the scope it was inlined at. */
export type FlatCondition = Pick<FlatRoute, 'when' | 'reads' | 'test' | 'pointer'>;

/** An advice item as it runs: layer and label resolved (a legacy kind read as both). */
export type FlatItem = AdviceItem & { layer: Layer; label?: string };

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
  items: FlatItem[];
  /** Per item (same index): its `when`, or null for an item that is always in the plan. */
  itemWhen?: (FlatCondition | null)[];
  /** The key this question's answer is stored under; absent = its flat id (profile questions: `profile.<fact>`). */
  answer?: string;
  /** Profile keys that must be answered on arrival here: read by its routes, texts or items. */
  needs?: string[];
}

export interface FlatGraph {
  gemeente: string;
  rootTree: string;
  rootVersion: string;
  start: string;
  nodes: Map<string, FlatNode>;
  trees: Map<string, Tree>;
  /** The municipality's profile.json, when it has one. */
  profile?: Profile | null;
}

/** The items of an advice node whose condition holds for these answers, in authored order. */
export function itemsHere(node: FlatNode, get: Lookup): FlatItem[] {
  const when = node.itemWhen;
  if (!when) return node.items;
  return node.items.filter((_, i) => !when[i] || when[i]!.test(get));
}

/** The user-facing steps: a question answered or an info screen read. */
export const isStep = (n: FlatNode) => n.kind === 'question' || n.kind === 'info';

/** Profile facts live beside the answers, under `profile.<fact>`, the path a rule reads them by. */
export const PROFILE = 'profile.';

/** Where a node's answer is stored in a session's answers. */
export const answerKey = (n: FlatNode) => n.answer ?? n.id;

/** The answer key of the fact that says for whom the help is, if the profile names one. */
export const audienceKey = (graph: FlatGraph): string | null => (graph.profile?.audienceFact ? PROFILE + graph.profile.audienceFact : null);

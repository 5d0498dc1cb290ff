import type { CompiledTree } from '../compile/compile.js';
import type { PlanEntry } from '../compile/machine.js';
import type { Source } from '../schema/text.js';
import type { AdviceKind } from '../schema/tree-schema.js';
import type { Service } from '../schema/services-schema.js';
import { audienceKey } from '../compile/flat-graph.js';
import { audienceOf, say } from '../text/audience.js';
import type { SessionView } from './types.js';

/** The pyramid, top first: urgent help, then what you can do yourself, down to the safety net. */
export const PYRAMID = ['spoed', 'eigen-kracht', 'informeel', 'algemeen', 'maatwerk', 'vangnet'] as const;
export type PyramidLevel = (typeof PYRAMID)[number];

export const LEVEL_OF: Record<AdviceKind, PyramidLevel> = {
  spoed: 'spoed',
  'eigen-kracht': 'eigen-kracht',
  informeel: 'informeel',
  buuv: 'informeel',
  algemeen: 'algemeen',
  'hbh-1': 'algemeen',
  doorverwijzing: 'algemeen',
  'hbh-2': 'maatwerk',
  'hbh-3': 'maatwerk',
  'wmo-melding': 'maatwerk',
  maatwerk: 'maatwerk',
  signalering: 'vangnet',
  // "Kom je er niet uit? Bel …": the human to fall back on, listed after everything else.
  vangnet: 'vangnet',
};

export interface PlanItem {
  /** Stable across sessions: tree id + item id. */
  id: string;
  kind: AdviceKind;
  level: PyramidLevel;
  title: string;
  text: string;
  why: string;
  action?: 'concern-report' | 'wmo-melding';
  services: Service[];
  sources: Source[];
  /** Flat ids of the advice nodes that added it (one item may come from several sub-flows). */
  from: string[];
}

/** The plan so far, one entry per advice item, ordered by the pyramid (stable within a level). */
export function advice(compiled: CompiledTree, view: SessionView, locale = 'nl'): PlanItem[] {
  const audience = audienceOf(audienceKey(compiled.graph), view.answers);
  return orderedEntries(view.plan).map(({ entry, from }) => {
    const { item } = entry;
    return {
      id: `${entry.treeId}/${item.id}`,
      kind: item.kind,
      level: LEVEL_OF[item.kind],
      title: say(item.title, audience, locale)!,
      text: say(item.text, audience, locale)!,
      why: say(item.why, audience, locale)!,
      ...(item.action ? { action: item.action } : {}),
      services: (item.services ?? []).map((id) => compiled.services.get(id)!).filter(Boolean),
      sources: item.sources,
      from,
    };
  });
}

/** Deduplicates items that several sub-flows added, then sorts by pyramid level. */
export function orderedEntries(plan: readonly PlanEntry[]): { entry: PlanEntry; from: string[] }[] {
  const byId = new Map<string, { entry: PlanEntry; from: string[]; order: number }>();
  plan.forEach((entry, order) => {
    const id = `${entry.treeId}/${entry.item.id}`;
    const seen = byId.get(id);
    if (seen) seen.from.push(entry.node);
    else byId.set(id, { entry, from: [entry.node], order });
  });
  const rank = (e: PlanEntry) => PYRAMID.indexOf(LEVEL_OF[e.item.kind]);
  return [...byId.values()].sort((a, b) => rank(a.entry) - rank(b.entry) || a.order - b.order);
}

import type { PlanEntry } from '../compile/machine.js';
import { LAYERS, URGENCIES, type Layer } from './layers.js';

export type Section = 'spoed' | 'doe-dit-eerst' | 'pyramid' | 'vangnet';
export const SECTIONS: readonly Section[] = ['spoed', 'doe-dit-eerst', 'pyramid', 'vangnet'];

/** At most this many time-critical items go on top: more would not be "first" any more. */
export const DOE_DIT_EERST_MAX = 3;

export interface ComposedEntry {
  entry: PlanEntry;
  /** Flat ids of the advice nodes that added it (an item, or the vangnet, may come from several). */
  from: string[];
  section: Section;
  /** Services this item names whose card an earlier item already shows: service id → that item's id. */
  cardAt: Record<string, string>;
}

const itemId = (e: PlanEntry) => `${e.treeId}/${e.item.id}`;
const urgencyRank = (e: PlanEntry) => (e.item.urgency ? URGENCIES.indexOf(e.item.urgency) : URGENCIES.length);
const layerRank = (layer: Layer) => LAYERS.indexOf(layer);

/**
 * The plan as a loket worker would hand it over, from the entries in path order: spoed first;
 * then "Doe dit eerst", the (at most three) most time-critical other items, most urgent first;
 * then the rest in pyramid order (stable within a layer: the order the resident met them); and
 * one vangnet item, the first one met, last. An item added by several sub-flows appears once, and
 * each service's card once: at the first item that names it, later items refer to that one.
 */
export function compose(plan: readonly PlanEntry[]): ComposedEntry[] {
  const unique: { entry: PlanEntry; from: string[] }[] = [];
  const byId = new Map<string, { entry: PlanEntry; from: string[] }>();
  let vangnet: { entry: PlanEntry; from: string[] } | undefined;
  for (const entry of plan) {
    const seen = byId.get(itemId(entry));
    if (seen) {
      seen.from.push(entry.node);
      continue;
    }
    if (entry.item.layer === 'vangnet' && vangnet) {
      // "There is always someone" is said once: a second safety net only adds its reasons.
      vangnet.from.push(entry.node);
      continue;
    }
    const kept = { entry, from: [entry.node] };
    byId.set(itemId(entry), kept);
    if (entry.item.layer === 'vangnet') vangnet = kept;
    else unique.push(kept);
  }
  const spoed = unique.filter((u) => u.entry.item.layer === 'spoed');
  const urgent = unique
    .filter((u) => u.entry.item.layer !== 'spoed' && u.entry.item.urgency)
    .map((u, order) => ({ u, order }))
    .sort((a, b) => urgencyRank(a.u.entry) - urgencyRank(b.u.entry) || a.order - b.order)
    .slice(0, DOE_DIT_EERST_MAX)
    .map((x) => x.u);
  const first = new Set(urgent);
  const pyramid = unique
    .filter((u) => u.entry.item.layer !== 'spoed' && !first.has(u))
    .map((u, order) => ({ u, order }))
    .sort((a, b) => layerRank(a.u.entry.item.layer) - layerRank(b.u.entry.item.layer) || a.order - b.order)
    .map((x) => x.u);
  const sections: [Section, { entry: PlanEntry; from: string[] }[]][] = [
    ['spoed', spoed],
    ['doe-dit-eerst', urgent],
    ['pyramid', pyramid],
    ['vangnet', vangnet ? [vangnet] : []],
  ];
  const card = new Map<string, string>();
  const out: ComposedEntry[] = [];
  for (const [section, entries] of sections) {
    for (const { entry, from } of entries) {
      const cardAt: Record<string, string> = {};
      for (const service of entry.item.services ?? []) {
        const at = card.get(service);
        if (at === undefined) card.set(service, itemId(entry));
        else if (at !== itemId(entry)) cardAt[service] = at;
      }
      out.push({ entry, from, section, cardAt });
    }
  }
  return out;
}

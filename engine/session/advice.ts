import type { CompiledTree } from '../compile/compile.js';
import { compose, type Section } from '../plan/compose.js';
import type { Layer, Urgency } from '../plan/layers.js';
import type { Source } from '../schema/text.js';
import type { Service } from '../schema/services-schema.js';
import { audienceKey } from '../compile/flat-graph.js';
import { audienceOf, say } from '../text/audience.js';
import type { SessionView } from './types.js';

export interface PlanItem {
  /** Stable across sessions: tree id + item id. */
  id: string;
  layer: Layer;
  /** The municipality's own label (gemeente.json labels.kinds), when the item has one. */
  label?: string;
  /** The label, or else the layer: what scenarios and invariants call the item's kind. */
  kind: string;
  section: Section;
  urgency?: Urgency;
  /** Why it cannot wait (items with an urgency). */
  urgentWhy?: string;
  title: string;
  text: string;
  why: string;
  action?: 'concern-report' | 'wmo-melding';
  /** Every service the item names, in its order. */
  services: Service[];
  /** Of those, the ones whose card an earlier item shows: service id → that item's id. */
  cardAt: Record<string, string>;
  sources: Source[];
  /** Flat ids of the advice nodes that added it (one item may come from several sub-flows). */
  from: string[];
}

/** The plan so far, composed: spoed → doe dit eerst → the pyramid → vangnet (see compose()). */
export function advice(compiled: CompiledTree, view: SessionView, locale = 'nl'): PlanItem[] {
  const audience = audienceOf(audienceKey(compiled.graph), view.answers);
  return compose(view.plan).map(({ entry, from, section, cardAt }) => {
    const { item } = entry;
    const urgentWhy = item.urgency ? say(item.urgentWhy, audience, locale) : undefined;
    return {
      id: `${entry.treeId}/${item.id}`,
      layer: item.layer,
      ...(item.label ? { label: item.label } : {}),
      kind: item.label ?? item.layer,
      section,
      ...(item.urgency ? { urgency: item.urgency } : {}),
      ...(urgentWhy ? { urgentWhy } : {}),
      title: say(item.title, audience, locale)!,
      text: say(item.text, audience, locale)!,
      why: say(item.why, audience, locale)!,
      ...(item.action ? { action: item.action } : {}),
      services: (item.services ?? []).map((id) => compiled.services.get(id)!).filter(Boolean),
      cardAt,
      sources: item.sources,
      from,
    };
  });
}

import type { FlatItem } from '../compile/flat-graph.js';
import type { Assertion } from '../schema/invariants-schema.js';
import { DOE_DIT_EERST_MAX } from './compose.js';
import { LAYERS, URGENCIES, type Layer, type Urgency } from './layers.js';

/**
 * What a proof needs to know of a plan, without the plan: which of the atoms the invariants name
 * are in it, and the few items that decide its order (compose()). Two summaries merge like their
 * plans concatenate, so a sub-flow's summary is worked out once and added to every caller's.
 *
 * - `bits`: atoms ("item:<id>", "service:<id>", "layer:<l>", "kind:<k>", "human") of the items
 *   other than the vangnet; the vangnet counts only with its first item (compose keeps one).
 * - `urgent`: the "Doe dit eerst" items so far, in order (at most three). An item pushed out by
 *   three more urgent ones can never come back: any later copy ranks behind the same three.
 * - `heads`: per layer, its first item in path order. Order questions only ask where a layer
 *   first shows: in "Doe dit eerst" if any of its items is there, else in the pyramid – where its
 *   first item in path order is the one shown first.
 */
export interface PlanSummary {
  bits: readonly string[];
  spoed: string | null;
  urgent: readonly string[];
  heads: Readonly<Partial<Record<Layer, readonly string[]>>>;
  vangnet: string | null;
}

export const EMPTY_SUMMARY: PlanSummary = { bits: [], spoed: null, urgent: [], heads: {}, vangnet: null };

/** The items the summaries refer to, by plan id ("tree/item"), and what the proof tracks. */
export interface SummaryContext {
  items: Map<string, FlatItem>;
  /** Atoms some invariant asks about (plus "human" when one asks for a human contact). */
  wanted: Set<string>;
  humanServices: Set<string>;
  /** Whether order matters to some invariant (first, doe-dit-eerst, preceded). */
  order: boolean;
  /**
   * The layers whose first item a "preceded" assertion looks at. Absent: every layer. Of the
   * others only the lowest layer present is kept (the plan's first item, for "first"): which other
   * layers a path has met would only multiply states the proof cannot tell apart.
   */
  headLayers?: ReadonlySet<Layer>;
  /**
   * Whether "Doe dit eerst" is tracked. Only "first", "in-doe-dit-eerst" and a "preceded" whose
   * layer has an urgent item can tell: otherwise the pyramid already puts the layers it waits for
   * before it, and an urgent item of those layers only moves further up. Absent: tracked.
   */
  urgent?: boolean;
  /**
   * Plan ids ("tree/item") that more than one advice node adds. Only these can meet themselves on
   * a path (trees are acyclic and every call is inlined in its own scope), so only these need their
   * id for compose()'s "an item added twice appears once". Absent: every item may recur.
   */
  recurring?: ReadonlySet<string>;
}

function atomsOf(id: string, item: FlatItem, ctx: Pick<SummaryContext, 'humanServices'>): string[] {
  const services = item.services ?? [];
  const atoms = [`item:${id}`, `layer:${item.layer}`, `kind:${item.label ?? item.layer}`, ...services.map((s) => `service:${s}`)];
  if (item.layer === 'spoed' || services.some((s) => ctx.humanServices.has(s))) atoms.push('human');
  return atoms;
}

const rank = (ctx: SummaryContext, ref: string) => {
  const u = ref.startsWith('~') ? ref.match(/\+urgency:([^+]+)/)?.[1] : ctx.items.get(ref)!.urgency;
  return u ? URGENCIES.indexOf(u as Urgency) : URGENCIES.length;
};

/** A "Doe dit eerst" candidate: urgent, and not spoed or the vangnet (they have their own sections). */
const isUrgent = (item: FlatItem) => !!item.urgency && item.layer !== 'spoed' && item.layer !== 'vangnet';

/**
 * How a summary refers to an item it keeps for order (a layer's first, the first spoed or vangnet
 * item, a "Doe dit eerst" item). Only the atoms the invariants ask about can tell two items apart for
 * a proof, so an item is kept as its signature ("~" + its layer and wanted atoms, and its urgency
 * where "Doe dit eerst" is tracked) – two domains whose first eigen-kracht items differ only in
 * wording then lead to one state, not two. An urgent item that can recur on a path keeps its id:
 * "Doe dit eerst" dedupes by id, which two equal signatures cannot tell.
 *
 * Why a layer's head is still recognised in "Doe dit eerst" by its signature: another item with the
 * same signature is of the same layer and urgency and comes later in path order (the head is the
 * layer's first), so it ranks behind the head – it can only be there if the head is too.
 */
function refOf(id: string, item: FlatItem, ctx: SummaryContext): string {
  const urgent = isUrgent(item) && ctx.urgent !== false;
  if (urgent && (!ctx.recurring || ctx.recurring.has(id))) return id;
  const atoms = atomsOf(id, item, ctx).filter((a) => ctx.wanted.has(a) && !a.startsWith('layer:'));
  if (urgent) atoms.push(`urgency:${item.urgency}`);
  return `~layer:${item.layer}+${[...new Set(atoms)].sort().join('+')}`;
}

/** The atoms of a kept item, from its id or its signature. */
function atomsOfRef(ref: string, ctx: SummaryContext): string[] {
  if (ref.startsWith('~')) return ref.slice(1).split('+').filter(Boolean);
  return atomsOf(ref, ctx.items.get(ref)!, ctx);
}

const layerOfRef = (ref: string, ctx: SummaryContext): Layer =>
  ref.startsWith('~') ? (ref.slice('~layer:'.length).split('+')[0] as Layer) : ctx.items.get(ref)!.layer;

/** The summary of `a`'s plan followed by `b`'s. */
export function mergeSummary(a: PlanSummary, b: PlanSummary, ctx: SummaryContext): PlanSummary {
  if (b === EMPTY_SUMMARY) return a;
  if (a === EMPTY_SUMMARY) return b;
  const bits = b.bits.length ? [...new Set([...a.bits, ...b.bits])].sort() : a.bits;
  let urgent = a.urgent;
  if (b.urgent.length) {
    // An id seen twice is one item (compose keeps its first); equal signatures are different items.
    const all = [...a.urgent, ...b.urgent].filter((ref, i, refs) => ref.startsWith('~') || refs.indexOf(ref) === i);
    // Stable: equal urgency keeps path order (a's items came first).
    urgent = all.sort((x, y) => rank(ctx, x) - rank(ctx, y)).slice(0, DOE_DIT_EERST_MAX);
  }
  let heads = a.heads;
  for (const [layer, ids] of Object.entries(b.heads) as [Layer, string[]][]) {
    const before = heads[layer] ?? [];
    if (before.length) continue;
    heads = { ...heads, [layer]: ids };
  }
  return { bits, spoed: a.spoed ?? b.spoed, urgent, heads: pruneHeads(heads, ctx), vangnet: a.vangnet ?? b.vangnet };
}

function pruneHeads(heads: PlanSummary['heads'], ctx: SummaryContext): PlanSummary['heads'] {
  if (!ctx.headLayers) return heads;
  const lowest = LAYERS.find((l) => heads[l]?.length);
  let pruned: PlanSummary['heads'] | undefined;
  for (const layer of Object.keys(heads) as Layer[]) {
    if (layer === lowest || ctx.headLayers.has(layer)) continue;
    pruned ??= { ...heads };
    delete (pruned as Partial<Record<Layer, readonly string[]>>)[layer];
  }
  return pruned ?? heads;
}

/** The summary of the given items, added in this order. */
export function summaryOf(entries: readonly { id: string; item: FlatItem }[], ctx: SummaryContext): PlanSummary {
  let s = EMPTY_SUMMARY;
  for (const { id, item } of entries) {
    const one: PlanSummary = {
      bits: item.layer === 'vangnet' ? [] : atomsOf(id, item, ctx).filter((a) => ctx.wanted.has(a)),
      spoed: ctx.order && item.layer === 'spoed' ? refOf(id, item, ctx) : null,
      urgent: ctx.order && ctx.urgent !== false && isUrgent(item) ? [refOf(id, item, ctx)] : [],
      heads: ctx.order && item.layer !== 'spoed' && item.layer !== 'vangnet' ? { [item.layer]: [refOf(id, item, ctx)] } : {},
      vangnet: item.layer === 'vangnet' ? refOf(id, item, ctx) : null,
    };
    s = mergeSummary(s, one, ctx);
  }
  return s;
}

export function summaryKey(s: PlanSummary): string {
  if (s === EMPTY_SUMMARY) return '';
  const heads = LAYERS.map((l) => (s.heads[l] ?? []).join(',')).join(';');
  return `${s.bits.join(',')}|${s.spoed ?? ''}|${s.urgent.join(',')}|${heads}|${s.vangnet ?? ''}`;
}

/** The items that stand for the composed plan's order: each section's, each layer's first. */
function representatives(s: PlanSummary): { id: string; layer: Layer | 'doe-dit-eerst'; at: number }[] {
  const out: { id: string; layer: Layer | 'doe-dit-eerst'; at: number }[] = [];
  if (s.spoed) out.push({ id: s.spoed, layer: 'spoed', at: out.length });
  for (const id of s.urgent) out.push({ id, layer: 'doe-dit-eerst', at: out.length });
  const urgent = new Set(s.urgent);
  for (const layer of LAYERS) {
    const first = (s.heads[layer] ?? []).find((id) => !urgent.has(id));
    if (first) out.push({ id: first, layer, at: out.length });
  }
  if (s.vangnet) out.push({ id: s.vangnet, layer: 'vangnet', at: out.length });
  return out;
}

/** Whether a plan with this summary keeps the assertion. */
export function holds(a: Assertion, s: PlanSummary, ctx: SummaryContext): boolean {
  const present = (atom: string) => s.bits.includes(atom) || (s.vangnet !== null && atomsOfRef(s.vangnet, ctx).includes(atom));
  const has = (ref: string, atom: string) => atomsOfRef(ref, ctx).includes(atom);
  switch (a.is) {
    case 'present':
    case 'absent':
      return present(atomOf(a)) === (a.is === 'present');
    case 'human-contact':
      return present('human');
    case 'in-doe-dit-eerst':
      return s.urgent.some((id) => has(id, atomOf(a)));
    case 'first': {
      const first = representatives(s)[0];
      return !!first && has(first.id, atomOf(a));
    }
    case 'preceded': {
      const reps = representatives(s).map((r) => ({ ...r, layer: layerOfRef(r.id, ctx) }));
      const firstOf = reps.find((r) => r.layer === a.layer);
      if (!firstOf) return true;
      return reps.some((r) => r.at < firstOf.at && a.by.includes(r.layer));
    }
  }
}

/** The atom an assertion is about. */
export function atomOf(a: Assertion): string {
  if (a.is === 'human-contact') return 'human';
  if (a.is === 'preceded') return `layer:${a.layer}`;
  const t = a as { item?: string; service?: string; layer?: string; kind?: string };
  if (t.item) return `item:${t.item}`;
  if (t.service) return `service:${t.service}`;
  if (t.layer) return `layer:${t.layer}`;
  return `kind:${t.kind}`;
}

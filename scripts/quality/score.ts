// Scores one plan against one casus: which expected elements are there, which constraints are broken,
// which forbidden elements are shown. Pure: the plan comes in as plain items, so a tiny fixture tests it.
import type { Casus, Expected, Ref } from './casus-schema.js';

/** A plan item as the report reads it (see toQualityItem in walk.ts). */
export interface QualityItem {
  /** "tree/item" */
  id: string;
  layer: string;
  /** Section of the composed plan; absent while the engine does not compose sections. */
  section?: string;
  services: string[];
  /** The services whose card this item shows (absent: all of them); a composed plan shows each card once. */
  cards?: string[];
  /** Title, text and why together, for text: references. */
  text: string;
}

export interface PlanScore {
  expected: number;
  present: number;
  missing: Ref[];
  /** Broken "section", "first" and order constraints, in words. */
  violations: string[];
  forbidden: Ref[];
  items: number;
  /** Extra showings of a service card beyond its first (a card shown on three items counts 2). */
  repeatedServices: number;
}

export function matches(ref: Ref, item: QualityItem): boolean {
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const value = ref.slice(colon + 1);
  switch (kind) {
    case 'service':
      return item.services.includes(value);
    case 'layer':
      return item.layer === value;
    case 'item':
      return item.id === value;
    case 'section':
      return item.section === value;
    case 'text':
      return new RegExp(value, 'i').test(item.text);
    default:
      throw new Error(`unknown reference kind "${kind}" in "${ref}"`);
  }
}

const refOf = (e: Expected): Ref => (typeof e === 'string' ? e : e.ref);

export function scorePlan(casus: Pick<Casus, 'expect' | 'order' | 'forbid'>, plan: readonly QualityItem[]): PlanScore {
  const firstIndex = (ref: Ref) => plan.findIndex((item) => matches(ref, item));
  const missing: Ref[] = [];
  const violations: string[] = [];
  for (const e of casus.expect) {
    const ref = refOf(e);
    if (firstIndex(ref) < 0) {
      missing.push(ref);
      continue;
    }
    if (typeof e === 'string') continue;
    if (e.first && !matches(ref, plan[0]!)) violations.push(`${ref} is not first (first: ${plan[0]!.id})`);
    if (e.section && !plan.some((item) => matches(ref, item) && item.section === e.section)) {
      const where = plan.some((item) => item.section !== undefined) ? '' : ' (the plan has no sections)';
      violations.push(`${ref} is not in ${e.section}${where}`);
    }
  }
  for (const [a, b] of casus.order) {
    const ia = firstIndex(a);
    const ib = firstIndex(b);
    // Checked only when both are shown: a missing element already counts as missing.
    if (ia >= 0 && ib >= 0 && ia > ib) violations.push(`${a} comes after ${b}`);
  }
  const forbidden = casus.forbid.map((f) => f.ref).filter((ref) => firstIndex(ref) >= 0);
  const cards = new Map<string, number>();
  for (const item of plan) for (const s of new Set(item.cards ?? item.services)) cards.set(s, (cards.get(s) ?? 0) + 1);
  const repeatedServices = [...cards.values()].reduce((sum, n) => sum + n - 1, 0);
  return {
    expected: casus.expect.length,
    present: casus.expect.length - missing.length,
    missing,
    violations,
    forbidden,
    items: plan.length,
    repeatedServices,
  };
}

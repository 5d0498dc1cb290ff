import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlatItem } from '../compile/flat-graph.js';
import type { Assertion } from '../schema/invariants-schema.js';
import { compose } from './compose.js';
import { LAYERS, URGENCIES } from './layers.js';
import { EMPTY_SUMMARY, holds, mergeSummary, summaryOf, type SummaryContext } from './plan-summary.js';

// The invariant proof never builds a plan: it carries a summary and merges a sub-flow's summary
// into its caller's. This checks that shortcut against the real thing: for random plans, cut
// into random pieces, every assertion judged on the merged summary agrees with the composed plan.
const t = (nl: string) => ({ nl });
const SERVICES = ['loket', 'buuv', 'schuldhulp'];
const pool: FlatItem[] = [];
// Each item has a twin alike in all but its id: a proof that keeps items by signature must still
// count them as two.
LAYERS.forEach((layer) =>
  [undefined, ...URGENCIES].forEach((urgency, u) =>
    ['', 'b'].forEach((twin) =>
      pool.push({
        id: `${layer}-${u}${twin}`,
        layer,
        ...(urgency ? { urgency } : {}),
        ...(u % 2 ? { label: 'x' } : {}),
        services: [SERVICES[u % 3]!],
        title: t('x'),
        text: t('x'),
        why: t('x'),
        sources: [{ seed: '001', lines: '1' }],
      }),
    ),
  ),
);
const byId = new Map(pool.map((i) => [`t/${i.id}`, i]));
const assertions: Assertion[] = [
  ...pool.flatMap((i): Assertion[] => [
    { is: 'present', item: `t/${i.id}` },
    { is: 'first', item: `t/${i.id}` },
    { is: 'in-doe-dit-eerst', item: `t/${i.id}` },
  ]),
  ...SERVICES.flatMap((s): Assertion[] => [
    { is: 'present', service: s },
    { is: 'absent', service: s },
    { is: 'first', service: s },
    { is: 'in-doe-dit-eerst', service: s },
  ]),
  ...LAYERS.flatMap((l): Assertion[] => [
    { is: 'absent', layer: l },
    ...LAYERS.map((b): Assertion => ({ is: 'preceded', layer: l, by: [b] })),
  ]),
  { is: 'present', kind: 'x' },
  { is: 'human-contact' },
];
const ctx: SummaryContext = {
  items: byId,
  wanted: new Set([
    'human',
    ...pool.flatMap((i) => [`item:t/${i.id}`, `layer:${i.layer}`, `kind:${i.label ?? i.layer}`]),
    ...SERVICES.map((s) => `service:${s}`),
  ]),
  humanServices: new Set(['loket']),
  order: true,
};

/** The assertion judged on the composed plan itself, written out without the summary's shortcuts. */
function concrete(a: Assertion, ids: string[]): boolean {
  const plan = compose(ids.map((id, i) => ({ item: byId.get(id)!, node: `n${i}`, treeId: 't' })));
  const names = (p: (typeof plan)[number], target: { item?: string; service?: string; layer?: string; kind?: string }) =>
    target.item
      ? `t/${p.entry.item.id}` === target.item
      : target.service
        ? (p.entry.item.services ?? []).includes(target.service)
        : target.layer
          ? p.entry.item.layer === target.layer
          : (p.entry.item.label ?? p.entry.item.layer) === target.kind;
  switch (a.is) {
    case 'present':
      return plan.some((p) => names(p, a));
    case 'absent':
      return !plan.some((p) => names(p, a));
    case 'first':
      return plan.length > 0 && names(plan[0]!, a);
    case 'in-doe-dit-eerst':
      return plan.some((p) => p.section === 'doe-dit-eerst' && names(p, a));
    case 'human-contact':
      return plan.some((p) => p.entry.item.layer === 'spoed' || (p.entry.item.services ?? []).includes('loket'));
    case 'preceded': {
      const first = plan.findIndex((p) => p.entry.item.layer === a.layer);
      return first < 0 || plan.slice(0, first).some((p) => a.by.includes(p.entry.item.layer));
    }
  }
}

describe('plan summaries', () => {
  it('judge every assertion as the composed plan does, however the plan is cut into sub-flows', () => {
    const ids = fc.array(fc.constantFrom(...byId.keys()), { maxLength: 14 });
    fc.assert(
      fc.property(ids, fc.array(fc.nat(14), { maxLength: 4 }), (plan, cuts) => {
        const at = [...new Set([0, ...cuts.map((c) => c % (plan.length + 1)), plan.length])].sort((a, b) => a - b);
        let summary = EMPTY_SUMMARY;
        for (let i = 0; i + 1 < at.length; i++) {
          const piece = plan.slice(at[i], at[i + 1]).map((id) => ({ id, item: byId.get(id)! }));
          summary = mergeSummary(summary, summaryOf(piece, ctx), ctx);
        }
        for (const a of assertions) expect(holds(a, summary, ctx), `${JSON.stringify(a)} on ${plan.join(' ')}`).toBe(concrete(a, plan));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps items that cannot recur as signatures and still judges as the composed plan does', () => {
    // Only services and layers are asked about, so items of one layer, urgency and service are one
    // signature; half the items (both twins) may recur on a path (a sub-flow called twice) and keep their id.
    const recurring = new Set([...byId.keys()].filter((_, i) => Math.floor(i / 2) % 2 === 0));
    const once = [...byId.keys()].filter((id) => !recurring.has(id));
    const lean: SummaryContext = {
      ...ctx,
      wanted: new Set(['human', ...LAYERS.map((l) => `layer:${l}`), ...SERVICES.map((s) => `service:${s}`)]),
      recurring,
    };
    const about = assertions.filter((a) => !('item' in a) && !('kind' in a));
    const plans = fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...once), { maxLength: 8 }),
        fc.array(fc.constantFrom(...recurring), { maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      )
      .map(([single, repeated, pickSingle]) => {
        const plan: string[] = [];
        for (const takeSingle of pickSingle) {
          const from = takeSingle && single.length ? single : repeated.length ? repeated : single;
          if (from.length) plan.push(from.shift()!);
        }
        return plan;
      });
    fc.assert(
      fc.property(plans, fc.array(fc.nat(14), { maxLength: 4 }), (plan, cuts) => {
        const at = [...new Set([0, ...cuts.map((c) => c % (plan.length + 1)), plan.length])].sort((a, b) => a - b);
        let summary = EMPTY_SUMMARY;
        for (let i = 0; i + 1 < at.length; i++) {
          const piece = plan.slice(at[i], at[i + 1]).map((id) => ({ id, item: byId.get(id)! }));
          summary = mergeSummary(summary, summaryOf(piece, lean), lean);
        }
        for (const a of about) expect(holds(a, summary, lean), `${JSON.stringify(a)} on ${plan.join(' ')}`).toBe(concrete(a, plan));
      }),
      { numRuns: 600 },
    );
  });
});

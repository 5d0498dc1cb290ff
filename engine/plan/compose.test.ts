import { describe, expect, it } from 'vitest';
import type { FlatItem } from '../compile/flat-graph.js';
import type { PlanEntry } from '../compile/machine.js';
import { compose } from './compose.js';
import { layerOf } from './layers.js';

const t = (nl: string) => ({ nl });
let n = 0;
/** A plan entry as the machine adds it, in path order. */
function entry(id: string, layer: FlatItem['layer'], extra: Partial<FlatItem> = {}, treeId = 't'): PlanEntry {
  const item = { id, layer, title: t(id), text: t(id), why: t(id), sources: [{ seed: '001', lines: '201' }], ...extra } as FlatItem;
  return { item, node: `n${n++}`, treeId };
}
const ids = (plan: ReturnType<typeof compose>) => plan.map((p) => `${p.section}:${p.entry.item.id}`);

describe('compose: the plan a loket worker hands over', () => {
  it('puts eigen kracht first in order, not instead of the other layers', () => {
    const plan = compose([entry('wmo', 'maatwerk'), entry('buuv', 'informeel'), entry('zelf', 'eigen-kracht'), entry('loket', 'algemeen')]);
    expect(ids(plan)).toEqual(['pyramid:zelf', 'pyramid:buuv', 'pyramid:loket', 'pyramid:wmo']);
  });

  it('lifts time-critical items into "doe dit eerst" above a discount card, most urgent first, then in path order', () => {
    const plan = compose([
      entry('korting', 'algemeen'),
      entry('val', 'algemeen', { urgency: 'this-week' }),
      entry('huur', 'algemeen', { urgency: 'today' }),
      entry('overbelast', 'informeel', { urgency: 'today' }),
      entry('zelf', 'eigen-kracht'),
    ]);
    expect(ids(plan)).toEqual(['doe-dit-eerst:huur', 'doe-dit-eerst:overbelast', 'doe-dit-eerst:val', 'pyramid:zelf', 'pyramid:korting']);
  });

  it('keeps "doe dit eerst" to three items; the fourth stays in its layer', () => {
    const plan = compose(['a', 'b', 'c', 'd'].map((id) => entry(id, 'algemeen', { urgency: 'today' })));
    expect(ids(plan)).toEqual(['doe-dit-eerst:a', 'doe-dit-eerst:b', 'doe-dit-eerst:c', 'pyramid:d']);
  });

  it('shows spoed above everything, even above urgent items', () => {
    const plan = compose([entry('huur', 'algemeen', { urgency: 'now' }), entry('112', 'spoed')]);
    expect(ids(plan)).toEqual(['spoed:112', 'doe-dit-eerst:huur']);
  });

  it('says "there is always someone" once, last, with the reasons of every vangnet it stands for', () => {
    const a = entry('bel-loket', 'vangnet', {}, 'wonen');
    const b = entry('bel-ons', 'vangnet', {}, 'geld');
    const plan = compose([a, entry('zelf', 'eigen-kracht'), b]);
    expect(ids(plan)).toEqual(['pyramid:zelf', 'vangnet:bel-loket']);
    expect(plan.at(-1)!.from).toEqual([a.node, b.node]);
  });

  it('lists an item that two sub-flows added once', () => {
    const plan = compose([entry('buurthuis', 'informeel'), entry('buurthuis', 'informeel')]);
    expect(plan).toHaveLength(1);
    expect(plan[0]!.from).toHaveLength(2);
  });

  it("shows a service's card at its first item in the composed order; later items refer to that one", () => {
    // The urgent item comes later on the path but first in the plan: it carries the card.
    const plan = compose([
      entry('vraag-loket', 'algemeen', { services: ['loket', 'buuv'] }),
      entry('huur', 'algemeen', { urgency: 'today', services: ['loket'] }),
      entry('bel', 'vangnet', { services: ['loket'] }),
    ]);
    expect(plan.map((p) => [p.entry.item.id, p.cardAt])).toEqual([
      ['huur', {}],
      ['vraag-loket', { loket: 't/huur' }],
      ['bel', { loket: 't/huur' }],
    ]);
  });
});

describe('legacy advice kinds', () => {
  it('read as a layer plus a local label, so trees of the first format keep loading', () => {
    expect(layerOf({ kind: 'buuv' })).toEqual({ layer: 'informeel', label: 'buuv' });
    expect(layerOf({ kind: 'hbh-2' })).toEqual({ layer: 'maatwerk', label: 'hbh-2' });
    expect(layerOf({ kind: 'eigen-kracht' })).toEqual({ layer: 'eigen-kracht' });
    // A concern report is a general service, not the one vangnet item a plan keeps.
    expect(layerOf({ kind: 'signalering' })).toEqual({ layer: 'algemeen', label: 'signalering' });
    expect(layerOf({ layer: 'informeel', label: 'buuv' })).toEqual({ layer: 'informeel', label: 'buuv' });
  });
});

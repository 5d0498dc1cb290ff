import { describe, expect, it } from 'vitest';
import { aheadIndex, expectedAhead } from './depth.js';
import type { FlatGraph, FlatKind, FlatNode, FlatRoute } from './flat-graph.js';

/** A bare graph: only what expectedAhead reads (kinds and routes). */
function graph(nodes: [id: string, kind: FlatKind, routes: Partial<FlatRoute>[]][]): FlatGraph {
  const flat = (id: string, kind: FlatKind, routes: Partial<FlatRoute>[]): FlatNode => ({
    id,
    scope: '',
    treeId: 't',
    local: id,
    kind,
    source: null,
    pointer: `/${id}`,
    items: [],
    routes: routes.map((r) => ({ when: null, to: '', reads: [], test: () => true, pointer: '', ...r })),
  });
  return {
    gemeente: 'test',
    rootTree: 't',
    rootVersion: '1',
    start: nodes[0]![0],
    nodes: new Map(nodes.map(([id, kind, routes]) => [id, flat(id, kind, routes)])),
    trees: new Map(),
  };
}

const is = (value: string) => (get: (id: string) => unknown) => get('q') === value;

describe('expectedAhead', () => {
  // q: two answers lead to "short" (1 step), the rest to "long" (2 steps).
  const g = graph([
    ['q', 'question', [{ to: 'short', reads: ['q'], test: is('a') }, { to: 'short', reads: ['q'], test: is('b') }, { to: 'long' }]],
    ['short', 'question', [{ to: 'end' }]],
    ['long', 'info', [{ to: 'long2' }]],
    ['long2', 'question', [{ to: 'end' }]],
    ['end', 'end', []],
  ]);

  it('averages over the places an open question can lead, each place once however many routes go there', () => {
    // (1 + 2) / 2 ahead of q, plus q itself; counting "short" twice would give 1 + 4/3.
    expect(expectedAhead(g, {}, 'q')).toBe(2.5);
  });

  it('follows the route an answer decides', () => {
    expect(expectedAhead(g, { q: 'b' }, 'q')).toBe(2);
    expect(expectedAhead(g, { q: 'c' }, 'q')).toBe(3);
  });

  it('gives the same counts through the index, which skips the futures no answer touches', () => {
    const index = aheadIndex(g);
    expect(index.undecided.get('q')).toBe(2.5);
    for (const answers of [{}, { q: 'a' }, { q: 'c' }, { q: 'c', long: null }, { other: 1 }]) {
      for (const from of ['q', 'short', 'long', 'long2', 'end']) {
        expect(expectedAhead(g, answers, from, index), `${from} ${JSON.stringify(answers)}`).toBe(expectedAhead(g, answers, from));
      }
    }
  });

  it("takes an earlier count where the newest answer is not in that node's future, and works it out again where it is", () => {
    const index = aheadIndex(g);
    const answers = { q: 'c', long: null };
    const memo = new Map<string, number>();
    const full = expectedAhead(g, answers, 'q', index, memo);
    expect(full).toBe(expectedAhead(g, answers, 'q'));
    // The walk hands its counts on: q and long were worked out (long2 and end needed no walk).
    expect(memo.get('q')).toBe(full);
    expect(memo.has('long')).toBe(true);
    // A planted count shows whether it was taken: "long"'s future looks at long and long2, not q.
    const planted = new Map([['long', 99]]);
    expect(expectedAhead(g, answers, 'q', index, new Map(), { values: planted, answered: 'q' })).toBe(1 + 99);
    expect(expectedAhead(g, answers, 'q', index, new Map(), { values: planted, answered: 'long' })).toBe(full);
  });

  it('ends on a cycle instead of looping (the verifier refuses them; this must still terminate)', () => {
    const cyclic = graph([
      ['x', 'question', [{ to: 'y' }]],
      ['y', 'question', [{ to: 'x' }]],
    ]);
    expect(expectedAhead(cyclic, {}, 'x')).toBe(2);
  });
});

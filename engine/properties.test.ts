import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInput, shippedDirs } from '../test/support/bundles.js';
import { advice, answer, back, compile, present, replay, start, verifyBundle, type CompiledTree, type SessionView } from './index.js';
import { expectedAhead } from './compile/depth.js';
import { walk as walkGraph } from './paths/walk.js';
import { valueDomain } from './verify/value-domain.js';
import { itemsHere } from './compile/flat-graph.js';
import { SECTIONS } from './plan/compose.js';
import { LAYERS } from './plan/layers.js';
import type { QuestionNode } from './schema/tree-schema.js';

const at = '2026-11-22T10:00:00.000Z';

/** Every root tree of every shipped municipality (plus the demo fixture) that verifies. */
const roots: [string, CompiledTree][] = shippedDirs().flatMap((dir) => {
  const bundle = verifyBundle(readInput(dir));
  return [...bundle.graphs.entries()]
    .filter(([id]) => bundle.trees.get(id)!.door !== 'sub')
    .map(([id, graph]) => [`${bundle.gemeente}/${id}`, compile(graph, bundle.services)] as [string, CompiledTree]);
});

/** The valid answers at the current step: the verifier's own value domain. */
function choices(view: SessionView): unknown[] {
  if (view.node.kind === 'info') return [null];
  return valueDomain((view.node.source as QuestionNode).input, []).values;
}

/** Walks with answers picked by the given indices; returns every view on the way, each shown to `show` first. */
function walk(compiled: CompiledTree, picks: number[], show?: (view: SessionView) => void): SessionView[] {
  const views = [start(compiled)];
  for (let i = 0; !views.at(-1)!.done; i++) {
    const view = views.at(-1)!;
    show?.(view);
    const options = choices(view);
    const r = answer(compiled, view, {
      node: view.node.id,
      value: options[(picks[i % picks.length] ?? 0) % options.length],
      at,
      channel: 'web',
    });
    if (!r.ok) throw new Error(`valid answer refused at ${view.node.id}: ${r.error.message}`);
    views.push(r.value);
    if (i > 10_000) throw new Error('no end after 10,000 steps');
  }
  return views;
}

const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 60 });

describe.each(roots)('properties of %s', (_name, compiled) => {
  const depth = compiled.ahead.get(compiled.graph.start)!;

  it('any sequence of valid answers reaches an end within the tree depth', () => {
    fc.assert(
      fc.property(picks, (p) => {
        const views = walk(compiled, p);
        expect(views.at(-1)!.done).toBe(true);
        expect(views.length - 1).toBeLessThanOrEqual(depth);
      }),
      { numRuns: 150 },
    );
  });

  it('back after answer restores the previous state exactly', () => {
    fc.assert(
      fc.property(picks, fc.nat(), (p, cut) => {
        const views = walk(compiled, p);
        const i = 1 + (cut % (views.length - 1));
        const r = back(compiled, views[i]!);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.record).toEqual(views[i - 1]!.record);
        expect(r.value.node.id).toBe(views[i - 1]!.node.id);
        expect(r.value.answers).toEqual(views[i - 1]!.answers);
        expect(r.value.plan).toEqual(views[i - 1]!.plan);
      }),
      { numRuns: 100 },
    );
  });

  it('the progress count from the compiled index equals a full walk of the graph, at every step', () => {
    fc.assert(
      fc.property(picks, (p) => {
        for (const view of walk(compiled, p)) {
          if (view.done) continue;
          const full = expectedAhead(compiled.graph, view.answers, view.node.id);
          expect(expectedAhead(compiled.graph, view.answers, view.node.id, compiled.aheadIndex)).toBe(full);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the progress shown at each step, worked out from the counts of the step before, equals a full walk', () => {
    fc.assert(
      fc.property(picks, (p) => {
        const shown: [SessionView, number][] = [];
        walk(compiled, p, (view) => shown.push([view, present(compiled, view).progress.ahead]));
        expect(shown.length).toBeGreaterThan(0);
        for (const [view, ahead] of shown) {
          expect(ahead, view.node.id).toBe(Math.round(expectedAhead(compiled.graph, view.answers, view.node.id)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("the machine stops where the graph's routes lead and adds the advice of the nodes passed, in path order", () => {
    fc.assert(
      fc.property(picks, (p) => {
        for (const view of walk(compiled, p)) {
          const path = walkGraph(compiled.graph, view.answers);
          const last = path.at(-1);
          const here = last ? compiled.graph.nodes.get(last.node)!.routes[last.route]!.to : compiled.graph.start;
          expect(view.node.id).toBe(here);
          const passed = path.flatMap((s) =>
            itemsHere(compiled.graph.nodes.get(s.node)!, (k) => view.answers[k]).map((item) => `${s.node} ${item.id}`),
          );
          expect(view.plan.map((e) => `${e.node} ${e.item.id}`)).toEqual(passed);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the plan is composed spoed → doe dit eerst (≤ 3, most urgent first) → pyramid by layer → one vangnet, each card once', () => {
    const urgency = ['now', 'today', 'this-week', undefined];
    fc.assert(
      fc.property(picks, (p) => {
        const plan = advice(compiled, walk(compiled, p).at(-1)!);
        const sections = plan.map((i) => SECTIONS.indexOf(i.section));
        expect(sections).toEqual([...sections].sort((a, b) => a - b));
        for (const i of plan) {
          if (i.section === 'spoed') expect(i.layer).toBe('spoed');
          if (i.section === 'vangnet') expect(i.layer).toBe('vangnet');
          if (i.section === 'doe-dit-eerst') expect(i.urgency).toBeDefined();
        }
        expect(plan.filter((i) => i.layer === 'vangnet').length).toBeLessThanOrEqual(1);
        const first = plan.filter((i) => i.section === 'doe-dit-eerst').map((i) => urgency.indexOf(i.urgency));
        expect(first.length).toBeLessThanOrEqual(3);
        expect(first).toEqual([...first].sort((a, b) => a - b));
        const layers = plan.filter((i) => i.section === 'pyramid').map((i) => LAYERS.indexOf(i.layer));
        expect(layers).toEqual([...layers].sort((a, b) => a - b));
        expect(new Set(plan.map((i) => i.id)).size).toBe(plan.length);
        // Each service's card is shown once: at its first item; every later item points there.
        const shown = new Map<string, string>();
        for (const i of plan) {
          for (const s of i.services) {
            const at = i.cardAt[s.id];
            if (at === undefined) {
              expect(shown.has(s.id), `${s.id} shown twice`).toBe(false);
              shown.set(s.id, i.id);
            } else expect(at).toBe(shown.get(s.id));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('replay is deterministic: the same log gives the same state, every time', () => {
    fc.assert(
      fc.property(picks, (p) => {
        const last = walk(compiled, p).at(-1)!;
        const a = replay(compiled, last.record);
        const b = replay(compiled, JSON.parse(JSON.stringify(last.record)));
        expect(a.ok && b.ok).toBe(true);
        if (!a.ok || !b.ok) return;
        expect(a.value.node.id).toBe(last.node.id);
        expect(b.value.answers).toEqual(a.value.answers);
        expect(b.value.plan).toEqual(a.value.plan);
      }),
      { numRuns: 100 },
    );
  });

  it('garbage answers only ever produce the engine’s typed errors, and change nothing', () => {
    const codes = new Set([
      'not-current-node',
      'session-finished',
      'wrong-type',
      'unknown-option',
      'too-few',
      'too-many',
      'out-of-range',
      'not-integer',
      'too-long',
      'required',
      'invalid-date',
      'invalid-text',
    ]);
    fc.assert(
      fc.property(picks, fc.nat(), fc.jsonValue(), fc.oneof(fc.constant(null), fc.string()), (p, cut, value, node) => {
        const views = walk(compiled, p);
        const view = views[cut % views.length]!;
        const before = JSON.stringify(view.record);
        let r;
        try {
          r = answer(compiled, view, { node: node ?? view.node.id, value, at, channel: 'web' });
        } catch (err) {
          throw new Error(`threw instead of a typed error: ${err}`);
        }
        if (!r.ok) expect(codes.has(r.error.code)).toBe(true);
        expect(JSON.stringify(view.record)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property tests cover the shipped trees', () => {
  it('found at least the demo root trees', () => {
    expect(roots.map(([n]) => n)).toEqual(
      expect.arrayContaining(['demo/start', 'demo/oplossing', 'haarlem/start', 'plan/hulp', 'plan/zorgen']),
    );
  });
});

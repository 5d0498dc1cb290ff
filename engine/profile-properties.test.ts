import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInput, shippedDirs } from '../test/support/bundles.js';
import { answerKey } from './compile/flat-graph.js';
import { answer, compile, revise, start, verifyBundle, type CompiledTree, type SessionView } from './index.js';
import type { QuestionNode } from './schema/tree-schema.js';
import { valueDomain } from './verify/value-domain.js';

const at = '2026-12-04T10:00:00.000Z';

/** Every root tree of every shipped municipality (and the fixtures) that verifies. */
const roots: [string, CompiledTree][] = shippedDirs().flatMap((dir) => {
  const bundle = verifyBundle(readInput(dir));
  return [...bundle.graphs.entries()]
    .filter(([id]) => bundle.trees.get(id)!.door !== 'sub')
    .map(([id, graph]) => [`${bundle.gemeente}/${id}`, compile(graph, bundle.services)] as [string, CompiledTree]);
});

const choices = (view: SessionView): unknown[] =>
  view.node.kind === 'info' ? [null] : valueDomain((view.node.source as QuestionNode).input, []).values;

/** Answers every step with a value picked by `pick(key, options)` until the end (or no pick). */
function walk(compiled: CompiledTree, pick: (key: string, options: unknown[], i: number) => unknown): SessionView {
  let view = start(compiled);
  for (let i = 0; !view.done; i++) {
    const options = choices(view);
    const value = pick(answerKey(view.node), options, i);
    if (value === undefined) break;
    const r = answer(compiled, view, { node: view.node.id, value, at, channel: 'web' });
    if (!r.ok) throw new Error(`valid answer refused at ${view.node.id}: ${r.error.message}`);
    view = r.value;
    if (i > 10_000) throw new Error('no end after 10,000 steps');
  }
  return view;
}

const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 60 });
const byPicks = (p: number[]) => (_key: string, options: unknown[], i: number) => options[p[i % p.length]! % options.length];
const profileKeys = (compiled: CompiledTree, view: SessionView) =>
  view.record.log.map((e) => compiled.graph.nodes.get(e.node)!.answer).filter((k): k is string => !!k);

describe.each(roots)('profile properties of %s', (_name, compiled) => {
  it('asks no profile question twice in a session', () => {
    fc.assert(
      fc.property(picks, (p) => {
        const keys = profileKeys(compiled, walk(compiled, byPicks(p)));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 150 },
    );
  });

  it('revising a profile answer gives what a fresh walk with the new answer gives', () => {
    let tried = 0;
    fc.assert(
      fc.property(picks, fc.nat(), fc.nat(), (p, which, other) => {
        const done = walk(compiled, byPicks(p));
        const asked = done.record.log.filter((e) => compiled.graph.nodes.get(e.node)!.answer);
        if (asked.length === 0) return;
        tried++;
        const entry = asked[which % asked.length]!;
        const key = compiled.graph.nodes.get(entry.node)!.answer!;
        const options = valueDomain((compiled.graph.nodes.get(entry.node)!.source as QuestionNode).input, []).values;
        const value = options[other % options.length];
        const revised = revise(compiled, done, { node: entry.node, value, at, channel: 'web' });
        expect(revised.ok).toBe(true);
        if (!revised.ok) return;
        // The fresh walk gives every question the answer it had (by key), the fact its new value,
        // and stops where the old walk has no answer (as revise does).
        const before = new Map(done.record.log.map((e) => [answerKey(compiled.graph.nodes.get(e.node)!), e.value]));
        before.set(key, value);
        const fresh = walk(compiled, (k) => before.get(k));
        expect(revised.value.node.id).toBe(fresh.node.id);
        expect(revised.value.answers).toEqual(fresh.answers);
        expect(revised.value.plan).toEqual(fresh.plan);
        expect(revised.value.record.log.map((e) => e.node)).toEqual(fresh.record.log.map((e) => e.node));
      }),
      { numRuns: 100 },
    );
    // A root tree that can ask a profile question must have exercised the property, not skipped every run.
    if ([...compiled.graph.nodes.values()].some((n) => n.answer)) expect(tried).toBeGreaterThan(0);
  });
});

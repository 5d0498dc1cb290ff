import { describe, expect, it } from 'vitest';
import { demoInput } from '../../test/support/bundles.js';
import { bundleOf, deepCondition, longChain, manyChoices, treeWith } from '../../test/support/hostile-trees.js';
import { answer, compile, start, verifyBundle, type BundleInput } from '../index.js';
import { progressOf } from '../session/progress.js';
import { DEFAULT_LIMITS } from './budget.js';

const errors = (input: BundleInput, options?: Parameters<typeof verifyBundle>[1]) =>
  verifyBundle(input, options).problems.filter((p) => p.severity === 'error');

describe('a verification budget that no tree can blow', () => {
  it('refuses four 12-option multiple-choice questions read together, naming the question that multiplies the space', () => {
    const maxStates = 20_000;
    const bundle = verifyBundle(bundleOf(manyChoices(4, 12)), { limits: { maxStates } });
    expect(bundle.graphs.has('veel')).toBe(false);
    // The exploration stopped at the budget: what it holds in memory is bounded by it.
    expect(bundle.explorations.get('veel')!.states).toBe(maxStates);
    const errs = bundle.problems.filter((p) => p.severity === 'error');
    // Only the refusal: a stopped exploration proves nothing, so it reports no unreachable nodes.
    expect(errs.map((p) => p.code)).toEqual(['verify-budget-exceeded']);
    const [p] = errs;
    expect(p!.where).toBe('bench/veel');
    expect(p!.pointer).toMatch(/^\/nodes\/q[1-4]$/);
    // 12 options, at least one chosen: 2¹² − 1 answers.
    expect(p!.message).toContain('4,095 possible answers');
    expect(p!.message).toContain('"kies" still reads it later');
    expect(p!.message).toContain('20,000 answer states (VERIFY_MAX_STATES)');
    expect(p!.message).toMatch(/Restructure: read a multiple-choice answer right after it is asked/);
  });

  it('stops at the time budget too, on the clock it is given', () => {
    let ms = 0;
    const now = () => (ms += 1);
    const p = errors(bundleOf(manyChoices(4, 12)), { limits: { maxMs: 50 }, now })[0]!;
    expect(p.code).toBe('verify-budget-exceeded');
    expect(p.message).toContain('time budget of 50 ms (VERIFY_MAX_MS)');
  });

  it('refuses a tree whose turn comes after the bundle ran out of time, and says why', () => {
    let ms = 0;
    const now = () => (ms += 1);
    const input = bundleOf(manyChoices(4, 12, 'a-veel'), treeWith('b-klein', 'hulp', manyChoices(1, 2).nodes));
    const bundle = verifyBundle(input, { limits: { maxMs: 50 }, now });
    const late = bundle.problems.find((p) => p.where === 'bench/b-klein')!;
    expect(late.code).toBe('verify-budget-exceeded');
    expect(late.message).toContain('Earlier trees of the bundle used the time');
  });

  it('proves a tree that needs exactly the budget, and refuses it one state short', () => {
    const input = demoInput();
    const needed = Math.max(...[...verifyBundle(input).explorations.values()].map((e) => e.states));
    expect(errors(input, { limits: { maxStates: needed } })).toEqual([]);
    expect(errors(input, { limits: { maxStates: needed - 1 } }).map((p) => p.code)).toContain('verify-budget-exceeded');
  });

  it('has defaults the bundled demo passes far below', () => {
    const used = [...verifyBundle(demoInput()).explorations.values()].map((e) => e.states);
    expect(Math.max(...used) * 100).toBeLessThan(DEFAULT_LIMITS.maxStates);
  });

  it('refuses, never serves, a multiple choice with too many options to try every combination', () => {
    const tree = manyChoices(1, 13);
    const bundle = verifyBundle(bundleOf(tree));
    expect(bundle.graphs.has('veel')).toBe(false);
    expect(bundle.problems).toContainEqual(
      expect.objectContaining({ code: 'not-exhaustive', severity: 'error', pointer: '/nodes/q1/input/options' }),
    );
  });
});

describe('no recursion depth a tree can exhaust', () => {
  it('refuses a condition nested 2,000 deep with rule-too-deep, and still serves the other trees', () => {
    const bundle = verifyBundle(bundleOf(deepCondition(2000), manyChoices(1, 3, 'ander')));
    expect(bundle.problems).toContainEqual(
      expect.objectContaining({ code: 'rule-too-deep', where: 'bench/diep', pointer: '/nodes/vraag/next/routes/0/when' }),
    );
    expect(bundle.graphs.has('diep')).toBe(false);
    expect(bundle.graphs.has('ander')).toBe(true);
  });

  it('refuses a derived value nested too deep as well', () => {
    const tree = deepCondition(1);
    let rule: unknown = { var: 'vraag' };
    for (let i = 0; i < 100; i++) rule = { '!!': [rule] };
    (tree as Record<string, unknown>).derived = { ja: { rule } };
    expect(errors(bundleOf(tree))).toContainEqual(expect.objectContaining({ code: 'rule-too-deep', pointer: '/derived/ja/rule' }));
  });

  it('verifies, compiles and walks a 4,000-node chain to its end', () => {
    const tree = longChain(4000);
    expect(Object.keys(tree.nodes)).toHaveLength(4000);
    const bundle = verifyBundle(bundleOf(tree));
    expect(bundle.problems).toEqual([]);
    const compiled = compile(bundle.graphs.get('lang')!, bundle.services);
    let view = start(compiled);
    // 1,999 questions, each with an advice detour on "b": at least 1,999 steps ahead.
    expect(progressOf(compiled, view).ahead).toBeGreaterThanOrEqual(1999);
    while (view.node.kind === 'question') {
      const r = answer(compiled, view, { node: view.node.id, value: 'a', at: '2026-11-22T10:00:00.000Z', channel: 'web' });
      if (!r.ok) throw new Error(r.error.message);
      view = r.value;
    }
    expect(view.node.id).toBe('eind');
    expect(view.progress.done).toBe(1999);
  });

  it('refuses a tree file of more than 5,000 nodes with tree-too-large', () => {
    const p = errors(bundleOf(longChain(6000)))[0]!;
    expect(p).toMatchObject({ code: 'tree-too-large', where: 'bench/lang', pointer: '/nodes' });
  });
});

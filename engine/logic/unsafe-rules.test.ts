import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoInput, demoTree } from '../../test/support/bundles.js';
import { verifyBundle } from '../index.js';
import { ALLOWED_OPERATORS } from './allow-list.js';

/** A random JSON Logic rule with `poison` buried somewhere inside. */
const ruleWith = (poison: fc.Arbitrary<unknown>) =>
  fc.letrec<{ rule: unknown }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      poison,
      fc.record({ and: fc.tuple(tie('rule'), fc.constant(true)) }),
      fc.record({ or: fc.tuple(fc.constant(false), tie('rule')) }),
      fc.record({ '!': tie('rule') }),
      fc.record({ if: fc.tuple(tie('rule'), tie('rule'), fc.constant(false)) }),
      fc.record({ '==': fc.tuple(tie('rule'), fc.constant(1)) }),
      fc.record({ some: fc.tuple(fc.constant([1, 2]), tie('rule')) }),
    ),
  })).rule;

const forbiddenVar = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom('', 'zelf.', 'a.b.'))
  .map(([bad, prefix]) => ({ var: `${prefix}${bad}` }));
const forbiddenOp = fc
  .constantFrom('method', 'log', 'cat', 'substr', 'merge', 'toString', 'eval')
  .filter((op) => !ALLOWED_OPERATORS.has(op))
  .map((op) => ({ [op]: [{ var: 'zelf' }, 'x'] }));

function verifyWith(rule: unknown) {
  const input = demoInput();
  const tree = demoTree('vervoer');
  tree.nodes.zelf.next.routes[0].when = rule;
  input.trees = input.trees.map((t) => (t.name === 'vervoer' ? { name: 'vervoer', json: tree } : t));
  return verifyBundle(input);
}

describe('unsafe JSON Logic is refused at load time, wherever it hides', () => {
  it('refuses var paths through __proto__, constructor or prototype', () => {
    fc.assert(
      fc.property(ruleWith(forbiddenVar), (rule) => {
        const bundle = verifyWith(rule);
        expect(bundle.problems.some((p) => p.code === 'logic-var-forbidden')).toBe(true);
        expect(bundle.graphs.has('vervoer')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses operators outside the allow-list', () => {
    fc.assert(
      fc.property(ruleWith(forbiddenOp), (rule) => {
        const bundle = verifyWith(rule);
        expect(bundle.problems.some((p) => p.code === 'logic-operator')).toBe(true);
        expect(bundle.graphs.has('vervoer')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

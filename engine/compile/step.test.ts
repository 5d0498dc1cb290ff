import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { demo } from '../../test/support/bundles.js';
import { valueDomain } from '../verify/value-domain.js';
import type { QuestionNode } from '../schema/tree-schema.js';

const compiled = demo().compiled('start');

describe('the reused-scope stepper', () => {
  it('gives exactly the snapshots of xstate’s own transition()', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (picks) => {
        let ours = compiled.step.initial();
        let theirs = initialTransition(compiled.machine)[0];
        expect(ours.value).toEqual(theirs.value);
        for (let i = 0; ours.status !== 'done'; i++) {
          const node = compiled.graph.nodes.get(String(ours.value))!;
          const values = node.kind === 'info' ? [null] : valueDomain((node.source as QuestionNode).input, []).values;
          const event = { type: 'ANSWER' as const, node: node.id, value: values[picks[i % picks.length]! % values.length] };
          ours = compiled.step.next(ours, event);
          theirs = transition(compiled.machine, theirs, event)[0];
          expect(ours.value).toEqual(theirs.value);
          expect(ours.context).toEqual(theirs.context);
          expect(ours.status).toBe(theirs.status);
        }
      }),
      { numRuns: 100 },
    );
  });
});

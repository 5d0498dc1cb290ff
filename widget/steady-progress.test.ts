import { describe, expect, it } from 'vitest';
import { steadyProgress, type Shown } from './steady-progress.js';

const walk = (steps: [number, number][]) => {
  let shown: Shown | undefined;
  return steps.map(([done, ahead]) => (shown = steadyProgress(shown, { done, ahead })).total);
};

describe('steady progress', () => {
  it('grows at once when more questions come up, but shrinks by at most one a step', () => {
    // The estimate as one Haarlem walk gave it: 7, then 17, then 5.
    expect(
      walk([
        [0, 7],
        [1, 16],
        [2, 3],
        [3, 1],
        [4, 0],
      ]),
    ).toEqual([7, 17, 16, 15, 14]);
  });

  it('never shows a total below the current step', () => {
    expect(
      walk([
        [0, 3],
        [1, 0],
        [2, 0],
      ]),
    ).toEqual([3, 2, 3]);
  });

  it('shows the estimate as it is after going back or starting again', () => {
    expect(
      walk([
        [0, 7],
        [1, 16],
        [0, 7],
      ]),
    ).toEqual([7, 17, 7]);
  });

  it('keeps what it showed when the same step comes again', () => {
    expect(
      walk([
        [0, 7],
        [1, 16],
        [2, 3],
        [2, 3],
      ]),
    ).toEqual([7, 17, 16, 16]);
  });
});

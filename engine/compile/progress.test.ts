import { describe, expect, it } from 'vitest';
import { demo, walkTo } from '../../test/support/bundles.js';
import { present } from '../index.js';

const compiled = demo().compiled('start');
const ahead = (steps: [string, unknown][]) => present(compiled, walkTo(compiled, steps)).progress;

describe('progress', () => {
  it('follows the routes the answers already decide, so the count shrinks with the choices made', () => {
    const one = ahead([
      ['deur', 'oplossing'],
      ['naar-oplossing/domeinen', ['vervoer']],
    ]);
    // leeftijd, uitleg, and the one chosen domain's question – not both domains.
    expect(one).toEqual({ done: 2, ahead: 3, percent: 40 });
    const both = ahead([
      ['deur', 'oplossing'],
      ['naar-oplossing/domeinen', ['vervoer', 'huishouden']],
    ]);
    expect(both.ahead).toBe(4);
  });

  it('averages over routes not decided yet, instead of assuming the longest', () => {
    const first = ahead([]);
    // Worst case: door, domains, age, info, two domain questions = 6; "helpen" ends after 1.
    expect(compiled.ahead.get(compiled.graph.start)).toBe(6);
    expect(first.ahead).toBeGreaterThan(1);
    expect(first.ahead).toBeLessThan(6);
  });

  it('is zero at the end', () => {
    expect(ahead([['deur', 'helpen']])).toEqual({ done: 1, ahead: 0, percent: 100 });
  });
});

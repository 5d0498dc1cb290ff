import { describe, expect, it } from 'vitest';
import { longWords } from './long-words.js';
import { unit } from './test-helpers.js';

const allowed = [{ word: 'vrijwilligerscentrale' }];

describe('long words', () => {
  it('warns for a word over 15 letters', () => {
    const f = longWords(...unit('Je kunt terecht bij de ondersteuningsbehoeftebepaling.'), allowed);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'long-word', severity: 'warning', excerpt: 'ondersteuningsbehoeftebepaling' });
  });

  it('passes words of 15 letters or fewer', () => {
    expect(longWords(...unit('Een buurtinitiatief helpt je met boodschappen.'), allowed)).toEqual([]);
  });

  it('skips allowed names, also in plural or another case', () => {
    expect(longWords(...unit('De Vrijwilligerscentrale en andere vrijwilligerscentrales helpen je.'), allowed)).toEqual([]);
  });

  it('judges hyphenated compounds per part', () => {
    expect(longWords(...unit('Vraag een mantelzorg-waardering aan.'), allowed)).toEqual([]);
    expect(longWords(...unit('Vraag een mantelzorgwaardering aan.'), allowed).map((f) => f.excerpt)).toEqual(['mantelzorgwaardering']);
  });

  it('reports a word once per text', () => {
    expect(longWords(...unit('Schuldenproblematiek is lastig. Schuldenproblematiek kan iedereen overkomen.'), allowed)).toHaveLength(1);
  });
});

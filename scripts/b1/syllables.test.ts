import { describe, expect, it } from 'vitest';
import { syllables } from './syllables.js';

describe('syllables (Dutch vowel groups)', () => {
  it.each([
    ['hulp', 1],
    ['gemeente', 3],
    ['ondersteuning', 4],
    ['zelfredzaamheid', 4],
    ['mantelzorger', 4],
    ['huishouden', 3],
    ['eenzaamheid', 3],
    ['vrijwilliger', 4],
    ['nieuw', 1],
    ['buurtinitiatief', 6],
  ])('%s has %i', (word, n) => {
    expect(syllables(word)).toBe(n);
  });

  it('starts a new syllable at a diaeresis', () => {
    expect(syllables('ideeën')).toBe(3);
    expect(syllables('coördinator')).toBe(5);
    expect(syllables('idee')).toBe(2);
  });

  it('splits the hiatus of Latin loanwords', () => {
    expect(syllables('sociaal')).toBe(3);
    expect(syllables('situatie')).toBe(4);
    expect(syllables('financieel')).toBe(4);
    expect(syllables('video')).toBe(3);
    expect(syllables('nieuwe')).toBe(2);
  });

  it('counts ij as one vowel', () => {
    expect(syllables('wijkteam')).toBe(2);
    expect(syllables('blij')).toBe(1);
  });

  it('gives numbers and vowel-less abbreviations one syllable', () => {
    expect(syllables('14')).toBe(1);
    expect(syllables('CJG')).toBe(1);
  });
});

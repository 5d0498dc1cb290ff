import { describe, expect, it } from 'vitest';
import { fleschDouma, readabilityLabel, statsOf } from './readability.js';
import { sentences } from './sentences.js';

describe('Flesch-Douma', () => {
  it('applies 206.84 − 0.77 × syllables/100 words − 0.93 × words/sentence', () => {
    // 10 words, 15 syllables, 2 sentences: 206.84 − 0.77 × 150 − 0.93 × 5
    expect(fleschDouma({ sentences: 2, words: 10, syllables: 15 })).toBeCloseTo(206.84 - 115.5 - 4.65, 6);
  });

  it('scores short plain Dutch higher than long policy Dutch', () => {
    const plain = statsOf(sentences('Kun je het huis niet schoonhouden? Vraag dan hulp. Je buren helpen vaak graag.'));
    const policy = statsOf(
      sentences(
        'Ter bevordering van de zelfredzaamheid en maatschappelijke participatie van kwetsbare inwoners wordt een integrale ondersteuningsstructuur gerealiseerd.',
      ),
    );
    expect(fleschDouma(plain)!).toBeGreaterThan(70);
    expect(fleschDouma(policy)!).toBeLessThan(30);
  });

  it('has no score for an empty text', () => {
    expect(fleschDouma({ sentences: 0, words: 0, syllables: 0 })).toBeNull();
  });

  it('names the bands', () => {
    expect(readabilityLabel(85)).toBe('makkelijk');
    expect(readabilityLabel(20)).toBe('zeer moeilijk');
  });
});

import { describe, expect, it } from 'vitest';
import { sentenceLength } from './sentence-length.js';
import { unit } from './test-helpers.js';

describe('sentence length', () => {
  it('passes a short B1 sentence', () => {
    expect(sentenceLength(...unit('Kun je zelf boodschappen doen? Vraag anders je buren.'))).toEqual([]);
  });

  it('warns above 15 words', () => {
    // 18 words
    const f = sentenceLength(
      ...unit('Als je niet meer goed kunt lopen, kan een buurman of vriendin je misschien helpen met de boodschappen.'),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'sentence-long', severity: 'warning', pointer: '/nodes/x/text/nl' });
    expect(f[0]!.message).toContain('18 words');
  });

  it('is an error above 25 words', () => {
    const text =
      'Wanneer u door omstandigheden tijdelijk niet in staat bent om uw huishouden zelfstandig te voeren, kunt u bij de gemeente een melding doen zodat er samen met u wordt gekeken naar mogelijke oplossingen.';
    const f = sentenceLength(...unit(text));
    expect(f.map((x) => [x.code, x.severity])).toEqual([['sentence-too-long', 'error']]);
    expect(f[0]!.excerpt).toBe(text);
  });

  it('judges each sentence on its own', () => {
    const f = sentenceLength(
      ...unit(
        'Bel de wijkcoach. Die komt bij je thuis. Samen kijken jullie wat je nodig hebt en wie je daarbij kan helpen in de buurt of familie.',
      ),
    );
    expect(f.map((x) => x.excerpt)).toEqual(['Samen kijken jullie wat je nodig hebt en wie je daarbij kan helpen in de buurt of familie.']);
  });
});

import { describe, expect, it } from 'vitest';
import { letterCount, plainText, sentences, words } from './sentences.js';

describe('sentences', () => {
  it('splits at full stops, question and exclamation marks', () => {
    const list = sentences('Heb je hulp nodig bij het huishouden? Vraag het eerst aan je familie. Dat mag!');
    expect(list.map((s) => s.text)).toEqual(['Heb je hulp nodig bij het huishouden?', 'Vraag het eerst aan je familie.', 'Dat mag!']);
    expect(list.map((s) => s.words.length)).toEqual([7, 6, 2]);
  });

  it('does not end a sentence at an abbreviation or inside a web address', () => {
    const list = sentences('Kijk op buuv.nl voor bijv. boodschappen of klusjes. Bel daarna.');
    expect(list).toHaveLength(2);
    expect(list[0]!.words).toContain('buuv.nl');
  });

  it('treats every list item and paragraph as its own sentence', () => {
    const list = sentences('Je kunt:\n- boodschappen vragen\n- hulp bij vervoer vragen\n\nBel 14 023.');
    expect(list.map((s) => s.text)).toEqual(['Je kunt:', 'boodschappen vragen', 'hulp bij vervoer vragen', 'Bel 14 023.']);
  });

  it('counts an option label without a full stop as one sentence', () => {
    expect(sentences('Ik maak me zorgen om iemand')).toEqual([
      { text: 'Ik maak me zorgen om iemand', words: ['Ik', 'maak', 'me', 'zorgen', 'om', 'iemand'] },
    ]);
  });
});

describe('plainText and words', () => {
  it('keeps link text, drops URLs and markdown marks', () => {
    expect(plainText('Lees **meer** op [de website](https://www.haarlem.nl/zorg) of https://buuv.nl/x.')).toBe(
      'Lees meer op de website of',
    );
  });

  it('keeps hyphenated compounds and phone numbers together', () => {
    expect(words('Doe een Wmo-melding of bel Veilig Thuis: 0800-2000.')).toEqual([
      'Doe',
      'een',
      'Wmo-melding',
      'of',
      'bel',
      'Veilig',
      'Thuis',
      '0800-2000',
    ]);
  });

  it('counts letters only', () => {
    expect(letterCount('Wmo-melding')).toBe(10);
    expect(letterCount('ideeën')).toBe(6);
  });
});

describe('sentences with quotes', () => {
  it('ends a sentence at a question mark inside closing quotes', () => {
    const list = sentences('Vraag iets concreets, zoals "wil jij op zaterdag de badkamer doen?" Kan je omgeving het overnemen?');
    expect(list.map((s) => s.text)).toEqual([
      'Vraag iets concreets, zoals "wil jij op zaterdag de badkamer doen?"',
      'Kan je omgeving het overnemen?',
    ]);
  });
});

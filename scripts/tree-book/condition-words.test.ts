import { describe, expect, it } from 'vitest';
import { Tree } from '../../engine/index.js';
import { conditionInWords, joinList, translateCondition } from './condition-words.js';

const tree = Tree.parse({
  id: 'proef',
  version: '1.0.0',
  gemeente: 'demo',
  door: 'oplossing',
  status: 'draft',
  title: { nl: 'Proef' },
  sources: [{ seed: '001', lines: '1' }],
  lastReviewed: '2026-01-01',
  start: 'deur',
  derived: {
    veel: { rule: { '>=': [{ var: 'domeinen.length' }, 3] }, label: { nl: 'Hulp nodig bij drie of meer onderwerpen' } },
    oud: { rule: { '>=': [{ var: 'leeftijd' }, 75] } },
  },
  nodes: {
    deur: {
      kind: 'question',
      text: { nl: 'Wat wil je doen?' },
      short: { nl: 'Keuze' },
      input: {
        type: 'single',
        options: [
          { value: 'oplossing', label: { nl: 'Ik zoek een oplossing' } },
          { value: 'helpen', label: { nl: 'Ik wil iemand helpen' } },
          { value: 'zorgen', label: { nl: 'Ik maak me zorgen om iemand' } },
        ],
      },
      next: 'domeinen',
    },
    domeinen: {
      kind: 'question',
      text: { nl: 'Waar wil je hulp bij?' },
      short: { nl: 'Hulp bij' },
      input: {
        type: 'multi',
        options: [
          { value: 'vervoer', label: { nl: 'Vervoer' } },
          { value: 'huishouden', label: { nl: 'Huishouden' } },
          { value: 'geld', label: { nl: 'Geld en schulden' } },
        ],
      },
      next: 'leeftijd',
    },
    leeftijd: {
      kind: 'question',
      text: { nl: 'Hoe oud ben je?' },
      input: { type: 'number', min: 0, max: 120, unit: { nl: 'jaar' } },
      next: 'netwerk',
    },
    netwerk: {
      kind: 'question',
      text: { nl: 'Kan iemand uit je omgeving helpen?' },
      short: { nl: 'Hulp van je omgeving' },
      input: { type: 'yesno' },
      next: 'uren',
    },
    uren: {
      kind: 'question',
      text: { nl: 'Hoeveel uur per week zorg je?' },
      short: { nl: 'Uren zorg per week' },
      input: { type: 'number', min: 0, max: 168, unit: { nl: 'uur per week' } },
      next: 'sinds',
    },
    sinds: { kind: 'question', text: { nl: 'Sinds wanneer?' }, input: { type: 'date' }, next: 'klaar' },
    klaar: { kind: 'end', text: { nl: 'Klaar.' } },
  },
});

const words = (rule: unknown) => conditionInWords(rule, tree);

describe('condition in words', () => {
  it('names a single choice by the question short label and the option label', () => {
    expect(words({ '==': [{ var: 'deur' }, 'helpen'] })).toBe('als bij ‘Keuze’ is gekozen: ‘Ik wil iemand helpen’');
    expect(words({ '!=': [{ var: 'deur' }, 'helpen'] })).toBe('als bij ‘Keuze’ niet is gekozen: ‘Ik wil iemand helpen’');
  });

  it('uses the full question when there is no short label', () => {
    expect(words({ '>=': [{ var: 'leeftijd' }, 75] })).toBe('als ‘Hoe oud ben je?’ 75 jaar of meer is');
  });

  it('reads `in` on a multiple choice and on a list of options', () => {
    expect(words({ in: ['geld', { var: 'domeinen' }] })).toBe('als bij ‘Hulp bij’ is gekozen: ‘Geld en schulden’');
    expect(words({ in: [{ var: 'deur' }, ['helpen', 'zorgen']] })).toBe(
      'als bij ‘Keuze’ is gekozen: ‘Ik wil iemand helpen’ of ‘Ik maak me zorgen om iemand’',
    );
  });

  it('reads yes/no answers as Ja and Nee', () => {
    expect(words({ var: 'netwerk' })).toBe('als bij ‘Hulp van je omgeving’ is gekozen: ‘Ja’');
    expect(words({ '!': { var: 'netwerk' } })).toBe('als bij ‘Hulp van je omgeving’ is gekozen: ‘Nee’');
    expect(words({ '==': [{ var: 'netwerk' }, false] })).toBe('als bij ‘Hulp van je omgeving’ is gekozen: ‘Nee’');
  });

  it('joins and/or, with brackets around nested groups', () => {
    const rule = { and: [{ '!': { var: 'netwerk' } }, { or: [{ '>': [{ var: 'uren' }, 20] }, { '<': [{ var: 'leeftijd' }, 18] }] }] };
    expect(words(rule)).toBe(
      'als bij ‘Hulp van je omgeving’ is gekozen: ‘Nee’ en (‘Uren zorg per week’ meer dan 20 uur per week is of ‘Hoe oud ben je?’ minder dan 18 jaar is)',
    );
  });

  it('merges choices on the same question inside an or', () => {
    const rule = {
      or: [
        { '==': [{ var: 'deur' }, 'helpen'] },
        { var: 'netwerk' },
        { '==': [{ var: 'deur' }, 'zorgen'] },
        { in: ['vervoer', { var: 'domeinen' }] },
        { in: ['geld', { var: 'domeinen' }] },
      ],
    };
    expect(words(rule)).toBe(
      'als minstens één hiervan klopt: (1) bij ‘Keuze’ is gekozen: ‘Ik wil iemand helpen’ of ‘Ik maak me zorgen om iemand’; (2) bij ‘Hulp van je omgeving’ is gekozen: ‘Ja’; (3) bij ‘Hulp bij’ is gekozen: ‘Vervoer’ of ‘Geld en schulden’',
    );
  });

  it('numbers the parts when an option list inside would make "of" ambiguous', () => {
    const rule = { or: [{ var: 'netwerk' }, { in: [{ var: 'deur' }, ['helpen', 'zorgen']] }] };
    expect(words(rule)).toBe(
      'als minstens één hiervan klopt: (1) bij ‘Hulp van je omgeving’ is gekozen: ‘Ja’; (2) bij ‘Keuze’ is gekozen: ‘Ik wil iemand helpen’ of ‘Ik maak me zorgen om iemand’',
    );
    const all = { and: [{ var: 'netwerk' }, { '>': [{ var: 'uren' }, 20] }, { '<': [{ var: 'leeftijd' }, 18] }] };
    expect(words(all)).toBe(
      'als dit allemaal klopt: (1) bij ‘Hulp van je omgeving’ is gekozen: ‘Ja’; (2) ‘Uren zorg per week’ meer dan 20 uur per week is; (3) ‘Hoe oud ben je?’ minder dan 18 jaar is',
    );
  });

  it('negates a choice in place', () => {
    expect(words({ '!': { in: ['geld', { var: 'domeinen' }] } })).toBe('als bij ‘Hulp bij’ niet is gekozen: ‘Geld en schulden’');
    expect(words({ '!': { '==': [{ var: 'deur' }, 'helpen'] } })).toBe('als bij ‘Keuze’ niet is gekozen: ‘Ik wil iemand helpen’');
  });

  it('turns comparisons around when the number comes first, and reads ranges', () => {
    expect(words({ '<': [20, { var: 'uren' }] })).toBe('als ‘Uren zorg per week’ meer dan 20 uur per week is');
    expect(words({ '<=': [18, { var: 'leeftijd' }, 23] })).toBe('als ‘Hoe oud ben je?’ 18 tot en met 23 jaar is');
    expect(words({ '<=': [{ var: 'uren' }, 8] })).toBe('als ‘Uren zorg per week’ 8 uur per week of minder is');
  });

  it('reads dates as before/after', () => {
    expect(words({ '<': [{ var: 'sinds' }, '2025-01-01'] })).toBe('als ‘Sinds wanneer?’ vóór 2025-01-01 is');
  });

  it('names a derived value by its label, and spells out one without a label', () => {
    expect(words({ var: 'derived.veel' })).toBe('als geldt: ‘Hulp nodig bij drie of meer onderwerpen’');
    expect(words({ '!': { var: 'derived.veel' } })).toBe('als niet geldt: ‘Hulp nodig bij drie of meer onderwerpen’');
    expect(words({ var: 'derived.oud' })).toBe('als ‘Hoe oud ben je?’ 75 jaar of meer is');
  });

  it('counts chosen answers', () => {
    expect(words({ '>=': [{ var: 'domeinen.length' }, 3] })).toBe('als het aantal antwoorden bij ‘Hulp bij’ 3 of meer is');
    expect(words({ '>=': [{ reduce: [{ var: 'domeinen' }, { '+': [{ var: 'accumulator' }, 1] }, 0] }, 2] })).toBe(
      'als het aantal antwoorden bij ‘Hulp bij’ 2 of meer is',
    );
  });

  it('reads some/none over a multiple choice', () => {
    expect(words({ some: [{ var: 'domeinen' }, { in: [{ var: '' }, ['vervoer', 'huishouden']] }] })).toBe(
      'als bij ‘Hulp bij’ minstens één is gekozen van: ‘Vervoer’ of ‘Huishouden’',
    );
  });

  it('says always/never for constant rules', () => {
    expect(words(true)).toBe('altijd');
    expect(words(false)).toBe('nooit');
  });

  it('shows what it cannot translate as the rule itself, and reports it as a gap', () => {
    const rule = { '==': [{ '+': [{ var: 'uren' }, { var: 'leeftijd' }] }, 40] };
    const t = translateCondition(rule, tree);
    expect(t.words).toBe(`als de regel \`${JSON.stringify(rule)}\` klopt`);
    expect(t.gaps).toEqual([JSON.stringify(rule)]);
    expect(translateCondition({ var: 'netwerk' }, tree).gaps).toEqual([]);
  });
});

describe('joinList', () => {
  it('writes Dutch lists', () => {
    expect(joinList(['a'], 'en')).toBe('a');
    expect(joinList(['a', 'b', 'c'], 'of')).toBe('a, b of c');
  });
});

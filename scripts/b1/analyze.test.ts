import { describe, expect, it } from 'vitest';
import { analyzeDocument } from './analyze.js';
import { collectTexts } from './collect.js';
import { loadLists } from './lists.js';

const lists = loadLists();

const tree = {
  id: 'proef',
  title: { nl: 'Proef', en: 'Test' },
  nodes: {
    vraag: {
      kind: 'question',
      text: { nl: 'Heeft u hulp nodig bij het huishouden?', en: 'Do you need help?' },
      staff: { nl: 'Vraag of de beller een indicatie heeft.', en: 'Ask.' },
      input: { type: 'yesno' },
      next: { routes: [{ when: { var: 'vraag' }, to: 'klaar' }], otherwise: 'klaar' },
    },
    klaar: { kind: 'end', text: { nl: 'Bel 14 023. De gemeente helpt je verder.', en: 'Call.' } },
  },
};

describe('collectTexts', () => {
  it('finds every nl string with its pointer and audience, and no rules', () => {
    expect(collectTexts(tree)).toEqual([
      { pointer: '/title/nl', text: 'Proef', audience: 'resident' },
      { pointer: '/nodes/vraag/text/nl', text: 'Heeft u hulp nodig bij het huishouden?', audience: 'resident' },
      { pointer: '/nodes/vraag/staff/nl', text: 'Vraag of de beller een indicatie heeft.', audience: 'staff' },
      { pointer: '/nodes/klaar/text/nl', text: 'Bel 14 023. De gemeente helpt je verder.', audience: 'resident' },
    ]);
  });
});

describe('analyzeDocument', () => {
  const report = analyzeDocument('demo/proef', 'Proef', tree, lists);

  it('reports resident findings with their severity and staff findings as info', () => {
    expect(report.findings.map((f) => [f.severity, f.code, f.pointer])).toEqual([
      ['error', 'formal-address', '/nodes/vraag/text/nl'],
      ['info', 'jargon', '/nodes/vraag/staff/nl'],
    ]);
  });

  it('counts texts, sentences and words of resident texts only', () => {
    expect(report.texts).toBe(3);
    expect(report.staffTexts).toBe(1);
    // "Proef" (1) + "Heeft u hulp nodig bij het huishouden?" (7) + "Bel 14 023." (3) + "De gemeente helpt je verder." (5)
    expect(report.stats).toMatchObject({ sentences: 4, words: 16 });
    expect(report.score).not.toBeNull();
  });

  it('lists the longest sentences first, with their pointer', () => {
    expect(report.longest[0]).toMatchObject({ pointer: '/nodes/vraag/text/nl', text: 'Heeft u hulp nodig bij het huishouden?' });
  });
});

describe('the word lists', () => {
  it('give every allowed long word a reason and every jargon term a plain alternative', () => {
    expect(lists.allowedWords.length).toBeGreaterThan(0);
    for (const w of lists.allowedWords) expect(w.reason.length).toBeGreaterThanOrEqual(10);
    for (const t of lists.jargon) expect(t.plain).not.toBe('');
  });

  it('hold no allowed word that would pass anyway (15 letters or fewer, plural included)', () => {
    for (const w of lists.allowedWords) expect(`${w.word}s`.length, w.word).toBeGreaterThan(15);
  });
});

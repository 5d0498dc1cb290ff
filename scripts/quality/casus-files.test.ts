import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casusProblems } from './check-casus.js';
import { loadCasusBank, type CasusBank } from './load.js';

const bank = await loadCasusBank(resolve('trees/haarlem'));

describe('the Haarlem casus bank (trees/haarlem/casus)', () => {
  it('validates against the casus schema and has at least 40 cases', () => {
    expect(bank.problems.filter((p) => p.code.startsWith('casus-'))).toEqual([]);
    expect(bank.cases.length).toBeGreaterThanOrEqual(40);
  });

  it('names only questions, options, services and items that exist, or lists the service as missing', () => {
    expect(casusProblems(bank)).toEqual([]);
  });

  it('covers every door, Dutch and English, self and someone else, young, middle-aged and old', () => {
    const all = bank.cases.map((c) => c.casus);
    expect(new Set(all.map((c) => c.door))).toEqual(new Set(['oplossing', 'helpen', 'zorgen', 'spoed']));
    expect(new Set(all.flatMap((c) => c.answerSets.map((s) => s.language)))).toEqual(new Set(['nl', 'en']));
    expect(new Set(all.map((c) => c.who))).toEqual(new Set(['self', 'other']));
    expect(new Set(all.map((c) => c.age))).toEqual(new Set(['jong', 'midden', 'oud']));
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining(['els', 'de-jong', 'baioumi']));
  });

  it('covers every life domain of domain.md, temporary and lasting, urgent and not, and several domains at once', () => {
    const all = bank.cases.map((c) => c.casus);
    const domains = ['huishouden', 'vervoer', 'ontmoeten', 'geld', 'werk', 'opvoeden', 'mantelzorg', 'wonen', 'gezondheid', 'taal'];
    expect([...new Set(all.flatMap((c) => c.domains))]).toEqual(expect.arrayContaining(domains));
    expect(new Set(all.map((c) => c.duration))).toEqual(new Set(['tijdelijk', 'blijvend', 'eenmalig']));
    expect(new Set(all.map((c) => c.urgent))).toEqual(new Set([true, false]));
    expect(all.filter((c) => c.domains.length >= 3).length).toBeGreaterThanOrEqual(5);
  });

  it('gives most cases two or more answer sets', () => {
    const all = bank.cases.map((c) => c.casus);
    expect(all.filter((c) => c.answerSets.length >= 2).length / all.length).toBeGreaterThan(0.5);
  });
});

describe('casusProblems', () => {
  // A copy of the first case with one typo of each kind.
  const broken = (): CasusBank => {
    const { file, tree, casus } = bank.cases[0]!;
    const set = casus.answerSets[0]!;
    const typo = {
      ...casus,
      expect: [...casus.expect, 'service:schuldhulpp' as const, 'item:geld/bestaat-niet' as const],
      missingServices: ['buuv'],
      answerSets: [{ ...set, answers: { ...set.answers, 'geld.watt': ['schulden'], 'start.deur': 'nergens' } }],
    };
    return {
      ...bank,
      cases: [
        { file, tree, casus: typo },
        { file, tree, casus: typo },
      ],
    };
  };

  it('catches a misspelt service, item, question and option, a stale missingServices entry and a reused case id', () => {
    const problems = casusProblems(broken());
    const id = bank.cases[0]!.casus.id;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('service:schuldhulpp is not in services.json'),
        expect.stringContaining('item:geld/bestaat-niet names no advice item'),
        expect.stringContaining('missingServices lists "buuv", which services.json now has'),
        expect.stringContaining('"geld.watt" is no question'),
        expect.stringContaining('"start.deur" = "nergens": "nergens" is not an option here'),
        expect.stringContaining(`${id}: case id used twice`),
      ]),
    );
  });
});

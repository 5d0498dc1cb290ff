import { describe, expect, it } from 'vitest';
import type { FlatNode } from '../../engine/compile/flat-graph.js';
import { demo } from '../../test/support/bundles.js';
import { answerKey, walkAnswerSet } from './walk.js';

const compiled = demo().compiled('start');
const set = (answers: Record<string, unknown>) => ({ id: 's', language: 'nl' as const, answers });

describe('walkAnswerSet', () => {
  it('answers each question by "<tree>.<question>", counts question and info screens, and returns the plan', () => {
    const walk = walkAnswerSet(
      compiled,
      set({ 'start.deur': 'oplossing', 'oplossing.domeinen': ['huishouden'], 'oplossing.leeftijd': 80, 'huishouden.zelf': false }),
    );
    expect(walk).toMatchObject({ done: true, screens: 5 });
    expect(walk.stopped).toBeUndefined();
    expect(walk.plan.map((p) => p.id)).toEqual(['huishouden/buurthuis', 'oplossing/huisbezoek']);
    expect(walk.plan[0]).toMatchObject({ layer: 'informeel', services: ['buurthuis'] });
  });

  it('stops where the set gives no answer and says at which question', () => {
    const walk = walkAnswerSet(compiled, set({ 'start.deur': 'oplossing', 'oplossing.domeinen': ['vervoer'] }));
    expect(walk).toMatchObject({ done: false, screens: 2, stopped: 'answer set incomplete at oplossing.leeftijd' });
  });

  it('stops where the engine refuses an answer, with the engine’s reason', () => {
    const walk = walkAnswerSet(compiled, set({ 'start.deur': 'achterdeur' }));
    expect(walk.done).toBe(false);
    expect(walk.stopped).toMatch(/^answer "achterdeur" refused at start.deur: "achterdeur" is not an option here/);
  });
});

describe('answerKey', () => {
  it('uses the stored key of a profile question and "<tree>.<local id>" otherwise', () => {
    const node = { id: 'naar-oplossing/leeftijd', treeId: 'oplossing', local: 'leeftijd' } as FlatNode;
    expect(answerKey(node)).toBe('oplossing.leeftijd');
    expect(answerKey({ ...node, answer: 'profile.leeftijd' } as FlatNode)).toBe('profile.leeftijd');
  });
});

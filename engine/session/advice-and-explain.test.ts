import { describe, expect, it } from 'vitest';
import { demo, walkTo as walk } from '../../test/support/bundles.js';
import { advice, explain, present, start, trail } from '../index.js';

const compiled = demo().compiled('start');
const walkTo = (steps: [string, unknown][]) => walk(compiled, steps);
const els = walkTo([
  ['deur', 'oplossing'],
  ['naar-oplossing/domeinen', ['vervoer', 'huishouden']],
  ['naar-oplossing/leeftijd', 80],
  ['naar-oplossing/uitleg', null],
  ['naar-oplossing/elk/vervoer/zelf', false],
  ['naar-oplossing/elk/huishouden/zelf', true],
]);

describe('advice', () => {
  it('orders the plan by the pyramid, whatever order the sub-flows added it in', () => {
    // vervoer (visited first) added informal help; huishouden added eigen kracht after it.
    expect(els.plan.map((p) => p.item.layer)).toEqual(['informeel', 'eigen-kracht', 'algemeen']);
    expect(advice(compiled, els).map((i) => i.layer)).toEqual(['eigen-kracht', 'informeel', 'algemeen']);
  });

  it('attaches the services from the sociale kaart and speaks the asked language', () => {
    const [first] = advice(compiled, els, 'en');
    expect(first!.title).toBe('Ask people close to you (huishouden)');
    expect(first!.services.map((s) => s.id)).toEqual(['buurthuis']);
  });
});

describe('explain', () => {
  it('names the answers that led to each item, and not those of other life domains', () => {
    const why = explain(compiled, els);
    const vervoer = why.find((w) => w.item === 'vervoer/buurthuis')!;
    expect(vervoer.why).toBe('Niemand kan helpen.');
    expect(vervoer.because.map((b) => `${b.question}: ${b.answer}`)).toEqual([
      'Wat wil je doen?: Ik zoek een oplossing',
      'Hulp bij: Vervoer, Huishouden',
      'Hulp van je omgeving: Nee',
    ]);
    const visit = why.find((w) => w.item === 'oplossing/huisbezoek')!;
    expect(visit.because.map((b) => b.answer)).toContain('80 jaar');
    expect(visit.because.map((b) => b.node)).not.toContain('naar-oplossing/elk/vervoer/zelf');
  });
});

describe('present and trail', () => {
  it('shows the current question with localized options and progress', () => {
    const step = present(compiled, start(compiled), 'en');
    expect(step).toMatchObject({ id: 'deur', kind: 'question', text: 'What do you want to do?', canGoBack: false });
    expect(step.input).toEqual({
      type: 'single',
      options: [
        { value: 'oplossing', label: 'I look for a solution' },
        { value: 'helpen', label: 'I want to help' },
      ],
    });
    expect(step.progress.done).toBe(0);
  });

  it('reads every answer back in words, with its channel', () => {
    expect(trail(compiled, els).map((e) => e.answer)).toEqual([
      'Ik zoek een oplossing',
      'Vervoer, Huishouden',
      '80 jaar',
      'Gelezen',
      'Nee',
      'Ja',
    ]);
  });
});

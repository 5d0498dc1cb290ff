import { describe, expect, it } from 'vitest';
import type { Casus } from './casus-schema.js';
import { scorePlan, type QualityItem } from './score.js';

const item = (id: string, layer: string, services: string[], text = '', section?: string): QualityItem => ({
  id,
  layer,
  services,
  text,
  ...(section ? { section } : {}),
});

// A rent-arrears household: schuldhulp belongs in doe-dit-eerst, eigen kracht before maatwerk, no 112.
const casus: Pick<Casus, 'expect' | 'order' | 'forbid'> = {
  expect: [
    { ref: 'service:schuldhulp', section: 'doe-dit-eerst' },
    'layer:eigen-kracht',
    { ref: 'service:woningcorporatie', first: true },
    'service:haarlempas',
  ],
  order: [['layer:eigen-kracht', 'layer:maatwerk']],
  forbid: [
    { ref: 'service:alarmnummer-112', why: 'geen gevaar' },
    { ref: 'text:je krijgt hulp', why: 'belofte' },
  ],
};

describe('scorePlan', () => {
  it('counts every expected element present and nothing broken in a plan that follows the casus', () => {
    const plan = [
      item('geld/verhuurder', 'algemeen', ['woningcorporatie', 'schuldhulp'], 'Bel je verhuurder vandaag.', 'doe-dit-eerst'),
      item('geld/zelf', 'eigen-kracht', [], 'Vraag iemand die je vertrouwt.', 'pyramid'),
      item('geld/pas', 'algemeen', ['haarlempas'], '', 'pyramid'),
      item('geld/wmo', 'maatwerk', ['wmo-loket'], 'De gemeente beslist.', 'pyramid'),
    ];
    const score = scorePlan(casus, plan);
    expect(score).toEqual({ expected: 4, present: 4, missing: [], violations: [], forbidden: [], items: 4, repeatedServices: 0 });
  });

  it('reports a missing element and still scores the others', () => {
    const score = scorePlan(casus, [item('a/b', 'eigen-kracht', ['woningcorporatie', 'schuldhulp'], '', 'doe-dit-eerst')]);
    expect(score.present).toBe(3);
    expect(score.missing).toEqual(['service:haarlempas']);
  });

  it('breaks a doe-dit-eerst constraint when the plan has no sections, even if the service is shown', () => {
    const plan = [item('a/woning', 'algemeen', ['woningcorporatie']), item('a/schuld', 'algemeen', ['schuldhulp'])];
    const score = scorePlan(casus, plan);
    expect(score.missing).not.toContain('service:schuldhulp');
    expect(score.violations).toEqual(['service:schuldhulp is not in doe-dit-eerst (the plan has no sections)']);
  });

  it('breaks "first" when another item leads the plan', () => {
    const plan = [
      item('a/zelf', 'eigen-kracht', []),
      item('a/woning', 'algemeen', ['woningcorporatie', 'schuldhulp'], '', 'doe-dit-eerst'),
    ];
    expect(scorePlan(casus, plan).violations).toEqual(['service:woningcorporatie is not first (first: a/zelf)']);
  });

  it('breaks an order constraint only when both elements are shown and the second comes first', () => {
    const lead = item('a/w', 'algemeen', ['woningcorporatie', 'schuldhulp'], '', 'doe-dit-eerst');
    const wrong = scorePlan(casus, [lead, item('a/wmo', 'maatwerk', []), item('a/zelf', 'eigen-kracht', [])]);
    expect(wrong.violations).toEqual(['layer:eigen-kracht comes after layer:maatwerk']);
    const onlyOne = scorePlan(casus, [lead, item('a/wmo', 'maatwerk', [])]);
    expect(onlyOne.violations).toEqual([]);
  });

  it('lists forbidden services and forbidden wording (case-insensitive) that the plan shows', () => {
    const plan = [item('a/112', 'spoed', ['alarmnummer-112']), item('a/hbh', 'maatwerk', [], 'Dan JE KRIJGT HULP bij het huishouden.')];
    expect(scorePlan(casus, plan).forbidden).toEqual(['service:alarmnummer-112', 'text:je krijgt hulp']);
  });

  it('counts a service card shown on three items as repeated twice', () => {
    const plan = [item('a/1', 'algemeen', ['buuv']), item('a/2', 'informeel', ['buuv', 'tandem']), item('a/3', 'vangnet', ['buuv'])];
    expect(scorePlan(casus, plan).repeatedServices).toBe(2);
  });

  it('does not count a service as repeated where a later item only refers to the card an earlier item shows', () => {
    const plan = [item('a/1', 'algemeen', ['buuv']), { ...item('a/2', 'informeel', ['buuv', 'tandem']), cards: ['tandem'] }];
    const score = scorePlan({ ...casus, expect: ['service:buuv'] }, plan);
    expect(score.repeatedServices).toBe(0);
    expect(score.missing).toEqual([]);
  });

  it('scores an empty plan as nothing present, without constraint violations', () => {
    const score = scorePlan(casus, []);
    expect(score.present).toBe(0);
    expect(score.violations).toEqual([]);
  });
});

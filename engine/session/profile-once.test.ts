import { describe, expect, it } from 'vitest';
import { FIXTURES, readInput, walkTo as walk } from '../../test/support/bundles.js';
import { advice, answer, back, compile, explain, present, replay, revise, start, trail, verifyBundle, type SessionView } from '../index.js';

// test/fixtures/profile: start asks the domains, then an `each` visits vervoer and huishouden,
// which both read profile.leeftijd (casus Els: two domains, one age); texts follow voor-wie.
const bundle = verifyBundle(readInput(`${FIXTURES}profile`));
const compiled = compile(bundle.graphs.get('start')!, bundle.services);
const at = '2026-12-04T10:00:00.000Z';
const walkTo = (steps: [string, unknown][]) => walk(compiled, steps);
const profileAsks = (view: SessionView) => view.record.log.map((e) => compiled.graph.nodes.get(e.node)!.answer).filter(Boolean);

/** Els: for her mother, 80, transport and household; nothing is temporary. */
const els: [string, unknown][] = [
  ['domeinen', ['vervoer', 'huishouden']],
  ['elk/vervoer/zelf~voor-wie', 'naaste'],
  ['elk/vervoer/zelf', false],
  ['elk/vervoer/zelf~r1~leeftijd', 80],
  ['elk/huishouden/hoe-lang~tijdelijk', false],
  ['elk/huishouden/schoon', false],
];

describe('a profile fact is asked the first time a path needs it, never twice', () => {
  it('verifies the fixture bundle without problems', () => expect(bundle.problems).toEqual([]));

  it('asks for whom and the age in the first domain, and not again in the second (Els)', () => {
    const view = walkTo(els);
    expect(view.done).toBe(true);
    expect(profileAsks(view)).toEqual(['profile.voor-wie', 'profile.leeftijd', 'profile.tijdelijk']);
    expect(view.answers).toMatchObject({ 'profile.voor-wie': 'naaste', 'profile.leeftijd': 80, 'profile.tijdelijk': false });
    // Both domains used the one age: the over-75 advice of each is in the plan.
    expect(advice(compiled, view).map((i) => i.id)).toEqual(
      expect.arrayContaining(['vervoer/ouderenadviseur', 'huishouden/huisbezoek', 'start/loket']),
    );
  });

  it('asks nothing a path does not read: one domain without an age question', () => {
    const view = walkTo([
      ['domeinen', ['huishouden']],
      ['elk/huishouden/hoe-lang~voor-wie', 'zelf'],
      ['elk/huishouden/hoe-lang~tijdelijk', true],
    ]);
    expect(view.done).toBe(true);
    expect(view.answers).not.toHaveProperty('profile.leeftijd');
    expect(advice(compiled, view).map((i) => i.id)).toContain('huishouden/tijdelijke-hulp');
  });

  it('keeps answered facts when another channel resumes: the replayed log skips their questions', () => {
    const web = walkTo(els.slice(0, 4));
    const phone = replay(compiled, web.record);
    expect(phone.ok).toBe(true);
    if (!phone.ok) return;
    expect(phone.value.node.id).toBe('elk/huishouden/hoe-lang~tijdelijk');
    const steps: [string, unknown][] = [
      ['elk/huishouden/hoe-lang~tijdelijk', false],
      ['elk/huishouden/schoon', false],
    ];
    let view = phone.value;
    for (const [node, value] of steps) {
      const r = answer(compiled, view, { node, value, at, channel: 'telefoon' });
      if (!r.ok) throw new Error(`${node}: ${r.error.message}`);
      view = r.value;
    }
    expect(view.done).toBe(true);
    expect(profileAsks(view)).toEqual(['profile.voor-wie', 'profile.leeftijd', 'profile.tijdelijk']);
    expect(trail(compiled, view).map((e) => e.channel)).toEqual(['web', 'web', 'web', 'web', 'telefoon', 'telefoon']);
  });
});

describe('back and revise of a profile answer', () => {
  it('back from the age returns to the age question, and the age is gone', () => {
    const r = back(compiled, walkTo(els.slice(0, 4)));
    expect(r.ok && r.value.node.id).toBe('elk/vervoer/zelf~r1~leeftijd');
    expect(r.ok && r.value.answers).not.toHaveProperty('profile.leeftijd');
  });

  it('revising the age re-derives both domains, as a fresh walk with the new age would', () => {
    const r = revise(compiled, walkTo(els), { node: 'elk/vervoer/zelf~r1~leeftijd', value: 40, at, channel: 'web' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const fresh = walkTo(els.map(([n, v]) => [n, n.endsWith('~leeftijd') ? 40 : v]));
    expect(r.value.node.id).toBe(fresh.node.id);
    expect(r.value.answers).toEqual(fresh.answers);
    expect(advice(compiled, r.value)).toEqual(advice(compiled, fresh));
    expect(advice(compiled, r.value).map((i) => i.id)).not.toContain('vervoer/ouderenadviseur');
  });

  it('keeps the facts when a revised earlier answer moves where they are first needed', () => {
    // Without transport, for-whom and age are first needed in the household domain: not asked again.
    const r = revise(compiled, walkTo(els), { node: 'domeinen', value: ['huishouden'], at, channel: 'web' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.done).toBe(true);
    expect(r.value.answers).toMatchObject({ 'profile.voor-wie': 'naaste', 'profile.leeftijd': 80, 'profile.tijdelijk': false });
    expect(r.value.record.log.map((e) => e.node)).toEqual([
      'domeinen',
      'elk/huishouden/hoe-lang~voor-wie',
      'elk/huishouden/hoe-lang~tijdelijk',
      'elk/huishouden/schoon',
      'elk/huishouden/schoon~r1~leeftijd',
    ]);
  });
});

describe('texts for the person it is about', () => {
  it('speaks to the asker about the other person once they said the help is for someone else', () => {
    expect(present(compiled, walkTo(els.slice(0, 2))).text).toBe('Kan de persoon zelf nog fietsen of de bus nemen?');
    const other = walkTo(els.slice(0, 3));
    expect(present(compiled, other).text).toBe('Hoe oud is de persoon voor wie je hulp zoekt?');
    expect(present(compiled, other, 'en').staff).toBe('Ask how old the person concerned is.');
    const self = walkTo([els[0]!, ['elk/vervoer/zelf~voor-wie', 'zelf'], els[2]!]);
    expect(present(compiled, self).text).toBe('Hoe oud ben je?');
    expect(present(compiled, self).staff).toBe('Vraag de leeftijd van de beller.');
  });

  it('words answer options for the audience, in the question and when read back', () => {
    const input = readInput(`${FIXTURES}profile`);
    const huishouden = input.trees.find((t) => t.name === 'huishouden')!.json as Record<string, any>;
    const t = (nl: string) => ({ nl, en: nl });
    huishouden.nodes.schoon.input = {
      type: 'single',
      options: [
        { value: 'lukt', label: { self: t('Ja, dat lukt me'), other: t('Ja, dat lukt haar of hem') } },
        { value: 'lukt-niet', label: t('Nee') },
      ],
    };
    huishouden.nodes.schoon.next.routes[0].when = { '==': [{ var: 'schoon' }, 'lukt'] };
    huishouden.profile.push('voor-wie');
    // A changed tree is a new version (compiled trees are cached by version).
    huishouden.version = '1.1.0';
    const b = verifyBundle(input);
    expect(b.problems).toEqual([]);
    const c = compile(b.graphs.get('start')!, b.services);
    const view = walk(c, [
      ['domeinen', ['huishouden']],
      ['elk/huishouden/hoe-lang~voor-wie', 'naaste'],
      ['elk/huishouden/hoe-lang~tijdelijk', false],
    ]);
    expect(view.node.id).toBe('elk/huishouden/schoon');
    const shown = present(c, view).input as { options: { label: string }[] };
    expect(shown.options.map((o) => o.label)).toEqual(['Ja, dat lukt haar of hem', 'Nee']);
    const r = answer(c, view, { node: 'elk/huishouden/schoon', value: 'lukt', at, channel: 'web' });
    expect(r.ok && trail(c, r.value).at(-1)!.answer).toBe('Ja, dat lukt haar of hem');
  });

  it('words the plan for the audience too', () => {
    const plan = advice(compiled, walkTo(els));
    expect(plan.find((i) => i.id === 'start/loket')!.title).toBe('Kom je er samen niet uit? Bel het loket');
  });

  it('explains advice with the profile answers that led to it', () => {
    const why = explain(compiled, walkTo(els));
    const visit = why.find((w) => w.item === 'huishouden/huisbezoek')!;
    expect(visit.because.map((b) => `${b.question}: ${b.answer}`)).toContain('Leeftijd: 80 jaar');
    expect(visit.because.find((b) => b.question === 'Leeftijd')!.node).toBe('elk/vervoer/zelf~r1~leeftijd');
  });

  it('starts at the first resident question; no gate is shown', () => {
    expect(start(compiled).node.id).toBe('domeinen');
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, walkTo } from '../../test/support/bundles.js';
import { advice } from '../session/advice.js';
import { compile } from '../compile/compile.js';
import { verifyBundle, type BundleInput } from './verify-bundle.js';

// The plan fixture (test/fixtures/plan): "hulp" (layered items with conditions, a sub-flow "geld"),
// "zorgen" (the concern door) and five invariants taken from the seeds and Veilig Thuis.
const DIR = join(FIXTURES, 'plan');
type Json = Record<string, any>;
function fixture(edit?: (files: Record<string, Json>) => void): BundleInput {
  const files: Record<string, Json> = {};
  for (const f of readdirSync(DIR).filter((f) => f.endsWith('.json')))
    files[f.slice(0, -5)] = JSON.parse(readFileSync(join(DIR, f), 'utf8'));
  edit?.(files);
  const { services, invariants, ...trees } = files;
  return {
    gemeente: 'plan',
    trees: Object.entries(trees).map(([name, json]) => ({ name, json })),
    services,
    invariants: invariants ?? null,
  };
}
const item = (tree: Json, node: string, id: string) => tree.nodes[node].items.find((i: Json) => i.id === id);
const codes = (input: BundleInput) => verifyBundle(input).problems.map((p) => p.code);

describe('policy invariants', () => {
  it('a proof that cannot finish within its budget refuses the root tree (never served on a partial proof)', () => {
    // 10 states: the "hulp" door needs more to be proved, the small "zorgen" door does not.
    const bundle = verifyBundle(fixture(), { limits: { maxProofStates: 10 } });
    const partial = bundle.problems.filter((p) => p.code === 'invariants-not-exhaustive');
    expect(partial.map((p) => [p.severity, p.message.match(/root tree "(\w+)"/)?.[1]])).toEqual([['error', 'hulp']]);
    expect(partial[0]!.message).toContain('VERIFY_MAX_PROOF_STATES');
    expect(bundle.graphs.has('hulp')).toBe(false);
    expect(bundle.graphs.has('zorgen')).toBe(true);
    expect(bundle.invariants.every((i) => !i.held)).toBe(true);
  });

  it('all five hold on every path of both root trees of the fixture, and the bundle is clean', () => {
    const bundle = verifyBundle(fixture());
    expect(bundle.problems).toEqual([]);
    expect(bundle.invariants.map((i) => [i.id, i.held, i.trees])).toEqual([
      ['kind-veilig-thuis-eerst', true, ['hulp', 'zorgen']],
      ['huur-schuldhulp-eerst', true, ['hulp', 'zorgen']],
      ['maatwerk-na-eigen-kracht', true, ['hulp', 'zorgen']],
      ['omgeving-kan-alles-geen-maatwerk', true, ['hulp', 'zorgen']],
      ['altijd-een-mens', true, ['hulp', 'zorgen']],
    ]);
  });

  it('a tree that breaks one is refused, with the breaking path in the resident’s words and the plan it got', () => {
    // Without its urgency, Veilig Thuis drops below "see what you can do yourself".
    const bundle = verifyBundle(
      fixture((f) => {
        delete item(f.zorgen!, 'melden', 'veilig-thuis').urgency;
        delete item(f.zorgen!, 'melden', 'veilig-thuis').urgentWhy;
      }),
    );
    const [broken, ...others] = bundle.problems.filter((p) => p.code === 'invariant-violated');
    expect(others).toEqual([]);
    expect(broken).toMatchObject({ severity: 'error', where: 'plan/invariants.json', pointer: '/invariants/0' });
    expect(broken!.message).toContain('"Bij geweld of letsel bij een kind is Veilig Thuis het eerste advies"');
    expect(broken!.message).toContain('    Direct gevaar → Nee\n    Gezien → Geweld of letsel bij een kind\n  The plan it got:');
    expect(broken!.message).toContain('1. Kijk wat jij kunt doen (zorgen/eigen-netwerk; pyramid, eigen-kracht)');
    expect(broken!.message).toContain('2. Bel Veilig Thuis (zorgen/veilig-thuis; pyramid, algemeen)');
    expect(bundle.graphs.has('zorgen')).toBe(false);
    expect(bundle.graphs.has('hulp')).toBe(true);
    expect(bundle.invariants.find((i) => i.id === 'kind-veilig-thuis-eerst')!.held).toBe(false);
  });

  it('names the shortest breaking path, not the first one a depth-first walk meets', () => {
    // "Veilig Thuis in every plan" breaks on the 1-answer spoed path and on 2-answer paths.
    const bundle = verifyBundle(
      fixture((f) => {
        f.invariants!.invariants = [
          {
            id: 'altijd-vt',
            title: 'Altijd Veilig Thuis',
            sources: [{ seed: '001', lines: '1279-1297' }],
            assert: [{ is: 'present', service: 'veilig-thuis' }],
          },
        ];
      }),
    );
    const zorgen = bundle.problems.find((p) => p.code === 'invariant-violated' && p.message.includes('tree "zorgen"'))!;
    expect(zorgen.message).toMatch(
      /Shortest path that breaks it:\n {4}Direct gevaar → Ja\n {2}The plan it got:\n {4}1\. Bel 112 \(zorgen\/bel-112; spoed, spoed\)/,
    );
  });

  it('"preceded" checks the composed order: maatwerk needs eigen kracht and informal or general help before it', () => {
    const input = fixture((f) => {
      // Only where the network can do nothing, and then without any informal or general item.
      const plan = f.hulp!.nodes.plan;
      plan.items = plan.items.filter((i: Json) => i.id !== 'buurt');
      for (const i of plan.items)
        if (['schuldhulp', 'valpreventie'].includes(i.id)) i.when = { and: [i.when, { '!=': [{ var: 'netwerk' }, 'niets'] }] };
    });
    const broken = verifyBundle(input).problems.filter((p) => p.code === 'invariant-violated');
    // Taking schuldhulp out for "niets" breaks the rent rule too; the order rule is the one looked at here.
    expect(broken.map((p) => p.pointer)).toEqual(['/invariants/1', '/invariants/2']);
    const order = broken.find((p) => p.pointer === '/invariants/2')!;
    expect(order.message).toContain('(maatwerk-na-eigen-kracht,');
    expect(order.message).toMatch(
      /Hulp van je omgeving → Niets\n(.*\n){3} {2}The plan it got:\n {4}1\. Vraag je omgeving om hulp .*\n {4}2\. Meld je voor hulp op maat/,
    );
  });

  it('"preceded" alone still sees "Doe dit eerst" when the layer it orders has an urgent item', () => {
    // Only the order rule: "Doe dit eerst" is then tracked only because the maatwerk item is urgent,
    // which lifts it above the eigen-kracht item it must follow.
    const only = (f: Record<string, Json>) =>
      (f.invariants!.invariants = f.invariants!.invariants.filter((i: Json) => i.id === 'maatwerk-na-eigen-kracht'));
    expect(verifyBundle(fixture(only)).problems).toEqual([]);
    const urgent = fixture((f) => {
      only(f);
      item(f.hulp!, 'plan', 'wmo').urgency = 'today';
      item(f.hulp!, 'plan', 'wmo').urgentWhy = { nl: 'Het kan niet wachten.', en: 'It cannot wait.' };
    });
    const broken = verifyBundle(urgent).problems.filter((p) => p.code === 'invariant-violated');
    expect(broken.map((p) => p.message.match(/\((maatwerk-na-eigen-kracht),/)?.[1])).toEqual(['maatwerk-na-eigen-kracht']);
  });

  it('an unknown name in an invariant is an error, not a rule that holds vacuously', () => {
    const input = fixture((f) => {
      f.invariants!.invariants[0].when = { '==': [{ var: 'zorgen.onbekend' }, 'x'] };
      f.invariants!.invariants[1].assert = [{ is: 'present', item: 'hulp/bestaat-niet' }];
    });
    const problems = verifyBundle(input).problems.filter((p) => p.code === 'invariant-unknown-name');
    expect(problems.map((p) => p.pointer)).toEqual(['/invariants/0/when', '/invariants/1/assert/0/item']);
    expect(problems[0]!.message).toContain('"<tree>.<question>"');
  });

  it('an invariant without a source is refused by the schema', () => {
    const input = fixture((f) => (f.invariants!.invariants[0].sources = []));
    expect(verifyBundle(input).problems.find((p) => p.where === 'plan/invariants.json')?.message).toContain(
      'name the policy line or public page',
    );
  });

  it('a condition may read profile facts ("profile.<fact>"); unanswered, they read as null', () => {
    const input = fixture(
      (f) =>
        (f.invariants!.invariants[3].when = { and: [{ '==': [{ var: 'hulp.netwerk' }, 'alles'] }, { '!': { var: 'profile.tijdelijk' } }] }),
    );
    expect(verifyBundle(input).problems).toEqual([]);
  });
});

describe('conditional advice items', () => {
  const bundle = verifyBundle(fixture());
  const hulp = compile(bundle.graphs.get('hulp')!, bundle.services);

  it('one advice node holds the layered items of a need; the answers choose which are shown', () => {
    const some = walkTo(hulp, [
      ['netwerk', 'soms'],
      ['huur', false],
      ['val', false],
      ['geld/schulden', false],
    ]);
    expect(advice(hulp, some).map((i) => `${i.section}:${i.id}`)).toEqual([
      'pyramid:hulp/omgeving-vragen',
      'pyramid:hulp/samen-plan',
      'pyramid:hulp/buurt',
      'vangnet:hulp/loket',
    ]);
  });

  it('eviction risk and a fall go on top with their reason; one vangnet, each card once', () => {
    const view = walkTo(hulp, [
      ['netwerk', 'niets'],
      ['huur', true],
      ['val', true],
      ['geld/schulden', true],
    ]);
    const plan = advice(hulp, view);
    expect(plan.map((i) => `${i.section}:${i.id}`)).toEqual([
      'doe-dit-eerst:hulp/schuldhulp',
      'doe-dit-eerst:hulp/valpreventie',
      'pyramid:hulp/omgeving-vragen',
      'pyramid:hulp/buurt',
      'pyramid:geld/schuldhulp',
      'pyramid:hulp/wmo',
      'vangnet:hulp/loket',
    ]);
    expect(plan[0]!.urgentWhy).toBe('Een huurachterstand kan snel groter worden. Wacht niet.');
    expect(plan.find((i) => i.id === 'geld/schuldhulp')!.cardAt).toEqual({ schuldhulp: 'hulp/schuldhulp' });
    expect(plan.at(-1)!.cardAt).toEqual({ loket: 'hulp/valpreventie' });
    expect(plan.at(-1)!.from).toEqual(['plan', 'geld/geld-advies']);
  });

  it('an item whose condition fails is no safety net: a path without a human contact is an error', () => {
    const input = fixture((f) => {
      const melden = f.zorgen!.nodes.melden;
      melden.items = melden.items.filter((i: Json) => !['loket', 'zorgmelding', 'ouderen-bezoek'].includes(i.id));
      f.invariants = undefined as never;
    });
    expect(codes(input)).toContain('no-safety-net');
  });
});

describe('option-inert', () => {
  // "eenzaam" gets the same report as "verwaarlozing": the question tells them apart for nothing.
  const same = (f: Record<string, Json>) => {
    const melden = f.zorgen!.nodes.melden;
    melden.items = melden.items.filter((i: Json) => i.id !== 'ouderen-bezoek');
    item(f.zorgen!, 'melden', 'zorgmelding').when = { in: [{ var: 'gezien' }, ['verwaarlozing', 'eenzaam']] };
  };

  it('warns about an option that leads to the same plan as another on every path', () => {
    const warning = verifyBundle(fixture(same)).problems.find((p) => p.code === 'option-inert')!;
    expect(warning).toMatchObject({ severity: 'warning', where: 'plan/zorgen', pointer: '/nodes/gezien/input/options/2' });
    expect(warning.message).toContain('Option "eenzaam" of question "gezien" leads to the same plan as "verwaarlozing"');
  });

  it('is silent where the tree marks the option as intended ("inert": true)', () => {
    const input = fixture((f) => {
      same(f);
      f.zorgen!.nodes.gezien.input.options[2].inert = true;
    });
    expect(codes(input)).not.toContain('option-inert');
  });

  it('does not flag options a later condition tells apart, nor a question whose answer matters nowhere (answer-unused)', () => {
    // netwerk: alles/soms/niets each change the plan; "huur" and "val" are yes/no.
    expect(codes(fixture())).not.toContain('option-inert');
    const input = fixture((f) => {
      for (const i of f.hulp!.nodes.plan.items) delete i.when;
      delete f.invariants!.invariants[3].when;
      f.invariants!.invariants = [];
    });
    expect(codes(input)).not.toContain('option-inert');
  });
});

describe('item-never-shown', () => {
  it('warns about a conditional item whose condition holds on no path', () => {
    const input = fixture((f) => (item(f.hulp!, 'plan', 'samen-plan').when = { '==': [{ var: 'netwerk' }, 'bestaat-niet'] }));
    const warning = verifyBundle(input).problems.find((p) => p.code === 'item-never-shown')!;
    expect(warning).toMatchObject({ severity: 'warning', where: 'plan/hulp', pointer: '/nodes/plan/items/1/when' });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readInput } from '../../test/support/bundles.js';
import { flatten } from '../compile/flatten.js';
import { verifyBundle, type BundleInput, type Problem } from '../index.js';
import { explore } from './explore.js';

const DIR = join(FIXTURES, 'profile');
const file = (name: string): Record<string, any> => JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8'));

/** The fixture bundle with some files replaced. */
function bundleWith(changes: Record<string, Record<string, any>>): BundleInput {
  const input = readInput(DIR);
  const { profile, ...trees } = changes;
  return {
    ...input,
    ...(profile ? { profile } : {}),
    trees: input.trees.map((t) => (trees[t.name] ? { name: t.name, json: trees[t.name] } : t)),
  };
}
const problemsOf = (input: BundleInput) => verifyBundle(input).problems;
const codes = (problems: Problem[]) => problems.map((p) => `${p.severity} ${p.code} ${p.where}#${p.pointer}`);

describe('reading profile facts', () => {
  it('refuses a read of a fact the tree does not declare, and says how to declare it', () => {
    const vervoer = file('vervoer');
    vervoer.profile = ['voor-wie'];
    const bundle = verifyBundle(bundleWith({ vervoer }));
    const p = bundle.problems.find((x) => x.code === 'profile-undeclared')!;
    expect(p).toMatchObject({ severity: 'error', where: 'profile/vervoer', pointer: '/nodes/zelf/next/routes/1/when' });
    expect(p.message).toContain('Add "leeftijd" to its "profile" list');
    expect(bundle.graphs.has('vervoer')).toBe(false);
    expect(bundle.graphs.has('start')).toBe(false);
  });

  it('refuses a fact profile.json does not define, naming the known ones', () => {
    const huishouden = file('huishouden');
    huishouden.nodes['hoe-lang'].next.routes[0].when = { var: 'profile.tijdelyk' };
    huishouden.profile.push('tijdelyk');
    const problems = problemsOf(bundleWith({ huishouden }));
    expect(codes(problems)).toEqual(
      expect.arrayContaining([
        'error profile-unknown-fact profile/huishouden#/profile/2',
        'error profile-unknown-fact profile/huishouden#/nodes/hoe-lang/next/routes/0/when',
      ]),
    );
    expect(problems.find((p) => p.pointer === '/profile/2')!.message).toContain('Known facts: voor-wie, leeftijd, tijdelijk');
  });

  it('refuses profile facts in a municipality without profile.json', () => {
    const input = readInput(DIR);
    const problems = problemsOf({ ...input, profile: null });
    expect(problems.some((p) => p.code === 'profile-unknown-fact' && p.message.includes('no (valid) profile.json'))).toBe(true);
  });

  it('requires a tree with texts per audience to declare the audience fact', () => {
    const start = file('start');
    start.profile = [];
    const p = problemsOf(bundleWith({ start })).find((x) => x.code === 'profile-undeclared')!;
    expect(p).toMatchObject({ where: 'profile/start', pointer: '/nodes/afsluiting' });
    expect(p.message).toContain('Add "voor-wie"');
  });

  it('proves every fact is asked before it is read: a read without its gate is caught', () => {
    const input = readInput(DIR);
    const bundle = verifyBundle(input);
    const { graph } = flatten(bundle.trees, 'start', bundle.profile);
    expect(explore(graph!, bundle.services).unasked.size).toBe(0);
    // Take the age gate of the household domain away: its route then reads an unasked age.
    for (const n of graph!.nodes.values())
      for (const r of n.routes) if (r.to === 'elk/huishouden/schoon~r1~leeftijd~gate') r.to = 'elk/huishouden/schoon~r1';
    const found = explore(graph!, bundle.services);
    // Caught on arrival at the node (it needs the age) and at the route that reads it.
    expect([...found.unasked.entries()]).toEqual([
      ['/nodes/schoon@elk/huishouden/schoon~r1', ['profile.leeftijd']],
      ['/nodes/schoon/next/routes/1/when@elk/huishouden/schoon~r1', ['profile.leeftijd']],
    ]);
  });

  it('explores a sub-flow once per value of the facts it reads, and still finds every branch', () => {
    const bundle = verifyBundle(readInput(DIR));
    const found = bundle.explorations.get('start')!;
    // Age read in the household domain after transport asked it, and the over-75 branch there.
    for (const id of ['elk/huishouden/schoon~r1~leeftijd', 'elk/huishouden/hulp-ouder', 'elk/huishouden/hulp', 'elk/vervoer/ouder'])
      expect(found.reached).toContain(id);
    expect(found.complete).toBe(true);
  });
});

describe('profile.json', () => {
  it('requires the audience fact to be a single choice with "zelf"', () => {
    const profile = file('profile');
    profile.audienceFact = 'leeftijd';
    const p = problemsOf(bundleWith({ profile })).find((x) => x.code === 'audience-fact')!;
    expect(p).toMatchObject({ severity: 'error', where: 'profile/profile.json', pointer: '/audienceFact' });
  });

  it('reports schema errors with pointers into profile.json', () => {
    const profile = file('profile');
    delete profile.facts.leeftijd.input;
    const p = problemsOf(bundleWith({ profile })).find((x) => x.where === 'profile/profile.json')!;
    expect(p).toMatchObject({ code: 'schema', pointer: '/facts/leeftijd/input' });
  });
});

describe('audience variants', () => {
  it('needs both variants in every required language of a published tree', () => {
    const start = file('start');
    delete start.nodes.afsluiting.items[0].title.other.en;
    const p = problemsOf(bundleWith({ start })).find((x) => x.code === 'translation-missing')!;
    expect(p).toMatchObject({ severity: 'error', pointer: '/nodes/afsluiting/items/0/title/other' });
  });

  it('refuses a variant with only one audience', () => {
    const start = file('start');
    delete start.nodes.afsluiting.items[0].title.other;
    const bundle = verifyBundle(bundleWith({ start }));
    expect(bundle.problems.some((p) => p.code === 'schema' && p.pointer.startsWith('/nodes/afsluiting/items/0/title'))).toBe(true);
  });

  it('refuses a plain question that speaks to the person concerned where the asker may be someone else', () => {
    const huishouden = file('huishouden');
    huishouden.nodes.schoon.text = { nl: 'Lukt het schoonmaken zelf nog?', en: 'Can you still clean yourself?' };
    const bundle = verifyBundle(bundleWith({ huishouden }));
    const p = bundle.problems.find((x) => x.code === 'audience-variant-missing')!;
    expect(p).toMatchObject({ severity: 'error', where: 'profile/huishouden', pointer: '/nodes/schoon/text' });
    expect(bundle.graphs.has('start')).toBe(false);
  });

  it('allows the same plain question in a municipality whose trees never ask for whom', () => {
    const demo = readInput(join(FIXTURES, 'demo'));
    const tree = demo.trees.find((t) => t.name === 'vervoer')!.json as Record<string, any>;
    tree.nodes.zelf.text = { nl: 'Kun je zelf nog reizen?', en: 'Can you still travel yourself?' };
    expect(verifyBundle(demo).problems.filter((p) => p.code === 'audience-variant-missing')).toEqual([]);
  });
});

describe('answer-unused', () => {
  const withUnread = (status: 'published' | 'draft') => {
    const huishouden = file('huishouden');
    huishouden.status = status;
    huishouden.nodes.schoon.next.routes[0] = { when: { '==': [{ var: 'profile.leeftijd' }, 200] }, to: 'blijf' };
    return bundleWith({ huishouden });
  };

  it('refuses a published question whose answer nothing reads', () => {
    const bundle = verifyBundle(withUnread('published'));
    const p = bundle.problems.find((x) => x.code === 'answer-unused')!;
    expect(p).toMatchObject({ severity: 'error', where: 'profile/huishouden', pointer: '/nodes/schoon' });
    expect(p.message).toContain('remove the question');
    expect(bundle.graphs.has('huishouden')).toBe(false);
  });

  it('warns for a draft', () => {
    const p = problemsOf(withUnread('draft')).find((x) => x.code === 'answer-unused')!;
    expect(p.severity).toBe('warning');
  });

  it('counts reads the caller names (e.g. invariants) as reads', () => {
    const problems = verifyBundle(withUnread('published'), { extraReads: ['huishouden/schoon'] }).problems;
    expect(problems.filter((p) => p.code === 'answer-unused')).toEqual([]);
  });

  it('warns about a declared profile fact the tree never reads', () => {
    const vervoer = file('vervoer');
    vervoer.profile.push('tijdelijk');
    const p = problemsOf(bundleWith({ vervoer })).find((x) => x.code === 'answer-unused')!;
    expect(p).toMatchObject({ severity: 'warning', where: 'profile/vervoer', pointer: '/profile/2' });
  });

  it('warns about a profile fact no tree reads (it is never asked)', () => {
    const profile = file('profile');
    profile.facts['alleen-wonen'] = { ...profile.facts.tijdelijk, text: { nl: 'Woon je alleen?', en: 'Do you live alone?' } };
    const p = problemsOf(bundleWith({ profile })).find((x) => x.code === 'answer-unused')!;
    expect(p).toMatchObject({ severity: 'warning', where: 'profile/profile.json', pointer: '/facts/alleen-wonen' });
  });

  it('counts a derived value, and an each over a multiple choice (start.domeinen), as reads', () => {
    const huishouden = file('huishouden');
    huishouden.derived = { vuil: { rule: { '!': { var: 'schoon' } } } };
    huishouden.nodes.schoon.next.routes[0] = { when: { '!': { var: 'derived.vuil' } }, to: 'blijf' };
    expect(problemsOf(bundleWith({ huishouden })).filter((p) => p.code === 'answer-unused')).toEqual([]);
  });
});

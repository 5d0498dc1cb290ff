import { describe, expect, it } from 'vitest';
import { compile, present, verifyBundle } from '../engine/index.js';
import { advice } from '../engine/session/advice.js';
import { readInput, TREES, walkTo } from './support/bundles.js';

// Haarlem's profile (trees/haarlem/profile.json): for whom, the age band, how long the help is
// needed (tijdelijk regieverlies, 001 L124) and a low income. A daughter arranging
// help for her mother (001 L1419) is asked about her mother, once, however many domains she chooses.
const bundle = verifyBundle(readInput(`${TREES}haarlem`));
const oplossing = compile(bundle.graphs.get('oplossing')!, bundle.services);
const asked = (steps: [string, unknown][]) => walkTo(oplossing, steps).record.log.map((e) => e.node);

describe('Haarlem asks for whom and the age once, and then speaks about the person concerned', () => {
  it('asks for whom right after the life domains, and explains that the questions are about the other person', () => {
    const view = walkTo(oplossing, [['domeinen', ['huishouden', 'ontmoeten']]]);
    expect(present(oplossing, view).text).toBe('Voor wie zoek je hulp?');
    const other = walkTo(oplossing, [
      ['domeinen', ['huishouden', 'ontmoeten']],
      ['voor-wie~voor-wie', 'ander'],
    ]);
    expect(other.node.id).toBe('over-ander');
  });

  it('words the domain questions for the other person when the help is for someone else', () => {
    const daughter: [string, unknown][] = [
      ['domeinen', ['huishouden', 'ontmoeten']],
      ['voor-wie~voor-wie', 'ander'],
      ['over-ander', null],
    ];
    expect(present(oplossing, walkTo(oplossing, daughter)).text).toBe('Wat lukt die persoon niet goed in huis?');
    const self = walkTo(oplossing, [
      ['domeinen', ['huishouden', 'ontmoeten']],
      ['voor-wie~voor-wie', 'zelf'],
    ]);
    expect(present(oplossing, self).text).toBe('Wat lukt niet goed in huis?');
  });

  it('asks the age once for two domains that both offer the ouderenadviseur, in the words for the other person', () => {
    const steps: [string, unknown][] = [
      ['domeinen', ['huishouden', 'ontmoeten']],
      ['voor-wie~voor-wie', 'ander'],
      ['over-ander', null],
      ['elk/huishouden/wat', ['schoonmaken']],
      ['elk/huishouden/netwerk', 'nee'],
      ['elk/huishouden/na-netwerk~duur', 'lang'],
      ['elk/huishouden/inkomen~inkomen', false],
    ];
    const atAge = walkTo(oplossing, steps);
    expect(atAge.node.id).toBe('elk/huishouden/r-oudere~leeftijd');
    expect(present(oplossing, atAge).text).toBe('Hoe oud is de persoon voor wie je hulp zoekt?');
    const rest: [string, unknown][] = [
      ['elk/huishouden/r-oudere~leeftijd', 'ouder'],
      ['elk/ontmoeten/hoe-vaak', 'vaak'],
      ['elk/ontmoeten/naar-buiten', false],
      ['elk/ontmoeten/contact', false],
    ];
    const log = asked([...steps, ...rest]);
    expect(log.filter((n) => n.endsWith('~leeftijd'))).toEqual(['elk/huishouden/r-oudere~leeftijd']);
    const end = walkTo(oplossing, [...steps, ...rest]);
    expect(end.answers['profile.leeftijd']).toBe('ouder');
  });

  it('asks once how long the help is needed, for household help and getting around alike, and both follow it', () => {
    const steps: [string, unknown][] = [
      ['domeinen', ['huishouden', 'vervoer']],
      ['voor-wie~voor-wie', 'zelf'],
      ['elk/huishouden/wat', ['schoonmaken']],
      ['elk/huishouden/netwerk', 'nee'],
      ['elk/huishouden/na-netwerk~duur', 'kort'],
      ['elk/huishouden/inkomen~inkomen', false],
      ['elk/huishouden/r-oudere~leeftijd', 'jonger'],
      ['elk/vervoer/wat', 'binnen'],
      ['elk/vervoer/netwerk', false],
    ];
    const view = walkTo(oplossing, steps);
    expect(asked(steps).filter((n) => n.endsWith('~duur'))).toEqual(['elk/huishouden/na-netwerk~duur']);
    // After an operation: borrow an aid for a while (001 L124), not the route for a lasting need.
    const plan = advice(oplossing, walkTo(oplossing, [...steps, ['grip', false]])).map((p) => p.id);
    expect(plan).toContain('vervoer/leen-een-hulpmiddel');
    expect(plan).toContain('huishouden/tijdelijk-hulp-regelen');
    expect(view.answers['profile.duur']).toBe('kort');
  });
});

import { describe, expect, it } from 'vitest';
import { compile, present, verifyBundle } from '../engine/index.js';
import { readInput, TREES, walkTo } from './support/bundles.js';

// Haarlem's profile (trees/haarlem/profile.json): for whom, and the age band. A daughter arranging
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
      ['elk/huishouden/duur', 'lang'],
      ['elk/huishouden/netwerk', 'nee'],
      ['elk/huishouden/inkomen', false],
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
});

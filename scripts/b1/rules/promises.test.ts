import { describe, expect, it } from 'vitest';
import { loadLists } from '../lists.js';
import { promises } from './promises.js';
import { unit } from './test-helpers.js';

const { promises: phrases } = loadLists();

describe('promises', () => {
  it.each([
    'Je krijgt zeker hulp bij het huishouden.',
    'Met een Wmo-melding heb je altijd recht op hulp.',
    'Deze hulp is gegarandeerd binnen een week geregeld.',
    'U krijgt een huishoudelijke hulp.',
  ])('is an error in "%s"', (text) => {
    const f = promises(...unit(text), phrases);
    expect(f.length).toBeGreaterThanOrEqual(1);
    expect(f[0]).toMatchObject({ code: 'promise', severity: 'error' });
    expect(f[0]!.message).toMatch(/Write instead/);
  });

  it.each([
    'De gemeente beslist of je hulp krijgt.',
    'Misschien heb je recht op bijzondere bijstand. De gemeente kijkt naar jouw situatie.',
    'Je krijgt binnen twee weken een besluit.',
  ])('passes "%s"', (text) => {
    expect(promises(...unit(text), phrases)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadLists } from '../lists.js';
import type { TextUnit } from '../types.js';
import { findForm, jargon } from './jargon.js';

const { jargon: terms } = loadLists();
const resident = (text: string, pointer = '/nodes/a/text/nl'): TextUnit => ({ pointer, text, audience: 'resident' });

describe('jargon (replace terms)', () => {
  it('is an error when the term has no plain alternative in the same text', () => {
    const f = jargon([resident('Je krijgt een indicatie voor hulp bij het huishouden.')], terms);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'jargon', severity: 'error', excerpt: 'indicatie' });
    expect(f[0]!.message).toContain('besluit of je hulp krijgt');
  });

  it('passes when the same text gives the plain words', () => {
    expect(jargon([resident('De gemeente neemt een besluit (een beschikking). Die krijg je per brief.')], terms)).toEqual([]);
  });

  it('passes when brackets right after the term explain it', () => {
    expect(jargon([resident('Ga voor participatie (meedoen in de buurt) naar het buurthuis.')], terms)).toEqual([]);
  });

  it('finds the term as the last part of a compound', () => {
    expect(
      findForm(
        'Een maatwerkvoorziening is persoonlijk.',
        terms.find((t) => t.term === 'voorziening')!,
      )?.form,
    ).toBe('maatwerkvoorziening');
  });

  it('passes plain Dutch', () => {
    expect(jargon([resident('Kun je het zelf regelen? Of kan iemand uit je buurt helpen?')], terms)).toEqual([]);
  });
});

describe('jargon (explain-once terms)', () => {
  it('is an error on every use when no text of the document explains it', () => {
    const f = jargon([resident('Ben je mantelzorger?'), resident('Tandem helpt mantelzorgers.', '/nodes/b/text/nl')], terms);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([
      ['jargon-unexplained', '/nodes/a/text/nl'],
      ['jargon-unexplained', '/nodes/b/text/nl'],
    ]);
  });

  it('passes every use once one text explains it', () => {
    const units = [
      resident('Zorg je voor je zieke moeder of buurman? Dan ben je mantelzorger.'),
      resident('Tandem helpt mantelzorgers.', '/nodes/b/text/nl'),
    ];
    expect(jargon(units, terms)).toEqual([]);
  });

  it('does not count an explanation in a staff text', () => {
    const units: TextUnit[] = [
      { pointer: '/nodes/a/staff/nl', text: 'Vraag of de beller voor iemand zorgt: dan is hij mantelzorger.', audience: 'staff' },
      resident('Tandem helpt mantelzorgers.', '/nodes/b/text/nl'),
    ];
    expect(jargon(units, terms).map((x) => x.pointer)).toEqual(['/nodes/b/text/nl']);
  });
});

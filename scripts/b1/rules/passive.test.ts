import { describe, expect, it } from 'vitest';
import { isParticiple, passiveVoice } from './passive.js';
import { unit } from './test-helpers.js';

describe('passive voice', () => {
  it.each([
    'Je wordt binnen twee weken gebeld.',
    'Je aanvraag wordt door een medewerker bekeken.',
    'De boodschappen worden thuis bezorgd.',
    'Daarna werd de melding doorgestuurd naar het wijkteam.',
    'Alles wat je vertelt, wordt vertrouwelijk besproken.',
  ])('warns for "%s"', (text) => {
    const f = passiveVoice(...unit(text));
    expect(f.map((x) => [x.code, x.severity])).toEqual([['passive', 'warning']]);
  });

  it.each([
    'De gemeente belt je binnen twee weken.',
    'Je kunt vrijwilliger worden bij BUUV.',
    'Het wordt soms te veel. Dat is normaal.',
    'Een medewerker bekijkt je vraag.',
    'Als het zorgen te zwaar wordt, bespreek het met de huisarts.',
  ])('passes active "%s"', (text) => {
    expect(passiveVoice(...unit(text))).toEqual([]);
  });

  it('flags "door de gemeente" as a passive agent', () => {
    const f = passiveVoice(...unit('Het besluit komt door de gemeente.'));
    expect(f.map((x) => x.code)).toEqual(['passive-agent']);
  });

  it('recognises participles by shape, not infinitives', () => {
    expect(['gebeld', 'gegeven', 'betaald', 'opgenomen', 'aangevraagd', 'besproken'].every(isParticiple)).toBe(true);
    expect(['gezond', 'gebruiken', 'bespreken', 'vertelt', 'geld', 'gemeente'].some(isParticiple)).toBe(false);
  });
});

describe('passive voice with onder-', () => {
  it('warns for "Je vraag wordt eerst onderzocht." and "Je wordt ondersteund."', () => {
    expect(passiveVoice(...unit('Je vraag wordt eerst onderzocht. Je wordt ondersteund door een vrijwilliger.'))).toHaveLength(2);
  });
});

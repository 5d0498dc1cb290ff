import { describe, expect, it } from 'vitest';
import { formalAddress } from './formal-address.js';
import { unit } from './test-helpers.js';

describe('formal address', () => {
  it.each(['Heeft u hulp nodig?', 'Vul uw postcode in.', 'U kunt ons bellen.', 'Zorg ook goed voor uzelf.'])(
    'is an error in "%s"',
    (text) => {
      const f = formalAddress(...unit(text));
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ code: 'formal-address', severity: 'error', excerpt: text });
    },
  );

  it.each(['Heb je hulp nodig?', 'Vul je postcode in. Het duurt een uur.', 'Jouw buurman helpt graag.'])('passes "%s"', (text) => {
    expect(formalAddress(...unit(text))).toEqual([]);
  });
});

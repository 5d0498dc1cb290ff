import { describe, expect, it } from 'vitest';
import { isRsin, zgwConfigFromEnv, zgwSettingsFromEnv } from './zgw-config.js';

const good = {
  zakenUrl: 'https://zgw.example.nl/zaken/api/v1/',
  catalogiUrl: 'https://zgw.example.nl/catalogi/api/v1/',
  documentenUrl: 'https://zgw.example.nl/documenten/api/v1/',
  zaaktype: 'https://zgw.example.nl/catalogi/api/v1/zaaktypen/1',
  informatieobjecttype: 'https://zgw.example.nl/catalogi/api/v1/informatieobjecttypen/2',
  rsin: '002220647',
  clientId: 'vraagwijzer',
  secret: 'a-long-enough-shared-secret',
};
const parse = (config: unknown) => () => zgwConfigFromEnv({ ZGW_CONFIG: JSON.stringify(config) }, ['haarlem']);

describe('ZGW configuration', () => {
  it('accepts a complete entry, with a zaaktype per tree', () => {
    const out = parse({
      haarlem: { ...good, trees: { 'haarlem/oplossing': { zaaktype: 'https://zgw.example.nl/catalogi/api/v1/zaaktypen/3' } } },
    })();
    expect(out.haarlem).toMatchObject({
      rsin: '002220647',
      trees: { 'haarlem/oplossing': { zaaktype: expect.stringMatching(/zaaktypen\/3$/) } },
    });
    expect(zgwConfigFromEnv({}, ['haarlem'])).toEqual({});
  });

  it('names the setting at fault and how to fix it', () => {
    const { rsin: _, ...noRsin } = good;
    const cases: [unknown, RegExp][] = [
      [{ haarlem: noRsin }, /^ZGW_CONFIG\.haarlem\.rsin is missing/],
      [
        { haarlem: { ...good, rsin: '123456789' } },
        /^ZGW_CONFIG\.haarlem\.rsin "123456789" is not an RSIN: 9 digits that pass the 11-proef/,
      ],
      [{ haarlem: { ...good, zakenUrl: 'http://zgw.example.nl/zaken/api/v1/' } }, /^ZGW_CONFIG\.haarlem\.zakenUrl must be https:\/\//],
      [
        { haarlem: { ...good, catalogiUrl: 'https://zgw.example.nl/catalogi/api/v1' } },
        /ZGW_CONFIG\.haarlem\.catalogiUrl must end in "\/"/,
      ],
      [
        { haarlem: { ...good, zaaktype: 'https://elders.example.nl/zaaktypen/1' } },
        /ZGW_CONFIG\.haarlem\.zaaktype .* is not in the Catalogi API/,
      ],
      [{ haarlem: { ...good, secret: 'short' } }, /ZGW_CONFIG\.haarlem\.secret is shorter than 16/],
      [{ haarlem: { ...good, zaakType: 'x' } }, /ZGW_CONFIG\.haarlem\.zaakType is not a setting/],
      [{ haarlme: good }, /ZGW_CONFIG\.haarlme: no municipality folder of that name is loaded \(haarlem\)/],
      [{ haarlem: { ...good, trees: { 'amsterdam/x': {} } } }, /ZGW_CONFIG\.haarlem\.trees\.amsterdam\/x/],
    ];
    for (const [config, message] of cases) expect(parse(config)).toThrow(message);
    expect(() => zgwConfigFromEnv({ ZGW_CONFIG: '{nope' }, ['haarlem'])).toThrow(/ZGW_CONFIG is not JSON/);
    expect(() => zgwSettingsFromEnv({ ZGW_POLL_SECONDS: 'soon' }, [])).toThrow(/ZGW_POLL_SECONDS="soon"/);
    expect(() => zgwSettingsFromEnv({ ZGW_LEASE_SECONDS: '10' }, [])).toThrow(/ZGW_LEASE_SECONDS \(10\) must be longer/);
  });

  it('the RSIN 11-proef', () => {
    expect(isRsin('002220647')).toBe(true);
    expect(isRsin('002220648')).toBe(false);
    expect(isRsin('12345678')).toBe(false);
  });
});

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../config-from-env.js';
import { KUSTDORP_DIR } from '../melding/melding-test-kit.js';

// trees/<gemeente>/signalering/zgw.json read at start-up (configFromEnv, as main.ts does): a wrong
// value stops the server with the file and the setting named.
const root = mkdtempSync(join(tmpdir(), 'vw-concern-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TARGET = {
  zakenUrl: 'https://zgw.example.nl/zaken/api/v1/',
  catalogiUrl: 'https://zgw.example.nl/catalogi/api/v1/',
  documentenUrl: 'https://zgw.example.nl/documenten/api/v1/',
  zaaktype: 'https://zgw.example.nl/catalogi/api/v1/zaaktypen/1',
  informatieobjecttype: 'https://zgw.example.nl/catalogi/api/v1/informatieobjecttypen/2',
  rsin: '002220647',
  clientId: 'vraagwijzer',
  secret: 'a-long-enough-shared-secret',
};
const receiver = {
  zaaktype: 'zaaktypen/33',
  informatieobjecttype: 'https://zgw.example.nl/catalogi/api/v1/informatieobjecttypen/44',
  zaakOmschrijving: 'Zorgmelding via Vraagwijzer',
  documentTitel: 'Zorgmelding',
};
let n = 0;
/** A kustdorp folder with this signalering/zgw.json, started with (or without) its ZGW_CONFIG entry. */
function start(file: unknown, connected = true) {
  const dir = join(root, `${++n}`, 'kustdorp');
  cpSync(KUSTDORP_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'signalering', 'zgw.json'), typeof file === 'string' ? file : JSON.stringify(file));
  return configFromEnv({ TREE_DIRS: dir, ...(connected ? { ZGW_CONFIG: JSON.stringify({ kustdorp: TARGET }) } : {}) });
}
const file = (receivers: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  gemeente: 'kustdorp',
  receivers,
  sources: [{ seed: '001', lines: '1279' }],
  ...over,
});

describe('concern receivers in the case system: configuration', () => {
  it('resolves each receiver’s zaaktype under the municipality’s Catalogi API, with its texts', async () => {
    const config = await start(file({ wijkteam: receiver }));
    expect(config.zgw.concerns).toEqual({
      kustdorp: {
        wijkteam: {
          ...TARGET,
          zaaktype: 'https://zgw.example.nl/catalogi/api/v1/zaaktypen/33',
          informatieobjecttype: 'https://zgw.example.nl/catalogi/api/v1/informatieobjecttypen/44',
          zaakOmschrijving: 'Zorgmelding via Vraagwijzer',
          documentTitel: 'Zorgmelding',
        },
      },
    });
    // Not connected (no ZGW_CONFIG entry): every report stays local.
    expect((await start(file({ wijkteam: receiver }), false)).zgw.concerns).toEqual({});
  });

  it('stops at start-up naming the file and the setting at fault', async () => {
    const cases: [unknown, RegExp][] = [
      [
        file({ nergens: receiver }),
        /signalering\/zgw\.json: \/receivers\/nergens is not a service in kustdorp\/services\.json \(known: loket, wijkteam, meldpunt\)/,
      ],
      [
        file({ wijkteam: { ...receiver, zaaktype: 'https://elders.example.nl/catalogi/api/v1/zaaktypen/1' } }),
        /\/receivers\/wijkteam\/zaaktype "https:\/\/elders\.example\.nl.*" is not in the Catalogi API of ZGW_CONFIG\.kustdorp\.catalogiUrl/,
      ],
      [
        file({ wijkteam: { ...receiver, informatieobjecttype: '../../elders/2' } }),
        /\/receivers\/wijkteam\/informatieobjecttype "\.\.\/\.\.\/elders\/2" must be a full Catalogi URL/,
      ],
      [file({ wijkteam: { ...receiver, zaakType: 'x' } }), /\/receivers\/wijkteam .*zaakType/],
      [file({ wijkteam: { ...receiver, documentTitel: '' } }), /\/receivers\/wijkteam\/documentTitel/],
      [file({ wijkteam: receiver }, { gemeente: 'duinstad' }), /\/gemeente is "duinstad" but the folder is kustdorp\//],
      ['{nope', /signalering\/zgw\.json: \/ is not JSON/],
    ];
    for (const [bad, message] of cases) await expect(start(bad)).rejects.toThrow(message);
    // A receiver that is no service is refused even before the case system is connected.
    await expect(start(file({ nergens: receiver }), false)).rejects.toThrow(/\/receivers\/nergens is not a service/);
  });
});

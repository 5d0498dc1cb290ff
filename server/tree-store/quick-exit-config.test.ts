// "Snel weg" goes to a neutral page the municipality chooses in gemeente.json (default: a search engine).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../engine/index.js';
import { DEFAULT_QUICK_EXIT } from '../../engine/schema/quick-exit.js';
import type { GemeenteView } from '../api/contract.js';
import { testApp, type TestApp } from '../testing/test-app.js';
import { readBundle } from './read-bundle.js';

let root: string;
let dir: string;
let t: TestApp | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vw-quick-exit-'));
  dir = join(root, 'duinstad');
  cpSync(resolve('test/fixtures/gemeenten/duinstad'), dir, { recursive: true });
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  rmSync(root, { recursive: true, force: true });
});

const setQuickExit = (value: unknown) => {
  const json = JSON.parse(readFileSync(join(dir, 'gemeente.json'), 'utf8'));
  json.quickExit = value;
  writeFileSync(join(dir, 'gemeente.json'), JSON.stringify(json));
};
const served = async () => {
  t = await testApp({ config: { treeDirs: [dir] } });
  return ((await (await t.request('GET', '/api/gemeenten/duinstad')).json()) as GemeenteView).quickExit;
};

describe('quickExit in gemeente.json', () => {
  it('without one the widget gets the default neutral page', async () => {
    expect(await served()).toBe(DEFAULT_QUICK_EXIT);
  });

  it("serves the municipality's own page", async () => {
    setQuickExit({ url: 'https://www.buienradar.nl/' });
    expect(await served()).toBe('https://www.buienradar.nl/');
  });

  it('refuses anything but an https address, naming the field', async () => {
    for (const url of ['http://example.org/', 'javascript:alert(1)', 'weer']) {
      setQuickExit({ url });
      const { input, problems } = await readBundle(dir);
      const errors = [...problems, ...verifyBundle(input).problems].filter((p) => p.severity === 'error');
      expect(errors.map((p) => [p.code, p.pointer])).toEqual([['schema', '/quickExit/url']]);
    }
  });
});

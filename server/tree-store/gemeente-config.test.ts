import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyBundle, type Problem } from '../../engine/index.js';
import type { GemeenteView } from '../api/contract.js';
import { testApp, type TestApp } from '../testing/test-app.js';
import { readBundle } from './read-bundle.js';

// Each test edits its own copy of the fictional second municipality.
const DUINSTAD = resolve('test/fixtures/gemeenten/duinstad');
let root: string;
let dir: string;
const apps: TestApp[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vw-gemeente-'));
  dir = join(root, 'duinstad');
  cpSync(DUINSTAD, dir, { recursive: true });
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  rmSync(root, { recursive: true, force: true });
});

const boot = async () => {
  const a = await testApp({ config: { treeDirs: [dir] } });
  apps.push(a);
  return a;
};
const editConfig = (change: (json: Record<string, any>) => void) => {
  const json = JSON.parse(readFileSync(join(dir, 'gemeente.json'), 'utf8'));
  change(json);
  writeFileSync(join(dir, 'gemeente.json'), JSON.stringify(json, null, 2));
};
async function problemsOf(): Promise<Problem[]> {
  const { input, problems } = await readBundle(dir);
  return [...problems, ...verifyBundle(input).problems].filter((p) => p.severity === 'error');
}
const view = async (t: TestApp, gemeente = 'duinstad') =>
  (await t.request('GET', `/api/gemeenten/${gemeente}`)).json() as Promise<GemeenteView>;

describe('gemeente.json', () => {
  it('is served with its trees: the contact centre, help bar, theme and labels, without the sources', async () => {
    const t = await boot();
    const res = await t.request('GET', '/api/gemeenten/duinstad');
    expect(res.status).toBe(200);
    const got = (await res.json()) as GemeenteView;
    expect(got).toMatchObject({
      gemeente: 'duinstad',
      name: { nl: 'Gemeente Duinstad' },
      kcc: { name: { nl: 'Stadswinkel' }, phone: '0255 99 00 00', tel: 'tel:0255990000' },
      theme: { 'primary-background-color': '#005a3c' },
      labels: { layers: { informeel: { nl: 'Hulp van Duinstadders' } }, kinds: {} },
    });
    expect(got.helpBar.map((e) => e.tel)).toEqual(['tel:112', 'tel:0255991111']);
    expect(JSON.stringify(got)).not.toContain('sources');
  });

  it('answers 404 for a municipality that serves no tree, and for one without gemeente.json', async () => {
    rmSync(join(dir, 'gemeente.json'));
    const t = await boot();
    const none = await t.request('GET', '/api/gemeenten/nergens');
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ code: 'gemeente-not-found' });
    const missing = await t.request('GET', '/api/gemeenten/duinstad');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'gemeente-config-missing' });
    // The trees still serve; the missing file is a warning that says what residents then see.
    expect(t.deps.trees.head('duinstad/start')).toBeDefined();
    const { problems } = await readBundle(dir);
    expect(problems).toEqual([expect.objectContaining({ code: 'gemeente-config-missing', severity: 'warning' })]);
  });

  it('refuses a phone number without a source, with a pointer to it', async () => {
    editConfig((j) => (j.kcc.sources = []));
    expect(await problemsOf()).toEqual([
      expect.objectContaining({
        code: 'schema',
        where: 'duinstad/gemeente.json',
        pointer: '/kcc/sources',
        message: expect.stringMatching(/source/),
      }),
    ]);
  });

  it('refuses a tel: link that does not dial the number shown next to it', async () => {
    editConfig((j) => (j.helpBar[1].tel = 'tel:0255991112'));
    expect(await problemsOf()).toEqual([
      expect.objectContaining({
        code: 'gemeente-tel-mismatch',
        pointer: '/helpBar/1/tel',
        message: expect.stringContaining('does not dial'),
      }),
    ]);
  });

  it('refuses a theme token that could load something, a missing translation and a file in the wrong folder', async () => {
    editConfig((j) => {
      j.theme['background-color'] = 'url(https://example.org/x.png)';
      j.gemeente = 'haarlem';
      delete j.name.en;
    });
    // The schema is checked first: the folder and translation checks run once it holds.
    expect((await problemsOf()).map((p) => [p.code, p.pointer])).toEqual([['schema', '/theme/background-color']]);
    editConfig((j) => delete j.theme['background-color']);
    expect((await problemsOf()).map((p) => [p.code, p.pointer])).toEqual([
      ['translation-missing', '/name'],
      ['gemeente-mismatch', '/gemeente'],
    ]);
  });

  it('a broken gemeente.json changes nothing: the previous trees and config keep serving', async () => {
    const t = await boot();
    const before = await view(t);
    editConfig((j) => {
      j.kcc.phone = '0255 99 00 01';
      j.kcc.tel = 'tel:0255990000';
    });
    const report = await t.deps.trees.reload();
    expect(report.refused.map((r) => r.tree)).toEqual(['duinstad/start']);
    expect(report.refused[0]!.problems).toContainEqual(expect.objectContaining({ code: 'gemeente-tel-mismatch', pointer: '/kcc/tel' }));
    expect(await view(t)).toEqual(before);
    expect(t.deps.trees.head('duinstad/start')).toBeDefined();
    // Fixed, it serves without a version bump of the trees: only the municipality's data changed.
    editConfig((j) => (j.kcc.tel = 'tel:0255990001'));
    await t.deps.trees.reload();
    expect((await view(t)).kcc.phone).toBe('0255 99 00 01');
  });

  it('a gemeente.json that does not parse changes nothing either', async () => {
    const t = await boot();
    const before = await view(t);
    writeFileSync(join(dir, 'gemeente.json'), '{ "gemeente": "duinstad", ');
    const report = await t.deps.trees.reload();
    expect(report.refused[0]!.problems).toContainEqual(expect.objectContaining({ code: 'json-syntax', where: 'duinstad/gemeente.json' }));
    expect(await view(t)).toEqual(before);
  });
});

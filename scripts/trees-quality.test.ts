import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// npm run trees:quality end to end on a copy of the demo bundle with a small casus bank.
const work = mkdtempSync(join(tmpdir(), 'vw-quality-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const helper = {
  id: 'buurthelper',
  title: 'Iemand wil de buurt helpen',
  door: 'helpen',
  domains: ['helpen'],
  who: 'self',
  age: 'midden',
  duration: 'eenmalig',
  urgent: false,
  situation: 'Een bewoner wil af en toe iets doen voor de buurt.',
  sources: ['demo'],
  expect: ['service:buurthuis', 'layer:informeel'],
  order: [],
  forbid: [{ ref: 'layer:spoed', why: 'geen nood' }],
  answerSets: [{ id: 'helpen', language: 'nl', answers: { 'start.deur': 'helpen' } }],
};

function bankWith(name: string, cases: unknown[]): string {
  const dir = join(work, name, 'demo');
  cpSync('test/fixtures/demo', dir, { recursive: true });
  mkdirSync(join(dir, 'casus'));
  writeFileSync(join(dir, 'casus', 'demo.json'), JSON.stringify({ tree: 'start', cases }));
  return dir;
}

const run = (...args: string[]) => spawnSync('node_modules/.bin/tsx', ['scripts/trees-quality.ts', ...args], { encoding: 'utf8' });

describe('npm run trees:quality', () => {
  it('prints the per-set table, the summary per door and the targets, and meets them on a plan that has it all', () => {
    const r = run(bankWith('ok', [helper]), '--strict');
    expect(r.stdout).toMatch(/\| buurthelper +\| helpen +\| nl +\| helpen +\| 2\/2 \(100\.0 %\)/);
    expect(r.stdout).toMatch(/\| overall +\| 1 +\| 1 +\| 2\/2 \(100\.0 %\)/);
    expect(r.stdout).toMatch(/\| expected elements present, overall \| 100\.0 % +\| ≥ 95\.0 % \| yes/);
    expect(r.status).toBe(0);
  });

  it('says where an answer set is incomplete, counts it against the set, and fails only with --strict', () => {
    const incomplete = {
      ...helper,
      id: 'zoeker',
      door: 'oplossing',
      answerSets: [{ id: 'kort', language: 'nl', answers: { 'start.deur': 'oplossing' } }],
    };
    const dir = bankWith('incomplete', [helper, incomplete]);
    const r = run(dir);
    expect(r.stdout).toContain('stopped: answer set incomplete at oplossing.domeinen');
    expect(r.stdout).toMatch(/\| zoeker +\| kort +\| nl +\| oplossing +\| 0\/2 \(0\.0 %\).*\| STOPPED \|/);
    expect(r.stdout).toMatch(/\| lowest answer set +\| 0\.0 % \(zoeker\/kort\)/);
    expect(r.status).toBe(0);
    expect(run(dir, '--strict').status).toBe(1);
  });

  it('refuses an invalid casus file with the file and field, and prints no figures', () => {
    const r = run(bankWith('invalid', [{ ...helper, door: 'achterdeur' }]));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('demo/casus/demo.json');
    expect(r.stdout).toContain('/cases/0/door');
    expect(r.stdout).not.toContain('summary per door');
  });
});

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../engine/index.js';
import { FIXTURES, readInput } from '../test/support/bundles.js';
import { bundleBook } from './tree-book/bundle-book.js';

const work = mkdtempSync(join(tmpdir(), 'vw-invariants-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const check = (dir: string) => spawnSync('node_modules/.bin/tsx', ['scripts/trees-check.ts', dir], { encoding: 'utf8' });

describe('npm run trees:check proves the invariants', () => {
  it('says how many held on the plan fixture, and passes', () => {
    const r = check(join(FIXTURES, 'plan'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('plan: 5 of 5 invariants hold on every path of the root trees they are proved on (hulp, zorgen)');
  });

  it('fails on a bundle that breaks one, printing the counterexample path and its plan', () => {
    const dir = join(work, 'plan');
    cpSync(join(FIXTURES, 'plan'), dir, { recursive: true });
    const file = join(dir, 'hulp.json');
    const tree = JSON.parse(readFileSync(file, 'utf8'));
    // The rent item loses its urgency: it no longer lands in "Doe dit eerst".
    const item = tree.nodes.plan.items.find((i: { id: string }) => i.id === 'schuldhulp');
    delete item.urgency;
    delete item.urgentWhy;
    writeFileSync(file, JSON.stringify(tree));
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('ERROR invariant-violated plan/invariants.json#/invariants/1');
    expect(r.stdout).toMatch(
      /Hulp van je omgeving → .+\n {4}Huurachterstand → Ja\n {4}Gevallen → .+\n {4}Schulden → .+\n {2}The plan it got:/,
    );
    expect(r.stdout).toContain('plan: 4 of 5 invariants hold');
  });
});

describe('tree book', () => {
  it('lists each invariant with its sources and that it holds on every path', () => {
    const book = bundleBook(verifyBundle(readInput(join(FIXTURES, 'plan'))));
    const page = book.files.get('invariants.md')!;
    expect(page).toContain('## Bij geweld of letsel bij een kind is Veilig Thuis het eerste advies');
    expect(page).toContain('- **Geldt:** als bij ‘Gezien’ is gekozen: ‘Geweld of letsel bij een kind’ (boom zorgen)');
    expect(page).toContain('- **Dan moet:** dienst `veilig-thuis` is het eerste advies');
    expect(page).toContain('- **Bewezen:** ja, geldt op elk pad (ingangen: hulp, zorgen)');
    expect(page).toContain('[Veilig Thuis](https://veiligthuis.nl/)');
    expect(page).toContain('document 001 (Haarlem, Uitvoeringsprogramma 2012 Samen voor elkaar), regel 1336');
  });
});

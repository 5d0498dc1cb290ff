import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The two content CLIs end to end: what CI sees (output and exit code) on a copy of the demo bundle.
const work = mkdtempSync(join(tmpdir(), 'vw-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyDemo(name: string, edit?: (start: Record<string, any>) => void): string {
  const dir = join(work, name, 'demo');
  cpSync('test/fixtures/demo', dir, { recursive: true });
  if (edit) {
    const file = join(dir, 'start.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    edit(json);
    writeFileSync(file, JSON.stringify(json));
  }
  return dir;
}

const run = (script: string, ...args: string[]) => spawnSync('node_modules/.bin/tsx', [script, ...args], { encoding: 'utf8' });

describe('npm run trees:b1', () => {
  it('passes the demo bundle and prints a report per tree with a summary', () => {
    const r = run('scripts/trees-b1.ts', copyDemo('b1-ok'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('── demo/start – Start');
    expect(r.stdout).toContain('── demo/gemeente.json – Gemeente'); // the help bar is read for B1 too
    expect(r.stdout).toMatch(/demo: 6 documents, \d+ sentences, Flesch-Douma/);
  });

  it('exits 1 on an error and names it with its JSON pointer', () => {
    const dir = copyDemo('b1-error', (t) => (t.nodes.deur.text.nl = 'Wat wilt u doen?'));
    const r = run('scripts/trees-b1.ts', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('ERROR formal-address /nodes/deur/text/nl');
  });
});

describe('npm run trees:doc', () => {
  it('writes README.md and one page per tree', () => {
    const out = join(work, 'docs-ok');
    const r = run('scripts/trees-doc.ts', copyDemo('doc-ok'), '--out', out);
    expect(r.status).toBe(0);
    for (const f of ['README.md', 'start.md', 'oplossing.md', 'vervoer.md', 'huishouden.md'])
      expect(existsSync(join(out, 'demo', f)), f).toBe(true);
  });

  it('--check passes on a fresh book and fails, naming the file, once a tree changed', () => {
    const out = join(work, 'docs-check');
    const dir = copyDemo('doc-check');
    expect(run('scripts/trees-doc.ts', dir, '--out', out).status).toBe(0);
    expect(run('scripts/trees-doc.ts', dir, '--out', out, '--check').status).toBe(0);
    const file = join(dir, 'start.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Wat wil je doen?', 'Wat wil je nu doen?'));
    const r = run('scripts/trees-doc.ts', dir, '--out', out, '--check');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ERROR tree-book-outdated');
    expect(r.stderr).toContain('start.md');
  });

  it('exits 1 and writes nothing when a tree does not verify', () => {
    const out = join(work, 'docs-broken');
    const r = run(
      'scripts/trees-doc.ts',
      copyDemo('doc-broken', (t) => (t.nodes.deur.next.otherwise = 'nergens')),
      '--out',
      out,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ERROR tree-book-unverified');
    expect(existsSync(join(out, 'demo'))).toBe(false);
  });
});

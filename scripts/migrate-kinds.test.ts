import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flatten } from '../engine/index.js';
import { readInput } from '../test/support/bundles.js';
import { verifyBundle } from '../engine/index.js';
import { migrateText } from './migrate-kinds.js';

const work = mkdtempSync(join(tmpdir(), 'vw-migrate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync('node_modules/.bin/tsx', ['scripts/migrate-kinds.ts', ...args], { encoding: 'utf8' });

/** Every advice item of a bundle's flattened root graphs as "tree/item layer label". */
function items(dir: string): string[] {
  const bundle = verifyBundle(readInput(dir));
  const out = new Set<string>();
  for (const id of bundle.trees.keys()) {
    const { graph } = flatten(bundle.trees, id);
    for (const n of graph!.nodes.values()) for (const i of n.items) out.add(`${n.treeId}/${i.id} ${i.layer} ${i.label ?? '-'}`);
  }
  return [...out].sort();
}

describe('npm run trees:migrate-kinds', () => {
  it('rewrites legacy kinds to layer + label, changing nothing else, and the trees read the same', () => {
    // The demo fixture still has legacy kinds (Haarlem was migrated with this command).
    const dir = join(work, 'demo');
    cpSync('test/fixtures/demo', dir, { recursive: true });
    const before = items(dir);
    const r = run(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/[1-9]\d* files? migrated/);
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const old = readFileSync(join('test/fixtures/demo', f), 'utf8').split('\n');
      const now = readFileSync(join(dir, f), 'utf8');
      expect(now, f).not.toMatch(/"kind": "(buuv|hbh-\d|signalering|eigen-kracht|informeel|algemeen|maatwerk|vangnet|spoed)"/);
      // Line by line, only the kind lines differ (a label may add a line right after).
      const changed = now.split('\n').filter((line) => !old.includes(line));
      for (const line of changed)
        expect(line, f).toMatch(/^\s*("layer": "[a-z-]+"(, "label": "[a-z0-9-]+")?,?|"label": "[a-z0-9-]+",?)$|"layer": /);
    }
    expect(items(dir)).toEqual(before);
    expect(verifyBundle(readInput(dir)).problems.filter((p) => p.severity === 'error')).toEqual([]);
  }, 60_000);

  it('is idempotent: a second run changes nothing, and --check then passes', () => {
    const dir = join(work, 'twice', 'demo');
    cpSync('test/fixtures/demo', dir, { recursive: true });
    expect(run('--check', dir).status).toBe(1);
    run(dir);
    const once = readdirSync(dir).map((f) => (f.endsWith('.json') ? readFileSync(join(dir, f), 'utf8') : ''));
    const r = run('--check', dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 files to migrate');
    expect(readdirSync(dir).map((f) => (f.endsWith('.json') ? readFileSync(join(dir, f), 'utf8') : ''))).toEqual(once);
  });

  it('keeps a multi-line item multi-line and a one-line item on one line', () => {
    const text =
      '{"nodes": {"a": {"kind": "advice", "items": [\n  {\n    "id": "x",\n    "kind": "buuv",\n    "title": {}\n  },\n  {"id": "y", "kind": "hbh-2"}\n]}}}';
    expect(migrateText(text, 't.json').text).toBe(
      '{"nodes": {"a": {"kind": "advice", "items": [\n  {\n    "id": "x",\n    "layer": "informeel",\n    "label": "buuv",\n    "title": {}\n  },\n  {"id": "y", "layer": "maatwerk", "label": "hbh-2"}\n]}}}',
    );
  });

  it('refuses to guess when the text has a legacy kind outside an advice item', () => {
    const text = '{"meta": {"kind": "buuv"}, "nodes": {"b": {"kind": "advice", "items": [{"id": "y", "kind": "buuv"}]}}}';
    expect(() => migrateText(text, 't.json')).toThrow('found 2 legacy kinds in the text but 1 in the tree; migrate it by hand');
  });

  it('leaves a quoted kind inside a text alone', () => {
    const text =
      '{"nodes": {"a": {"kind": "info", "text": {"nl": "zie \\"kind\\": \\"buuv\\""}}, "b": {"kind": "advice", "items": [{"id": "y", "kind": "buuv"}]}}}';
    expect(JSON.parse(migrateText(text, 't.json').text).nodes.a.text.nl).toBe('zie "kind": "buuv"');
  });
});

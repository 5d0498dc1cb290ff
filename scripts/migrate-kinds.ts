// npm run trees:migrate-kinds [dir…] [--check] – rewrites the advice items of the first tree format
// ("kind": "buuv") to the layered one ("layer": "informeel", "label": "buuv"), in every tree of
// each municipality folder (default: every folder under trees/). Only those lines change: the
// edit is made in the text, so a file keeps its authors' own compact layout (trees/ is outside
// prettier on purpose, see .prettierignore). Running it twice changes nothing. --check writes nothing and exits 1 when a file would change.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MIGRATION, type LegacyKind } from '../engine/plan/layers.js';

/** Files in a municipality folder that are not trees. */
const NOT_TREES = new Set(['services.json', 'invariants.json', 'gemeente.json', 'profile.json']);

/**
 * The tree text with each advice item's legacy kind replaced by its layer and label. Throws when
 * the text and the parsed tree disagree on how many kinds there are (a "kind" inside a text, say),
 * rather than guess which occurrence is meant.
 */
export function migrateText(text: string, file: string): { text: string; items: number } {
  const tree = JSON.parse(text) as { nodes?: Record<string, { kind?: string; items?: { kind?: string; layer?: string }[] }> };
  let expected = 0;
  for (const node of Object.values(tree.nodes ?? {})) {
    if (node.kind !== 'advice') continue;
    for (const item of node.items ?? []) {
      if (!item.kind) continue;
      const to = MIGRATION[item.kind as LegacyKind];
      if (!to) throw new Error(`${file}: advice kind "${item.kind}" is not a legacy kind; fix it by hand.`);
      // Half-migrated by hand: which of the two to keep is the author's call.
      if (item.layer) throw new Error(`${file}: an item has both kind "${item.kind}" and layer "${item.layer}"; remove one by hand.`);
      expected++;
    }
  }
  const kinds = Object.keys(MIGRATION).join('|');
  const pattern = new RegExp(`"kind"(\\s*):(\\s*)"(${kinds})"`, 'g');
  let found = 0;
  const out = text.replace(pattern, (_all, before: string, after: string, kind: LegacyKind, at: number) => {
    found++;
    const { layer, label } = MIGRATION[kind];
    // One property per line stays so: the label goes on its own line, indented alike.
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lead = text.slice(lineStart, at);
    const gap = /^\s*$/.test(lead) ? `,\n${lead}` : ', ';
    return `"layer"${before}:${after}"${layer}"${label ? `${gap}"label"${before}:${after}"${label}"` : ''}`;
  });
  if (found !== expected)
    throw new Error(`${file}: found ${found} legacy kinds in the text but ${expected} in the tree; migrate it by hand.`);
  return { text: out, items: found };
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dirArgs = args.filter((a) => a !== '--check');
  const root = resolve('trees');
  const dirs = dirArgs.length
    ? dirArgs.map((d) => resolve(d))
    : (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory() && e.name !== 'schema').map((e) => join(root, e.name));
  let changedFiles = 0;
  for (const dir of dirs) {
    for (const name of (await readdir(dir))
      .filter((f) => f.endsWith('.json') && !f.endsWith('.scenarios.json') && !NOT_TREES.has(f))
      .sort()) {
      const path = join(dir, name);
      const before = await readFile(path, 'utf8');
      const { text, items } = migrateText(before, path);
      if (!items) continue;
      if (text === before) continue;
      changedFiles++;
      console.log(`${check ? 'would migrate' : 'migrated'} ${items} advice items in ${path}`);
      if (!check) await writeFile(path, text);
    }
  }
  console.log(`${changedFiles} files ${check ? 'to migrate' : 'migrated'}`);
  process.exit(check && changedFiles ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

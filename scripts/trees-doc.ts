// npm run trees:doc [dir…] [--out docs/trees] – writes the tree book (Markdown + Mermaid) of each
// municipality folder (default: every folder under trees/) to <out>/<gemeente>/. Exit 1 when a
// bundle does not verify; nothing is written for it then. Output is deterministic, so it can be
// committed and diffed. Stale <tree>.md files of removed trees are deleted.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { verifyBundle } from '../engine/index.js';
import { gemeenteDirs, readBundle } from '../server/tree-store/read-bundle.js';
import { bundleBook, TreeBookError } from './tree-book/bundle-book.js';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 ? args[outAt + 1] ?? 'docs/trees' : 'docs/trees');
const dirArgs = args.filter((_, i) => i !== outAt && i !== outAt + 1);
const dirs = dirArgs.length ? dirArgs.map((a) => resolve(a)) : await gemeenteDirs(resolve('trees'));
let failed = 0;
for (const dir of dirs) {
  const { input, problems } = await readBundle(dir);
  const bundle = verifyBundle(input);
  bundle.problems.unshift(...problems.filter((p) => p.severity === 'error'));
  try {
    const book = bundleBook(bundle);
    const target = join(out, input.gemeente);
    await mkdir(target, { recursive: true });
    for (const stale of (await readdir(target)).filter((f) => f.endsWith('.md') && !book.files.has(f))) await rm(join(target, stale));
    for (const [name, content] of book.files) await writeFile(join(target, name), content);
    for (const g of book.gaps) console.warn(`WARNING condition-not-in-words ${g.where}#${g.pointer}\n  ${g.rule} is shown as JSON in the book. Simplify the rule or teach scripts/tree-book/condition-words.ts this form.`);
    console.log(`${input.gemeente}: ${book.files.size - 1} tree pages + README.md written to ${target}${book.gaps.length ? ` (${book.gaps.length} conditions not in words)` : ''}`);
  } catch (err) {
    if (!(err instanceof TreeBookError)) throw err;
    console.error(`ERROR ${err.code} ${err.message}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);

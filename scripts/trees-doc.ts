// npm run trees:doc [dir…] [--out docs/trees] [--check] – writes the tree book (Markdown +
// Mermaid) of each municipality folder (default: every folder under trees/) to
// <out>/<gemeente>/. Exit 1 when a bundle does not verify; nothing is written for it then.
// Output is deterministic, so it is committed and diffed; stale <tree>.md files of removed
// trees are deleted. --check writes nothing and exits 1 when the committed book is out of date.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { verifyBundle } from '../engine/index.js';
import { gemeenteDirs, readBundle } from '../server/tree-store/read-bundle.js';
import { bundleBook, TreeBookError, type Book } from './tree-book/bundle-book.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 ? (args[outAt + 1] ?? 'docs/trees') : 'docs/trees');
const dirArgs = args.filter((a, i) => a !== '--check' && i !== outAt && (outAt < 0 || i !== outAt + 1));
const dirs = dirArgs.length ? dirArgs.map((a) => resolve(a)) : await gemeenteDirs(resolve('trees'));
let failed = 0;
for (const dir of dirs) {
  const { input, problems } = await readBundle(dir);
  const bundle = verifyBundle(input);
  bundle.problems.unshift(...problems.filter((p) => p.severity === 'error'));
  let book: Book;
  try {
    book = bundleBook(bundle);
  } catch (err) {
    if (!(err instanceof TreeBookError)) throw err;
    console.error(`ERROR ${err.code} ${err.message}`);
    failed++;
    continue;
  }
  for (const g of book.gaps)
    console.warn(
      `WARNING condition-not-in-words ${g.where}#${g.pointer}\n  ${g.rule} is shown as JSON in the book. Simplify the rule or teach scripts/tree-book/condition-words.ts this form.`,
    );
  const target = join(out, input.gemeente);
  const present = existsSync(target) ? (await readdir(target)).filter((f) => f.endsWith('.md')) : [];
  const stale = present.filter((f) => !book.files.has(f));
  if (check) {
    const changed: string[] = [...stale];
    for (const [name, content] of book.files) {
      const old = present.includes(name) ? await readFile(join(target, name), 'utf8') : null;
      if (old !== content) changed.push(name);
    }
    if (changed.length) {
      console.error(
        `ERROR tree-book-outdated ${target}: ${changed.sort().join(', ')} differ from the trees. Run npm run trees:doc and commit the result.`,
      );
      failed++;
    } else console.log(`${input.gemeente}: tree book is up to date`);
    continue;
  }
  await mkdir(target, { recursive: true });
  for (const f of stale) await rm(join(target, f));
  for (const [name, content] of book.files) await writeFile(join(target, name), content);
  console.log(
    `${input.gemeente}: ${book.files.size - 1} tree pages + README.md written to ${target}${book.gaps.length ? ` (${book.gaps.length} conditions not in words)` : ''}`,
  );
}
process.exit(failed ? 1 : 0);

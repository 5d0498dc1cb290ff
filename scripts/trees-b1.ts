// npm run trees:b1 [dir…] – the B1 language check on every resident-facing Dutch string of the
// trees and services.json (default: every folder under trees/). Exit 1 on errors; warnings and
// staff-text findings (info) are listed, not failing. Reads trees through the same loader and
// verifier as the server, so it checks what would be served.
import { resolve } from 'node:path';
import { formatProblem, verifyBundle } from '../engine/index.js';
import { gemeenteDirs, readBundle } from '../server/tree-store/read-bundle.js';
import { analyzeDocument, count, type DocumentReport } from './b1/analyze.js';
import { loadLists } from './b1/lists.js';
import { formatDocument, formatSummary } from './b1/report.js';

const args = process.argv.slice(2);
const dirs = args.length ? args.map((a) => resolve(a)) : await gemeenteDirs(resolve('trees'));
const lists = loadLists();
let errors = 0;
for (const dir of dirs) {
  const { input, problems } = await readBundle(dir);
  const bundle = verifyBundle(input);
  // Structure is trees:check's job; a tree that does not even parse cannot be read for language.
  for (const p of [...problems, ...bundle.problems].filter(
    (p) => p.code === 'json-syntax' || (p.severity === 'error' && p.pointer === ''),
  )) {
    console.log(formatProblem(p));
  }
  const reports: DocumentReport[] = [];
  for (const { name, json } of input.trees) {
    const tree = bundle.trees.get(name);
    const title = tree?.title.nl ?? `${name} (does not pass the schema: run npm run trees:check)`;
    reports.push(analyzeDocument(`${input.gemeente}/${name}`, title, json, lists));
  }
  if (input.services !== null) reports.push(analyzeDocument(`${input.gemeente}/services.json`, 'Sociale kaart', input.services, lists));
  // The help bar and labels are resident-facing too.
  if (input.config != null) reports.push(analyzeDocument(`${input.gemeente}/gemeente.json`, 'Gemeente', input.config, lists));
  for (const r of reports) console.log(`${formatDocument(r)}\n`);
  console.log(formatSummary(input.gemeente, reports));
  errors += reports.reduce((n, r) => n + count(r.findings, 'error'), 0);
}
process.exit(errors ? 1 : 0);

// npm run trees:scenarios [dir…] – runs every *.scenarios.json and prints transition coverage.
import { resolve } from 'node:path';
import { formatProblem } from '../engine/index.js';
import { gemeenteDirs } from '../server/tree-store/read-bundle.js';
import { failed, runScenarios } from './lib/scenarios.js';

const args = process.argv.slice(2);
const dirs = args.length ? args.map((a) => resolve(a)) : await gemeenteDirs(resolve('trees'));
let bad = false;
for (const dir of dirs) {
  const report = await runScenarios(dir);
  for (const p of report.problems.filter((p) => p.severity === 'error')) console.log(formatProblem(p));
  let passed = 0;
  let failedCount = 0;
  for (const file of report.files) {
    for (const r of file.results) {
      if (r.failures.length === 0) passed++;
      else {
        failedCount++;
        console.log(`FAIL ${file.path} › ${r.name}`);
        for (const f of r.failures) console.log(`  ${f}`);
      }
    }
  }
  console.log(`\n${report.gemeente}: ${report.files.length} scenario files, ${passed} passed, ${failedCount} failed`);
  for (const c of report.coverage) {
    const pct = c.possible ? ((100 * c.covered) / c.possible).toFixed(1) : '100.0';
    console.log(`  ${c.tree.padEnd(14)} transitions ${c.covered}/${c.possible} (${pct}%)  ends ${c.endsCovered}/${c.ends}`);
    for (const m of c.missing.slice(0, 20)) console.log(`    not covered: ${m}`);
    if (c.missing.length > 20) console.log(`    … and ${c.missing.length - 20} more`);
  }
  bad ||= failed(report);
}
process.exit(bad ? 1 : 0);

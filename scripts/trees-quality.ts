// npm run trees:quality [dir…] [--strict] [--plans] – walks every casus answer set (trees/<gemeente>/casus/*.json)
// through a real engine session and scores the plan against what a loket worker would advise.
// Informational: exit 0 unless --strict and a target is missed (or a casus file is invalid).
import { resolve } from 'node:path';
import { formatTable } from '../bench/table.js';
import { formatProblem } from '../engine/index.js';
import { gemeenteDirs } from '../server/tree-store/read-bundle.js';
import { casusProblems } from './quality/check-casus.js';
import { loadCasusBank } from './quality/load.js';
import { setDetails, setTable, summarise, summaryTable, targetRows, type SetResult } from './quality/report.js';
import { scorePlan } from './quality/score.js';
import { walkAnswerSet } from './quality/walk.js';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const plans = args.includes('--plans');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--strict' && a !== '--plans');
if (unknown.length) {
  console.error(`unknown option ${unknown.join(', ')}; usage: npm run trees:quality [dir…] [--strict] [--plans]`);
  process.exit(2);
}
const paths = args.filter((a) => !a.startsWith('--'));
const dirs = paths.length ? paths.map((a) => resolve(a)) : await gemeenteDirs(resolve('trees'));

let invalid = false;
let missed = false;
for (const dir of dirs) {
  const bank = await loadCasusBank(dir);
  const errors = bank.problems.filter((p) => p.severity === 'error');
  for (const p of errors) console.log(formatProblem(p));
  if (errors.some((p) => p.code.startsWith('casus-'))) {
    invalid = true;
    continue;
  }
  const typos = casusProblems(bank);
  if (typos.length)
    console.log(`Casus bank does not match the trees (the walks below stop or score lower):\n${typos.map((t) => `  ${t}`).join('\n')}`);
  const results: SetResult[] = [];
  for (const { tree, casus } of bank.cases) {
    const compiled = bank.compiled.get(tree);
    if (!compiled) continue;
    for (const set of casus.answerSets) {
      const walk = walkAnswerSet(compiled, set);
      results.push({
        casus,
        setId: set.id,
        door: set.door ?? casus.door,
        language: set.language,
        walk,
        score: scorePlan(casus, walk.plan),
      });
    }
  }
  console.log(`\n${bank.gemeente}: advice quality per answer set\n`);
  console.log(formatTable(setTable(results)));
  const details = setDetails(results, plans);
  if (details.length) console.log(`\nWhat is missing, broken or forbidden, per set:\n${details.join('\n')}`);

  const doors = [...new Set(results.map((r) => r.door))].sort();
  const overall = summarise('overall', results);
  const summaries = [
    ...doors.map((d) =>
      summarise(
        d,
        results.filter((r) => r.door === d),
      ),
    ),
    overall,
  ];
  console.log(`\n${bank.gemeente}: summary per door\n`);
  console.log(formatTable(summaryTable(summaries)));
  const targets = targetRows(overall);
  console.log(`\n${bank.gemeente}: targets (issue 17)\n`);
  console.log(
    formatTable([['measure', 'value', 'target', 'met'], ...targets.map((t) => [t.measure, t.value, t.target, t.met ? 'yes' : 'NO'])]),
  );
  missed ||= targets.some((t) => !t.met);

  const notes: string[] = [];
  if (!results.some((r) => r.walk.plan.some((item) => item.section !== undefined))) {
    notes.push(
      'The engine’s plans carry no sections yet (PlanItem.section): every "section" constraint counts as broken, and "first" means the plan’s first item.',
    );
  }
  const missingServices = [...new Set(bank.cases.flatMap(({ casus }) => casus.missingServices ?? []))].sort();
  if (missingServices.length) notes.push(`Expected services not in services.json yet (counted as missing): ${missingServices.join(', ')}.`);
  notes.push(
    'present = expected elements shown anywhere in the plan; a stopped walk is scored on the plan it reached; screens count only walks that ended.',
  );
  console.log(`\n${notes.map((n) => `Note: ${n}`).join('\n')}`);
}
process.exit(invalid || (strict && missed) ? 1 : 0);

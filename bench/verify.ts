// npm run bench verify – the verifier on Haarlem (time, answer states) and on the tree that used to
// take it down (issue 16 §6), at the default budget. Owner of the row "verify Haarlem: time, states".
import { resolve } from 'node:path';
import { DEFAULT_LIMITS, verifyBundle } from '../engine/index.js';
import { readBundle } from '../server/tree-store/read-bundle.js';
import { bundleOf, manyChoices } from '../test/support/hostile-trees.js';
import { median, timeEach, type Row } from './stats.js';

export async function run(): Promise<Row[]> {
  const { input } = await readBundle(resolve('trees/haarlem'));
  let states = 0;
  let largest = 0;
  const ms =
    median(
      timeEach(
        3,
        () => {
          const verified = verifyBundle(input);
          if (verified.problems.some((p) => p.severity === 'error')) throw new Error('trees/haarlem does not verify');
          const each = [...verified.explorations.values()].map((e) => e.states);
          states = each.reduce((a, b) => a + b, 0);
          largest = Math.max(...each);
        },
        1,
      ),
    ) / 1000;
  const rows: Row[] = [
    {
      name: `verify Haarlem (${input.trees.length} trees, exhaustive): time`,
      value: ms,
      unit: 'ms',
      better: 'lower',
      target: `< ${DEFAULT_LIMITS.maxMs / 10} ms (a tenth of the time budget)`,
      pass: ms < DEFAULT_LIMITS.maxMs / 10,
    },
    { name: 'verify Haarlem: answer states, all trees', value: states, unit: 'states', better: 'lower' },
    {
      name: 'verify Haarlem: answer states, largest tree',
      value: largest,
      unit: 'states',
      better: 'lower',
      target: `≤ ${DEFAULT_LIMITS.maxStates / 10} (a tenth of the state budget)`,
      pass: largest <= DEFAULT_LIMITS.maxStates / 10,
    },
  ];

  // The case: four 12-option multiple-choice questions read together. Refused at the budget.
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const blown = verifyBundle(bundleOf(manyChoices(4, 12)));
  const refusedMs = performance.now() - t0;
  const grew = (process.memoryUsage().rss - before) / 1e6;
  const refused = blown.problems.some((p) => p.code === 'verify-budget-exceeded') && !blown.graphs.has('veel');
  rows.push(
    {
      name: `refuse four 12-option multi-choice questions (default budget, ${DEFAULT_LIMITS.maxStates.toLocaleString('en')} states)`,
      value: refusedMs,
      unit: 'ms',
      better: 'lower',
      target: `refused, < ${DEFAULT_LIMITS.maxMs} ms`,
      pass: refused && refusedMs < DEFAULT_LIMITS.maxMs,
    },
    {
      name: 'refuse four 12-option questions: process memory grown by',
      value: grew,
      unit: 'MB',
      better: 'lower',
      target: '< 1024 MB (the verifier thread’s heap cap)',
      pass: grew < 1024,
    },
  );
  return rows;
}

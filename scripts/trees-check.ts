// npm run trees:check [dir…] – verifies municipality folders (default: every folder under trees/).
// Exit 1 on any error; warnings are printed but do not fail. VERIFY_MAX_STATES / VERIFY_MAX_MS set
// the verifier's budget as for the server.
import { resolve } from 'node:path';
import { formatProblem, verifyBundle, type Problem } from '../engine/index.js';
import { verifyLimitsFromEnv } from '../server/config-from-env.js';
import { gemeenteDirs, readBundle } from '../server/tree-store/read-bundle.js';

const args = process.argv.slice(2);
const dirs = args.length ? args.map((a) => resolve(a)) : await gemeenteDirs(resolve('trees'));
let errors = 0;
let warnings = 0;
for (const dir of dirs) {
  const started = performance.now();
  const { input, problems: readProblems } = await readBundle(dir);
  const bundle = verifyBundle(input, { limits: verifyLimitsFromEnv(process.env) });
  const problems: Problem[] = [...readProblems, ...bundle.problems];
  const ms = (performance.now() - started).toFixed(0);
  for (const p of problems) console.log(formatProblem(p));
  const e = problems.filter((p) => p.severity === 'error').length;
  const w = problems.length - e;
  errors += e;
  warnings += w;
  const states = [...bundle.explorations.values()].reduce((n, x) => n + x.states, 0);
  if (bundle.invariants.length) {
    const held = bundle.invariants.filter((i) => i.held).length;
    console.log(
      `${input.gemeente}: ${held} of ${bundle.invariants.length} invariants hold on every path of the root trees they are proved on (${[...new Set(bundle.invariants.flatMap((i) => i.trees))].sort().join(', ')})`,
    );
  }
  console.log(
    `${input.gemeente}: ${input.trees.length} trees, ${bundle.graphs.size} verified, ${states} answer states explored (+${bundle.proofStates} for invariants and option-inert), ${e} errors, ${w} warnings (${ms} ms)`,
  );
}
process.exit(errors ? 1 : 0);

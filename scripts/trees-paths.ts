// npm run trees:paths -- <gemeente>/<tree> – prints a covering set of answer paths as scenario
// skeletons (JSON), with the end and advice the engine gives today. Review before pinning them!
import { resolve } from 'node:path';
import { advice, answer, compile, start } from '../engine/index.js';
import { coveringPaths } from '../engine/paths/cover.js';
import { readBundle } from '../server/tree-store/read-bundle.js';
import { verifyBundle } from '../engine/index.js';

const [target] = process.argv.slice(2);
const [gemeente, treeId] = (target ?? '').split('/');
if (!gemeente || !treeId) {
  console.error('usage: npm run trees:paths -- <gemeente>/<tree>   e.g. haarlem/start');
  process.exit(2);
}
const { input } = await readBundle(resolve(process.env.TREES_DIR ?? 'trees', gemeente));
const bundle = verifyBundle(input);
const graph = bundle.graphs.get(treeId);
if (!graph) {
  console.error(`${gemeente}/${treeId} does not verify or does not exist; run npm run trees:check first.`);
  process.exit(1);
}
const compiled = compile(graph, bundle.services);
const paths = coveringPaths(graph, bundle.services);
const scenarios = paths.map((p, i) => {
  let view = start(compiled);
  for (const [node, value] of p.answers) {
    const r = answer(compiled, view, { node, value, at: '2026-01-01T00:00:00.000Z', channel: 'web' });
    if (!r.ok) throw new Error(`path ${i + 1} refused at ${node}: ${r.error.message}`);
    view = r.value;
  }
  const plan = advice(compiled, view);
  return {
    name: `pad ${i + 1}`,
    answers: p.answers,
    expect: { end: p.end, kinds: [...new Set(plan.map((x) => x.kind))].sort(), items: plan.map((x) => x.id) },
  };
});
console.log(JSON.stringify({ tree: treeId, scenarios }, null, 2));
console.error(`${scenarios.length} paths cover every transition and end of ${gemeente}/${treeId}.`);

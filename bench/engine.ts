import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Model } from 'survey-core';
import { answer, compile, flatten, replay, start, verifyBundle, type SessionView, type VerifiedBundle } from '../engine/index.js';
import { bundleEngine } from '../scripts/lib/bundle-engine.js';
import { readBundle } from '../server/tree-store/read-bundle.js';
import { benchServices, chainSurvey, chainTree } from './generate-tree.js';
import { median, timeBatches, timeEach, type Row } from './stats.js';

const at = '2026-11-22T10:00:00.000Z';
const pick = (i: number) => ['a', 'b', 'c'][(i * 7) % 3]!;

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const json = chainTree(40);
  const bundle = verifyBundle({ gemeente: 'bench', trees: [{ name: 'keten', json }], services: benchServices });
  if (bundle.problems.length) throw new Error(`bench tree does not verify: ${bundle.problems[0]!.message}`);
  const graph = bundle.graphs.get('keten')!;
  const compiled = compile(graph, bundle.services);

  // One answer step: the views along a 40-answer walk, each answered again many times.
  const views: SessionView[] = [start(compiled)];
  for (let i = 0; i < 40; i++) {
    const r = answer(compiled, views[i]!, { node: `v${i}`, value: pick(i), at, channel: 'web' });
    if (!r.ok) throw new Error(r.error.message);
    views.push(r.value);
  }
  // Median over 50 batches of 400 steps (every question of the walk, ten times per batch).
  const step = median(
    timeBatches(50, 400, (i) => answer(compiled, views[i % 40]!, { node: `v${i % 40}`, value: pick(i % 40), at, channel: 'web' })),
  );

  // SurveyJS: the same 40 questions with the same conditions, setValue per step.
  const survey = new Model(chainSurvey(40));
  const surveyStep = median(timeBatches(20, 200, (i) => survey.setValue(`v${i % 40}`, pick(((i + i / 40) | 0) % 40))));
  rows.push({
    name: 'answer one step (40-question tree)',
    value: step,
    unit: 'µs',
    better: 'lower',
    baseline: { name: 'survey-core setValue', value: surveyStep },
    target: '≤ 20 µs and ≥ 50× faster',
    pass: step <= 20 && surveyStep / step >= 50,
  });

  const record = views[40]!.record;
  const replayUs = median(timeEach(500, () => replay(compiled, record)));
  const surveyBuild = median(timeEach(200, () => new Model(chainSurvey(40)), 20));
  rows.push({
    name: 'replay a 40-answer log',
    value: replayUs,
    unit: 'µs',
    better: 'lower',
    baseline: { name: 'survey-core new Model (same survey)', value: surveyBuild },
  });

  const compileUs = median(
    timeEach(
      50,
      () => {
        const { graph: g } = flatten(new Map([['keten', bundle.trees.get('keten')!]]), 'keten');
        // compile() caches by version; a fresh version string forces the real work.
        compile({ ...g!, rootVersion: `1.0.${Math.random()}` }, bundle.services);
      },
      5,
    ),
  );
  rows.push({
    name: 'flatten + compile 40-question tree',
    value: compileUs / 1000,
    unit: 'ms',
    better: 'lower',
    baseline: { name: 'survey-core new Model', value: surveyBuild / 1000 },
  });

  const big = chainTree(1000, 'groot'); // 1000 questions + 1000 advice nodes + 2 = 2,002 nodes
  const verifyMs =
    median(timeEach(3, () => verifyBundle({ gemeente: 'bench', trees: [{ name: 'groot', json: big }], services: benchServices }), 1)) /
    1000;
  rows.push({
    name: `verify a generated ${Object.keys(big.nodes).length}-node tree (exhaustive)`,
    value: verifyMs,
    unit: 'ms',
    better: 'lower',
    target: '< 1000 ms',
    pass: verifyMs < 1000,
  });

  // The shipped municipality as trees:check reads it: explorer and invariant proof, every root tree.
  const { input: haarlem } = await readBundle(new URL('../trees/haarlem', import.meta.url).pathname);
  let proved: VerifiedBundle | undefined;
  const haarlemMs = median(timeEach(3, () => (proved = verifyBundle(haarlem)), 0)) / 1000;
  if (!proved) throw new Error('trees/haarlem was not verified');
  const explored = [...proved.explorations.values()].reduce((n, x) => n + x.states, 0);
  rows.push({ name: 'verify trees/haarlem (exhaustive, invariants included)', value: haarlemMs, unit: 'ms', better: 'lower' });
  rows.push({
    name: `states explored on trees/haarlem (+ invariant proof: ${proved.proofStates})`,
    value: explored,
    unit: 'states',
    better: 'lower',
  });

  const { gzip } = await bundleEngine('runtime');
  const surveyCore = gzipSync(readFileSync(new URL('../node_modules/survey-core/survey.core.min.js', import.meta.url)), {
    level: 9,
  }).length;
  rows.push({
    name: 'engine runtime browser bundle (gzip)',
    value: gzip / 1024,
    unit: 'KB',
    better: 'lower',
    baseline: { name: 'survey-core.min.js gzip', value: surveyCore / 1024 },
    target: '≤ 25 KB',
    pass: gzip / 1024 <= 25,
  });
  return rows;
}

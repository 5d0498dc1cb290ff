import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { compile, hasErrors, verifyBundle, type CompiledTree, type Problem, type VerifiedBundle } from '../../engine/index.js';
import { runScenario, type ScenarioResult } from '../../engine/paths/scenario-run.js';
import { ScenarioFile } from '../../engine/schema/scenario-schema.js';
import { readBundle, readJson } from '../../server/tree-store/read-bundle.js';

export interface ScenarioReport {
  gemeente: string;
  bundle: VerifiedBundle;
  problems: Problem[];
  files: { path: string; tree: string; results: ScenarioResult[] }[];
  /** Per root tree: transitions any answers can take, and those the scenarios took. */
  coverage: { tree: string; possible: number; covered: number; ends: number; endsCovered: number; missing: string[] }[];
}

async function scenarioFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await scenarioFiles(path)));
    else if (entry.name.endsWith('.scenarios.json')) out.push(path);
  }
  return out.sort();
}

/** Verifies a municipality folder, runs every scenario file in it and measures transition coverage. */
export async function runScenarios(dir: string): Promise<ScenarioReport> {
  const { input, problems } = await readBundle(dir);
  const bundle = verifyBundle(input);
  problems.push(...bundle.problems);
  const compiled = new Map<string, CompiledTree>();
  const compiledFor = (tree: string) => {
    const graph = bundle.graphs.get(tree);
    if (!graph) return null;
    if (!compiled.has(tree)) compiled.set(tree, compile(graph, bundle.services));
    return compiled.get(tree)!;
  };
  const report: ScenarioReport = { gemeente: input.gemeente, bundle, problems, files: [], coverage: [] };
  const takenBy = new Map<string, Set<string>>();
  for (const path of await scenarioFiles(dir)) {
    const where = relative(dir, path);
    const json = await readJson(path, where, problems);
    if (json === undefined) continue;
    const parsed = ScenarioFile.safeParse(json);
    if (!parsed.success) {
      problems.push({
        code: 'scenario-schema',
        severity: 'error',
        where,
        pointer: '',
        message: parsed.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`).join('; '),
      });
      continue;
    }
    const c = compiledFor(parsed.data.tree);
    if (!c) {
      problems.push({
        code: 'scenario-tree',
        severity: 'error',
        where,
        pointer: '/tree',
        message: `Tree "${parsed.data.tree}" is unknown or does not verify.`,
      });
      continue;
    }
    const results = parsed.data.scenarios.map((s) => runScenario(c, s));
    const taken = takenBy.get(parsed.data.tree) ?? new Set<string>();
    for (const r of results) r.taken.forEach((t) => taken.add(t));
    takenBy.set(parsed.data.tree, taken);
    report.files.push({ path: where, tree: parsed.data.tree, results });
  }
  // Coverage is measured over the authored transitions: a sub-flow's route counts as covered
  // when any scenario takes it, through whichever root tree.
  const authored = (tree: string, flat: string) => {
    const graph = bundle.graphs.get(tree)!;
    const [id, route] = flat.split('#');
    const node = graph.nodes.get(id!)!;
    return `${node.treeId}${node.routes[Number(route)]!.pointer}`;
  };
  const coveredAuthored = new Set<string>();
  const endsCovered = new Set<string>();
  for (const [tree, taken] of takenBy) for (const t of taken) coveredAuthored.add(authored(tree, t));
  const authoredEnd = (tree: string, flat: string) => {
    const node = bundle.graphs.get(tree)!.nodes.get(flat)!;
    return `${node.treeId}:${node.local}`;
  };
  for (const f of report.files) for (const r of f.results) if (r.end) endsCovered.add(authoredEnd(f.tree, r.end));
  for (const [tree, found] of bundle.explorations) {
    if (!bundle.graphs.has(tree) || bundle.trees.get(tree)!.door === 'sub') continue;
    const possible = new Set([...found.taken].map((t) => authored(tree, t)));
    const missing = [...possible].filter((t) => !coveredAuthored.has(t)).sort();
    const ends = [
      ...new Set(
        [...found.reached].filter((id) => bundle.graphs.get(tree)!.nodes.get(id)!.kind === 'end').map((id) => authoredEnd(tree, id)),
      ),
    ];
    report.coverage.push({
      tree,
      possible: possible.size,
      covered: possible.size - missing.length,
      ends: ends.length,
      endsCovered: ends.filter((e) => endsCovered.has(e)).length,
      missing,
    });
  }
  return report;
}

export const failed = (report: ScenarioReport) =>
  hasErrors(report.problems) || report.files.some((f) => f.results.some((r) => r.failures.length));

import { describe, expect, it } from 'vitest';
import { coveringPaths } from '../engine/paths/cover.js';
import { walk } from '../engine/paths/walk.js';
import { runScenarios, type ScenarioReport } from '../scripts/lib/scenarios.js';
import { answerKey } from '../engine/compile/flat-graph.js';
import { shippedDirs } from './support/bundles.js';

const reports: ScenarioReport[] = await Promise.all(shippedDirs().map((dir) => runScenarios(dir)));

describe.each(reports.map((r) => [r.gemeente, r] as const))('scenarios of %s', (_gemeente, report) => {
  it('every tree verifies and every scenario file is well-formed', () => {
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.files.length).toBeGreaterThan(0);
  });

  const cases = report.files.flatMap((f) => f.results.map((r) => [`${f.path} › ${r.name}`, r.failures] as const));
  it.each(cases)('%s', (_name, failures) => {
    expect(failures).toEqual([]);
  });

  it('together the scenarios take every transition and reach every end', () => {
    for (const c of report.coverage) {
      expect({ tree: c.tree, missing: c.missing }).toEqual({ tree: c.tree, missing: [] });
      expect(c.endsCovered).toBe(c.ends);
    }
  });

  it('the path generator covers every transition any answers can take', () => {
    for (const [tree, graph] of report.bundle.graphs) {
      const found = report.bundle.explorations.get(tree)!;
      const paths = coveringPaths(graph, report.bundle.services);
      expect(paths.length).toBeGreaterThan(0);
      // Paths name the nodes answered; a session stores a profile answer under its fact's key.
      const answersOf = (p: (typeof paths)[number]) => Object.fromEntries(p.answers.map(([n, v]) => [answerKey(graph.nodes.get(n)!), v]));
      const taken = new Set(paths.flatMap((p) => walk(graph, answersOf(p)).map((s) => `${s.node}#${s.route}`)));
      expect([...found.taken].filter((t) => !taken.has(t))).toEqual([]);
      const seenEnds = new Set(paths.map((p) => p.end));
      const ends = [...found.reached].filter((id) => graph.nodes.get(id)!.kind === 'end');
      expect([...seenEnds].sort()).toEqual(ends.sort());
    }
  });
});

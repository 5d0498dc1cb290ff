import type { CompiledTree } from '../compile/compile.js';
import type { Scenario } from '../schema/scenario-schema.js';
import { advice } from '../session/advice.js';
import { answer, start } from '../session/session.js';
import type { Channel } from '../session/types.js';
import { walk } from './walk.js';

export interface ScenarioResult {
  name: string;
  failures: string[];
  /** "flatNode#route" of every transition this scenario took. */
  taken: string[];
  end: string | null;
}

/** Runs one scenario through the real session functions and compares the outcome. */
export function runScenario(compiled: CompiledTree, scenario: Scenario, at = '2026-01-01T00:00:00.000Z'): ScenarioResult {
  const failures: string[] = [];
  const channel: Channel = scenario.channel ?? 'web';
  let view = start(compiled);
  for (const [node, value] of scenario.answers) {
    const next = answer(compiled, view, { node, value, at, channel });
    if (!next.ok) {
      failures.push(`answer ${JSON.stringify(value)} at "${node}" refused: ${next.error.code} – ${next.error.message}`);
      break;
    }
    view = next.value;
  }
  const { expect } = scenario;
  if (!view.done) failures.push(`did not reach an end; stopped at "${view.node.id}" (expected "${expect.end}")`);
  else if (view.node.id !== expect.end) failures.push(`reached end "${view.node.id}", expected "${expect.end}"`);
  const plan = advice(compiled, view);
  const kinds = new Set(plan.map((p) => p.kind));
  const layers = new Set<string>(plan.map((p) => p.layer));
  const items = new Set(plan.map((p) => p.id));
  const services = new Set(plan.flatMap((p) => p.services.map((s) => s.id)));
  if (expect.kinds) {
    const want = new Set(expect.kinds);
    const missing = [...want].filter((k) => !kinds.has(k));
    const extra = [...kinds].filter((k) => !want.has(k));
    if (missing.length || extra.length) failures.push(`advice kinds: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`);
  }
  for (const id of expect.items ?? []) if (!items.has(id)) failures.push(`advice item "${id}" missing (plan: ${[...items].join(', ')})`);
  for (const id of expect.services ?? [])
    if (!services.has(id)) failures.push(`service "${id}" missing (plan names: ${[...services].join(', ')})`);
  for (const id of expect.absent ?? [])
    if (kinds.has(id) || layers.has(id) || items.has(id)) failures.push(`"${id}" should not be in the plan`);
  const taken = walk(compiled.graph, view.answers, view.node.id).map((s) => `${s.node}#${s.route}`);
  return { name: scenario.name, failures, taken, end: view.done ? view.node.id : null };
}

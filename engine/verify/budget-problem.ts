import type { FlatGraph } from '../compile/flat-graph.js';
import type { VerifyLimits } from './budget.js';
import { comparedConstants, domainOf, liveAnswers, type Exploration } from './explore.js';
import type { Problem } from './problem.js';

const n = (x: number) => x.toLocaleString('en');

/**
 * `verify-budget-exceeded`: which question multiplies the space and how to restructure it. An
 * answer is kept in the explorer's state for as long as a later condition reads it, so a question
 * with many possible answers that is read far downstream multiplies every state in between.
 */
export function budgetProblem(graph: FlatGraph, found: Exploration, limits: VerifyLimits): Problem {
  const exceeded = found.exceeded!;
  const root = `${graph.gemeente}/${graph.rootTree}`;
  const limit =
    exceeded.by === 'states'
      ? `its budget of ${n(limits.maxStates)} answer states (VERIFY_MAX_STATES)`
      : `the bundle's time budget of ${n(limits.maxMs)} ms (VERIFY_MAX_MS), after ${n(found.states)} states`;
  const head = `Verifying every answer combination of ${root} stopped at ${limit}, so the tree is not proved and is refused.`;
  const culprit = exceeded.multiplier && graph.nodes.get(exceeded.multiplier.node);
  if (!culprit) {
    return {
      code: 'verify-budget-exceeded',
      severity: 'error',
      where: root,
      pointer: '',
      message: `${head} Earlier trees of the bundle used the time; verify this folder alone, or raise VERIFY_MAX_MS.`,
    };
  }
  const answers = domainOf(culprit, comparedConstants(graph)).values.length;
  const readers = [...graph.nodes.values()]
    .filter((node) => node.id !== culprit.id && node.routes.some((r) => r.reads.includes(culprit.id)))
    .map((node) => `"${node.local}"`);
  const together = [...(liveAnswers(graph).get(culprit.id) ?? [])].map((id) => `"${graph.nodes.get(id)?.local ?? id}"`);
  return {
    code: 'verify-budget-exceeded',
    severity: 'error',
    where: `${graph.gemeente}/${culprit.treeId}`,
    pointer: culprit.pointer,
    message:
      `${head} Question "${culprit.local}" multiplies the space: its ${n(answers)} possible answers made ${n(exceeded.multiplier!.made)} of the ${n(found.states)} states, ` +
      `because ${readers.length ? `${readers.slice(0, 3).join(', ')}${readers.length > 3 ? ' and more' : ''} still read${readers.length === 1 ? 's' : ''} it later` : 'later conditions still read it'}` +
      `${together.length ? `, together with the answers to ${together.slice(0, 4).join(', ')}` : ''}. ` +
      'Restructure: read a multiple-choice answer right after it is asked (a route, or a derived value read there), so that it is not carried along; ' +
      'split it into fewer options or a yes/no question per option that matters; or move the part that needs it into a sub-flow, which reads only its own answers.',
  };
}

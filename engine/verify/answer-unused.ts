import { isVariant, textsOf } from '../compile/profile-gates.js';
import { escapePointer, scanRule } from '../logic/rule-scan.js';
import type { Profile } from '../schema/profile-schema.js';
import type { Rule, Tree } from '../schema/tree-schema.js';
import type { Problem } from './problem.js';

/**
 * What reads an answer: a route condition, a derived value, an advice item's condition (`when`),
 * an `each` over a multiple choice, and whatever the caller adds (`extraReads`: e.g. invariants,
 * as "treeId/question" or "profile.<fact>"). The concern form reads no tree answer: it asks its
 * own "about" (server/concerns), so it adds nothing here.
 */
export function readAnswers(trees: Iterable<Tree>, profile: Profile | null, extraReads: Iterable<string> = []): Set<string> {
  const reads = new Set<string>(extraReads);
  const rule = (tree: Tree, r: unknown) => {
    for (const v of scanRule(r).vars) {
      const [head, name] = v.split('.');
      if (head === 'profile' && name) reads.add(`profile.${name}`);
      else if (head !== 'derived') reads.add(`${tree.id}/${head}`);
    }
  };
  for (const tree of trees) {
    for (const d of Object.values(tree.derived ?? {})) rule(tree, d.rule);
    for (const node of Object.values(tree.nodes)) {
      if ('next' in node && node.next && typeof node.next === 'object') for (const r of node.next.routes) rule(tree, r.when);
      if (node.kind === 'each') reads.add(`${tree.id}/${node.over}`);
      if (node.kind === 'advice')
        for (const item of node.items) {
          const when = (item as { when?: Rule }).when;
          if (when !== undefined) rule(tree, when);
        }
      // A text worded per audience reads the audience fact.
      if (profile?.audienceFact && textsOf(node, node.kind === 'advice' ? node.items : []).some(isVariant))
        reads.add(`profile.${profile.audienceFact}`);
    }
  }
  return reads;
}

/**
 * `answer-unused`: a question whose answer nothing reads costs the resident time and collects
 * personal data for nothing. An error in published trees, a warning in drafts. A question with
 * routes of its own is still unused if no condition looks at its answer.
 */
export function answerUnusedProblems(tree: Tree, where: string, reads: Set<string>, profile: Profile | null): Problem[] {
  const problems: Problem[] = [];
  for (const [local, node] of Object.entries(tree.nodes)) {
    if (node.kind !== 'question' || reads.has(`${tree.id}/${local}`)) continue;
    problems.push({
      code: 'answer-unused',
      severity: tree.status === 'published' ? 'error' : 'warning',
      where,
      pointer: `/nodes/${escapePointer(local)}`,
      message: `No route, derived value, advice condition, invariant or "each" reads the answer to "${local}". Route or advise on it, or remove the question: asking it wastes the resident's time and collects data for nothing.`,
    });
  }
  const own = (tree.profile ?? []).length ? readAnswers([tree], profile) : reads;
  (tree.profile ?? []).forEach((fact, i) => {
    if (own.has(`profile.${fact}`)) return;
    problems.push({
      code: 'answer-unused',
      severity: 'warning',
      where,
      pointer: `/profile/${i}`,
      message: `The tree declares profile fact "${fact}" but reads it nowhere. Remove it from "profile", or use it in a condition.`,
    });
  });
  return problems;
}

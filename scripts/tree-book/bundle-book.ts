import { formatProblem, type Tree, type VerifiedBundle } from '../../engine/index.js';
import { indexPage } from './index-page.js';
import { invariantsPage } from './invariants-page.js';
import { treePage, type BookContext } from './tree-page.js';

export class TreeBookError extends Error {
  constructor(
    readonly code: 'tree-book-unverified' | 'tree-book-empty',
    message: string,
  ) {
    super(message);
  }
}

export interface Book {
  /** File name (README.md, <tree>.md) → content. */
  files: Map<string, string>;
  gaps: { where: string; pointer: string; rule: string }[];
}

/**
 * The tree book of one municipality. Pure and deterministic (no dates, sorted output), so the
 * generated files can be committed and diffed. Refuses a bundle with errors: a book of a tree
 * that would not be served would mislead its reviewers.
 */
export function bundleBook(bundle: VerifiedBundle): Book {
  const errors = bundle.problems.filter((p) => p.severity === 'error');
  const unverified = [...bundle.trees.keys()].filter((id) => !bundle.graphs.has(id));
  if (errors.length || unverified.length) {
    const list = errors.map(formatProblem).join('\n');
    throw new TreeBookError(
      'tree-book-unverified',
      `${bundle.gemeente}: ${unverified.length ? `tree(s) ${unverified.join(', ')} do not verify` : 'the bundle has errors'}; no tree book written. Fix these first (npm run trees:check):\n${list}`,
    );
  }
  if (!bundle.trees.size) throw new TreeBookError('tree-book-empty', `${bundle.gemeente}: no trees found; nothing to document.`);
  const trees = [...bundle.trees.values()].sort((a, b) => a.id.localeCompare(b.id));
  const ctx: BookContext = {
    gemeente: bundle.gemeente,
    trees: bundle.trees,
    services: new Map((bundle.services?.services ?? []).map((s) => [s.id, s])),
    calledBy: callers(trees),
  };
  const files = new Map<string, string>();
  const gaps: Book['gaps'] = [];
  const rules = bundle.invariants.length
    ? `\n## Beleidsregels\n\n[${bundle.invariants.length} beleidsregels](invariants.md), met hun bronnen en het bewijs dat ze op elk pad gelden.\n`
    : '';
  files.set('README.md', indexPage(bundle.gemeente, trees, bundle.services?.services ?? []) + rules);
  if (bundle.invariants.length) files.set('invariants.md', invariantsPage(bundle.gemeente, bundle.invariants, bundle.trees));
  for (const tree of trees) {
    const page = treePage(tree, ctx);
    files.set(`${tree.id}.md`, page.markdown);
    gaps.push(...page.gaps.map((g) => ({ where: `${bundle.gemeente}/${tree.id}`, ...g })));
  }
  return { files, gaps };
}

function callers(trees: readonly Tree[]): Map<string, string[]> {
  const by = new Map<string, Set<string>>();
  const add = (callee: string, caller: string) => (by.get(callee) ?? by.set(callee, new Set()).get(callee)!).add(caller);
  for (const t of trees) {
    for (const n of Object.values(t.nodes)) {
      if (n.kind === 'flow') add(n.tree, t.id);
      if (n.kind === 'each') Object.values(n.flows).forEach((f) => add(f, t.id));
    }
  }
  return new Map([...by].map(([k, v]) => [k, [...v].sort()]));
}

import type { FlatGraph } from '../compile/flat-graph.js';
import { scanRule } from '../logic/rule-scan.js';
import { InvariantsFile, type Invariant } from '../schema/invariants-schema.js';
import type { ServiceCatalog } from '../schema/services-schema.js';
import type { Source } from '../schema/text.js';
import type { QuestionNode, Tree } from '../schema/tree-schema.js';
import { proveInvariants } from './invariants.js';
import type { Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';

/** An invariant as declared, with what the proof found. */
export interface InvariantResult extends Invariant {
  /** Root trees it was proved on. */
  trees: string[];
  /** True: no path of any of those trees breaks it (and every path was tried). */
  held: boolean;
}

/**
 * Reads invariants.json, checks what it names, proves every invariant on each root tree and
 * turns what the proof found into problems: `invariant-violated` (with the shortest path that
 * breaks it) and, from the same walk, `option-inert` for options that never change the plan.
 */
export function invariantProblems(
  json: unknown | null,
  gemeente: string,
  trees: Map<string, Tree>,
  graphs: Map<string, FlatGraph>,
  services: ServiceCatalog | null,
  maxStates?: number,
): { problems: Problem[]; results: InvariantResult[]; refused: string[]; states: number } {
  const where = `${gemeente}/invariants.json`;
  const problems: Problem[] = [];
  let invariants: Invariant[] = [];
  if (json !== null) {
    const parsed = InvariantsFile.safeParse(json);
    if (!parsed.success) problems.push(...schemaProblems(parsed.error, where));
    else invariants = parsed.data.invariants;
  }
  const named = referenceProblems(invariants, where, trees, services);
  problems.push(...named);
  if (named.length || problems.length) invariants = [];

  const roots = [...graphs.keys()].filter((id) => trees.get(id)!.door !== 'sub').sort();
  const broken = new Map<string, string[]>();
  const refused: string[] = [];
  const complete = new Set<string>();
  let states = 0;
  const shown = new Set<string>();
  for (const root of roots) {
    const graph = graphs.get(root)!;
    const proof = proveInvariants(
      graph,
      services,
      invariants.filter((inv) => !inv.roots || inv.roots.includes(root)),
      maxStates,
    );
    states += proof.states;
    for (const k of proof.shown) shown.add(k);
    if (proof.complete) complete.add(root);
    else if (invariants.length) {
      // A rule proved on some paths only is not proved: the root tree is refused, like one the explorer could not finish.
      if (!refused.includes(root)) refused.push(root);
      problems.push({
        code: 'invariants-not-exhaustive',
        severity: 'error',
        where,
        pointer: '',
        message: `The invariants could not be proved on every path of root tree "${root}": the proof stopped after ${proof.states.toLocaleString('en')} states (VERIFY_MAX_PROOF_STATES), so the tree is refused. Scope the invariants to the root trees they are about ("roots"), split large multiple-choice questions, or raise the budget.`,
      });
    }
    for (const [id, found] of proof.violated) {
      const index = invariants.findIndex((i) => i.id === id);
      const inv = invariants[index]!;
      broken.set(id, [...(broken.get(id) ?? []), root]);
      if (!refused.includes(root)) refused.push(root);
      problems.push({
        code: 'invariant-violated',
        severity: 'error',
        where,
        pointer: `/invariants/${index}`,
        message: [
          `"${inv.title}" (${inv.id}, source: ${inv.sources.map(sourceText).join('; ')}) does not hold in tree "${root}". Shortest path that breaks it:`,
          ...(found.lines.length ? found.lines : ['(no questions: the start already leads here)']).map((l) => `    ${l}`),
          '  The plan it got:',
          ...(found.plan.length ? found.plan : ['(no advice)']).map((l) => `    ${l}`),
          '  Change the tree so this path keeps the rule, or the invariant if the policy changed.',
        ].join('\n'),
      });
    }
    if (proof.complete) problems.push(...inertProblems(gemeente, trees, proof.inert));
  }
  if (roots.length && roots.every((r) => complete.has(r))) problems.push(...neverShown(gemeente, trees, graphs, roots, shown));
  const results = invariants.map((inv) => {
    const on = roots.filter((r) => !inv.roots || inv.roots.includes(r));
    return { ...inv, trees: on, held: on.length > 0 && !broken.has(inv.id) && on.every((r) => complete.has(r)) };
  });
  return { problems, results, refused, states };
}

function inertProblems(gemeente: string, trees: Map<string, Tree>, inert: ReturnType<typeof proveInvariants>['inert']): Problem[] {
  const problems: Problem[] = [];
  for (const { treeId, local, groups } of inert.values()) {
    const question = trees.get(treeId)!.nodes[local] as QuestionNode;
    const options = question.input.type === 'single' ? question.input.options : [];
    for (const group of groups) {
      const unmarked = group.filter((v) => !options.find((o) => o.value === v)?.inert);
      if (unmarked.length <= 1) continue; // the tree says this sameness is intended
      const [first, ...rest] = group;
      for (const value of rest) {
        if (!unmarked.includes(value)) continue;
        const index = options.findIndex((o) => o.value === value);
        problems.push({
          code: 'option-inert',
          severity: 'warning',
          where: `${gemeente}/${treeId}`,
          pointer: `/nodes/${local}/input/options/${index}`,
          message: `Option "${value}" of question "${local}" leads to the same plan as "${first}" on every path. Give it its own route or advice, merge the two, or mark it "inert": true if asking it is intended.`,
        });
      }
    }
  }
  return problems;
}

/** A conditional item no path of any root tree shows: its condition never holds where it is asked. */
function neverShown(
  gemeente: string,
  trees: Map<string, Tree>,
  graphs: Map<string, FlatGraph>,
  roots: string[],
  shown: Set<string>,
): Problem[] {
  const used = new Set<string>();
  for (const root of roots) for (const n of graphs.get(root)!.nodes.values()) used.add(n.treeId);
  const problems: Problem[] = [];
  for (const id of [...used].sort()) {
    for (const [local, node] of Object.entries(trees.get(id)!.nodes)) {
      if (node.kind !== 'advice') continue;
      node.items.forEach((item, i) => {
        if (item.when === undefined || shown.has(`${id}\u0000${local}\u0000${item.id}`)) return;
        problems.push({
          code: 'item-never-shown',
          severity: 'warning',
          where: `${gemeente}/${id}`,
          pointer: `/nodes/${local}/items/${i}/when`,
          message: `No combination of answers shows item "${item.id}": its condition never holds where this advice is reached. Fix the condition or remove the item.`,
        });
      });
    }
  }
  return problems;
}

/** What an invariant names must exist: an unknown name would make it hold (or fail) vacuously. */
function referenceProblems(invariants: Invariant[], where: string, trees: Map<string, Tree>, services: ServiceCatalog | null): Problem[] {
  const problems: Problem[] = [];
  const items = new Set<string>();
  for (const t of trees.values())
    for (const n of Object.values(t.nodes)) if (n.kind === 'advice') for (const i of n.items) items.add(`${t.id}/${i.id}`);
  const serviceIds = new Set(services?.services.map((s) => s.id) ?? []);
  const seen = new Set<string>();
  invariants.forEach((inv, i) => {
    const at = `/invariants/${i}`;
    const problem = (pointer: string, message: string) =>
      problems.push({ code: 'invariant-unknown-name', severity: 'error', where, pointer: `${at}${pointer}`, message });
    if (seen.has(inv.id))
      problems.push({
        code: 'invariant-duplicate',
        severity: 'error',
        where,
        pointer: `${at}/id`,
        message: `Invariant id "${inv.id}" is used twice.`,
      });
    seen.add(inv.id);
    inv.roots?.forEach((r, j) => {
      const tree = trees.get(r);
      if (!tree || tree.door === 'sub') problem(`/roots/${j}`, `"${r}" is not a root tree (a tree whose door is not "sub").`);
    });
    if (inv.when !== undefined) {
      const scan = scanRule(inv.when, `${at}/when`);
      for (const issue of scan.issues)
        problems.push({ code: issue.code, severity: 'error', where, pointer: issue.pointer, message: issue.message });
      for (const v of scan.vars) {
        const [tree, question, ...more] = v.split('.');
        if (tree === 'profile' && question && !more.length) continue;
        const node = tree && question ? trees.get(tree)?.nodes[question] : undefined;
        if (!node || node.kind !== 'question' || more.length)
          problem('/when', `var "${v}" names no question. Write "<tree>.<question>" (e.g. "zorgen.gezien") or "profile.<fact>".`);
      }
    }
    inv.assert.forEach((a, j) => {
      if ('item' in a && a.item && !items.has(a.item))
        problem(`/assert/${j}/item`, `No advice item "${a.item}" in any tree. Write "<tree>/<item-id>".`);
      if ('service' in a && a.service && !serviceIds.has(a.service))
        problem(`/assert/${j}/service`, `Service "${a.service}" is not in services.json.`);
    });
  });
  return problems;
}

function sourceText(s: Source): string {
  return 'seed' in s ? `seed ${s.seed} lines ${s.lines}` : s.url;
}

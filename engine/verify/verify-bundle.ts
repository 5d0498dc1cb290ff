import type { FlatGraph } from '../compile/flat-graph.js';
import { flatten } from '../compile/flatten.js';
import { escapePointer } from '../logic/rule-scan.js';
import { ServiceCatalog } from '../schema/services-schema.js';
import { Tree } from '../schema/tree-schema.js';
import { explore, type Exploration } from './explore.js';
import { invariantProblems, type InvariantResult } from './invariant-problems.js';
import { cycleProblems } from './graph-checks.js';
import { hasErrors, type Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';
import { textProblems } from './text-checks.js';

export interface BundleInput {
  gemeente: string;
  /** name = the file name without .json; it must equal the tree's id. */
  trees: { name: string; json: unknown }[];
  services: unknown | null;
  /** invariants.json: policy rules proved on every path (absent or null: none). */
  invariants?: unknown | null;
}

export interface VerifiedBundle {
  gemeente: string;
  trees: Map<string, Tree>;
  services: ServiceCatalog | null;
  /** Flat graphs of every tree that verified without errors, keyed by tree id. */
  graphs: Map<string, FlatGraph>;
  explorations: Map<string, Exploration>;
  /** Each invariant and whether it held on every path of every root tree. */
  invariants: InvariantResult[];
  /** States the invariant proof (and option-inert check) walked, over all root trees. */
  proofStates: number;
  problems: Problem[];
}

/**
 * Everything architecture.md lists under "Trees are verified before they run". Pure: the caller
 * reads the files. A tree with an error gets no graph, so it cannot be served.
 */
export function verifyBundle(input: BundleInput): VerifiedBundle {
  const { gemeente } = input;
  const problems: Problem[] = [];
  const services = parseServices(input, problems);
  const serviceIds = new Set(services?.services.map((s) => s.id) ?? []);
  const trees = new Map<string, Tree>();
  const broken = new Set<string>();

  for (const file of input.trees) {
    const where = `${gemeente}/${file.name}`;
    const parsed = Tree.safeParse(file.json);
    if (!parsed.success) {
      problems.push(...schemaProblems(parsed.error, where));
      broken.add(file.name);
      continue;
    }
    const tree = parsed.data;
    const before = problems.length;
    if (tree.id !== file.name) {
      problems.push({
        code: 'tree-id-mismatch',
        severity: 'error',
        where,
        pointer: '/id',
        message: `id "${tree.id}" differs from the file name "${file.name}.json". Rename one of them.`,
      });
    }
    if (tree.gemeente !== gemeente) {
      problems.push({
        code: 'gemeente-mismatch',
        severity: 'error',
        where,
        pointer: '/gemeente',
        message: `gemeente "${tree.gemeente}" but the file lies in trees/${gemeente}/.`,
      });
    }
    problems.push(...textProblems(file.json, where, tree.status === 'published'));
    problems.push(...serviceProblems(tree, where, serviceIds, services !== null));
    problems.push(...ruleSourceProblems(tree, where));
    if (hasErrors(problems.slice(before))) broken.add(tree.id);
    trees.set(tree.id, tree);
  }

  const graphs = new Map<string, FlatGraph>();
  const explorations = new Map<string, Exploration>();
  const reachedNodes = new Set<string>();
  const takenRoutes = new Set<string>();
  for (const tree of trees.values()) {
    const before = problems.length;
    const { graph, problems: flatProblems } = flatten(trees, tree.id);
    problems.push(...flatProblems);
    if (!graph || hasErrors(flatProblems)) continue;
    const cycles = cycleProblems(graph);
    problems.push(...cycles);
    if (cycles.length) continue;
    const found = explore(graph, services);
    explorations.set(tree.id, found);
    problems.push(...explorationProblems(graph, found));
    for (const id of found.reached) {
      const n = graph.nodes.get(id)!;
      reachedNodes.add(`${n.treeId}\u0000${n.local}`);
    }
    for (const key of found.taken) {
      const [id, index] = key.split('#');
      const n = graph.nodes.get(id!)!;
      takenRoutes.add(`${n.treeId}\u0000${n.routes[Number(index)]!.pointer}`);
    }
    if (!hasErrors(problems.slice(before)) && !usesBroken(graph, broken)) graphs.set(tree.id, graph);
  }
  for (const tree of trees.values()) {
    if (!explorations.has(tree.id)) continue;
    problems.push(...reachabilityProblems(tree, gemeente, reachedNodes, takenRoutes));
  }
  for (const id of broken) graphs.delete(id);
  const proved = invariantProblems(input.invariants ?? null, gemeente, trees, graphs, services);
  problems.push(...proved.problems);
  // A root tree that breaks a policy rule is not served, like any other error.
  for (const id of proved.refused) graphs.delete(id);
  return {
    gemeente,
    trees,
    services,
    graphs,
    explorations,
    invariants: proved.results,
    proofStates: proved.states,
    problems: dedupe(problems),
  };
}

function parseServices(input: BundleInput, problems: Problem[]): ServiceCatalog | null {
  if (input.services === null) return null;
  const where = `${input.gemeente}/services.json`;
  const parsed = ServiceCatalog.safeParse(input.services);
  if (!parsed.success) {
    problems.push(...schemaProblems(parsed.error, where));
    return null;
  }
  const seen = new Set<string>();
  parsed.data.services.forEach((s, i) => {
    if (seen.has(s.id))
      problems.push({
        code: 'service-duplicate',
        severity: 'error',
        where,
        pointer: `/services/${i}/id`,
        message: `Service id "${s.id}" is used twice; ids must be unique.`,
      });
    seen.add(s.id);
  });
  problems.push(...textProblems(input.services, where, true));
  return parsed.data;
}

function serviceProblems(tree: Tree, where: string, known: Set<string>, haveCatalog: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const [local, node] of Object.entries(tree.nodes)) {
    if (node.kind !== 'advice') continue;
    node.items.forEach((item, i) => {
      (item.services ?? []).forEach((id, j) => {
        if (known.has(id)) return;
        problems.push({
          code: 'unknown-service',
          severity: 'error',
          where,
          pointer: `/nodes/${escapePointer(local)}/items/${i}/services/${j}`,
          message: haveCatalog
            ? `Service "${id}" is not in ${tree.gemeente}/services.json. Add it there (with its source) or fix the id.`
            : `Service "${id}" cannot be checked: ${tree.gemeente}/services.json is missing or invalid.`,
        });
      });
    });
  }
  return problems;
}

/**
 * Every rule names its source: a node that branches on answers must cite the policy line or public
 * page its conditions come from (the tree's own sources say where the content comes from, not why
 * this route). A warning, so drafts can be written first; CI keeps warnings at zero for Haarlem.
 */
function ruleSourceProblems(tree: Tree, where: string): Problem[] {
  const problems: Problem[] = [];
  for (const [local, node] of Object.entries(tree.nodes)) {
    if (!('next' in node) || typeof node.next !== 'object' || !node.next) continue;
    if ('sources' in node && node.sources?.length) continue;
    problems.push({
      code: 'rule-source-missing',
      severity: 'warning',
      where,
      pointer: `/nodes/${escapePointer(local)}`,
      message: `Node "${local}" routes on answers but names no source for that rule. Add "sources": [{ "seed": "001", "lines": "…" }] or a public page.`,
    });
  }
  return problems;
}

function explorationProblems(graph: FlatGraph, found: Exploration): Problem[] {
  const problems: Problem[] = [];
  const at = (id: string) => graph.nodes.get(id)!;
  const where = (id: string) => `${graph.gemeente}/${at(id).treeId}`;
  for (const id of found.deadEnds) {
    problems.push({
      code: 'dead-end',
      severity: 'error',
      where: where(id),
      pointer: at(id).pointer,
      message: `Some answers stop at "${id}": no route matches. Add an "otherwise".`,
    });
  }
  for (const id of found.unsafeEnds) {
    problems.push({
      code: 'no-safety-net',
      severity: 'error',
      where: where(id),
      pointer: at(id).pointer,
      message: `A path reaches end "${id}" (from root tree "${graph.rootTree}") without any advice naming a service a person can call or visit. Every path needs a human to contact: add an advice item with such a service before this end.`,
    });
  }
  for (const [id, example] of found.overlaps) {
    problems.push({
      code: 'overlap',
      severity: 'warning',
      where: where(id),
      pointer: `${at(id).pointer}/next`,
      message: `Routes are marked exclusive but more than one matches, e.g. for answer ${JSON.stringify(example)}. Tighten the conditions.`,
    });
  }
  for (const [key, missing] of found.unanswered) {
    const [pointer, id] = key.split('@');
    problems.push({
      code: 'logic-reads-unanswered',
      severity: 'warning',
      where: where(id!),
      pointer: pointer!,
      message: `On some path this condition reads ${missing.join(', ')} before it was asked; it then sees null. Check the order of questions.`,
    });
  }
  if (!found.complete) {
    problems.push({
      code: 'not-exhaustive',
      severity: 'warning',
      where: `${graph.gemeente}/${graph.rootTree}`,
      pointer: '',
      message: `Too many answer combinations to try all (${found.states} states); the proof is partial. Split large multiple-choice questions.`,
    });
  }
  return problems;
}

function reachabilityProblems(tree: Tree, gemeente: string, reached: Set<string>, taken: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const where = `${gemeente}/${tree.id}`;
  for (const [local, node] of Object.entries(tree.nodes)) {
    const pointer = `/nodes/${escapePointer(local)}`;
    if (!reached.has(`${tree.id}\u0000${local}`)) {
      problems.push({
        code: 'unreachable',
        severity: 'error',
        where,
        pointer,
        message: `No combination of answers reaches node "${local}". Route to it, or remove it.`,
      });
      continue;
    }
    if ('next' in node && node.next && typeof node.next === 'object') {
      node.next.routes.forEach((_, i) => {
        const p = `${pointer}/next/routes/${i}/when`;
        if (!taken.has(`${tree.id}\u0000${p}`)) {
          problems.push({
            code: 'route-never-taken',
            severity: 'warning',
            where,
            pointer: p,
            message: 'No combination of answers takes this route: an earlier route always wins, or the condition can never be true.',
          });
        }
      });
    }
  }
  return problems;
}

function usesBroken(graph: FlatGraph, broken: Set<string>): boolean {
  for (const n of graph.nodes.values()) if (broken.has(n.treeId)) return true;
  return false;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.where}|${p.pointer}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

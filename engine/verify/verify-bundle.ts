import { audienceKey, type FlatGraph } from '../compile/flat-graph.js';
import { flatten } from '../compile/flatten.js';
import { escapePointer, scanRule } from '../logic/rule-scan.js';
import type { GemeenteConfig } from '../schema/gemeente-schema.js';
import type { Profile } from '../schema/profile-schema.js';
import { ServiceCatalog } from '../schema/services-schema.js';
import { Tree } from '../schema/tree-schema.js';
import { answerUnusedProblems, readAnswers } from './answer-unused.js';
import { DEFAULT_LIMITS, type ExploreBudget, type VerifyLimits } from './budget.js';
import { budgetProblem } from './budget-problem.js';
import { explore, type Exploration } from './explore.js';
import { verifyGemeenteConfig } from './gemeente-checks.js';
import { invariantProblems, type InvariantResult } from './invariant-problems.js';
import { cycleProblems } from './graph-checks.js';
import { hasErrors, type Problem } from './problem.js';
import { audienceTextProblems, declarationProblems, parseProfile } from './profile-checks.js';
import { schemaProblems } from './schema-problems.js';
import { textProblems } from './text-checks.js';

export interface BundleInput {
  gemeente: string;
  /** name = the file name without .json; it must equal the tree's id. */
  trees: { name: string; json: unknown }[];
  services: unknown | null;
  /** gemeente.json; null or absent: clients fall back to generic words ("de gemeente", no number). */
  config?: unknown | null;
  /** profile.json: the municipality's profile questions (absent or null: none). */
  profile?: unknown | null;
  /** invariants.json: policy rules proved on every path (absent or null: none). */
  invariants?: unknown | null;
}

export interface VerifyOptions {
  /**
   * Answers read outside the trees (e.g. by invariants), as "treeId/question" or "profile.<fact>":
   * they count as read for `answer-unused`.
   */
  extraReads?: Iterable<string>;
  /** Overrides of DEFAULT_LIMITS (the server reads VERIFY_MAX_STATES and VERIFY_MAX_MS). */
  limits?: Partial<VerifyLimits>;
  /** The clock the time budget is read from, in milliseconds. */
  now?: () => number;
}

export interface VerifiedBundle {
  gemeente: string;
  trees: Map<string, Tree>;
  services: ServiceCatalog | null;
  config: GemeenteConfig | null;
  profile: Profile | null;
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
export function verifyBundle(input: BundleInput, options: VerifyOptions = {}): VerifiedBundle {
  const { gemeente } = input;
  const limits: VerifyLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const budget: ExploreBudget = { maxStates: limits.maxStates, deadline: now() + limits.maxMs, now };
  const problems: Problem[] = [];
  const services = parseServices(input, problems);
  const checked = input.config == null ? { config: null, problems: [] } : verifyGemeenteConfig(input.config, gemeente);
  problems.push(...checked.problems);
  const profile = parseProfile(input.profile, gemeente, problems);
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
    problems.push(...declarationProblems(tree, where, profile));
    if (hasErrors(problems.slice(before))) broken.add(tree.id);
    trees.set(tree.id, tree);
  }

  const graphs = new Map<string, FlatGraph>();
  const explorations = new Map<string, Exploration>();
  const reachedNodes = new Set<string>();
  const takenRoutes = new Set<string>();
  const reads = readAnswers(trees.values(), profile, [...invariantReads(input.invariants), ...(options.extraReads ?? [])]);
  for (const tree of trees.values()) {
    const unused = answerUnusedProblems(tree, `${gemeente}/${tree.id}`, reads, profile);
    problems.push(...unused);
    if (hasErrors(unused)) broken.add(tree.id);
  }
  for (const fact of Object.keys(profile?.facts ?? {})) {
    if (reads.has(`profile.${fact}`)) continue;
    // Never asked (a gate is put only where a fact is read), so a warning: dead weight, not data collected.
    problems.push({
      code: 'answer-unused',
      severity: 'warning',
      where: `${gemeente}/profile.json`,
      pointer: `/facts/${escapePointer(fact)}`,
      message: `No tree reads profile fact "${fact}", so it is never asked. Read it in a condition, or remove it.`,
    });
  }
  const afterAudience = new Set<string>();
  const unproved = new Set<string>();
  for (const tree of trees.values()) {
    const before = problems.length;
    const { graph, problems: flatProblems } = flatten(trees, tree.id, profile);
    problems.push(...flatProblems);
    if (!graph || hasErrors(flatProblems)) continue;
    const cycles = cycleProblems(graph);
    problems.push(...cycles);
    if (cycles.length) continue;
    const found = explore(graph, services, budget);
    explorations.set(tree.id, found);
    for (const id of treesAfterAudience(graph)) afterAudience.add(id);
    if (found.exceeded) {
      // A stopped exploration proves nothing, not even which nodes are unreachable.
      problems.push(budgetProblem(graph, found, limits));
      for (const n of graph.nodes.values()) unproved.add(n.treeId);
      continue;
    }
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
    const audience = profile?.audienceFact;
    const mayBeOther = afterAudience.has(tree.id) || (!!audience && !!tree.profile?.includes(audience));
    problems.push(...audienceTextProblems(tree, `${gemeente}/${tree.id}`, mayBeOther));
    if (!explorations.has(tree.id) || unproved.has(tree.id)) continue;
    problems.push(...reachabilityProblems(tree, gemeente, reachedNodes, takenRoutes));
  }
  for (const id of broken) graphs.delete(id);
  // Audience wording is checked once every graph is known (which trees run after the audience fact).
  const misworded = new Set(
    [...trees.keys()].filter((id) => problems.some((p) => p.code === 'audience-variant-missing' && p.where === `${gemeente}/${id}`)),
  );
  for (const [id, graph] of graphs) if (usesBroken(graph, misworded)) graphs.delete(id);
  // The proof is bounded by states only, not by the clock: whether a rule is proved must not
  // depend on how busy the machine is (a loaded CI runner would refuse a large bundle).
  const proved = invariantProblems(input.invariants ?? null, gemeente, trees, graphs, services, limits.maxProofStates);
  problems.push(...proved.problems);
  // A root tree that breaks a policy rule is not served, like any other error.
  for (const id of proved.refused) graphs.delete(id);
  // A broken gemeente.json refuses the whole bundle: its trees would otherwise run without the
  // municipality's numbers, and the previous good version keeps serving instead.
  if (hasErrors(checked.problems)) graphs.clear();
  return {
    gemeente,
    trees,
    services,
    config: checked.config,
    profile,
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
 * this route). A warning, so drafts can be written first; CI keeps warnings at zero for shipped trees.
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
  for (const [key, missing] of found.unasked) {
    const [pointer, id] = key.split('@');
    problems.push({
      code: 'profile-asked-late',
      severity: 'error',
      where: where(id!),
      pointer: pointer!,
      message: `On some path ${missing.join(', ')} is needed here before it was asked. Declare the fact in the tree's "profile" list so the engine asks it first.`,
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
  for (const id of found.partial) {
    problems.push({
      code: 'not-exhaustive',
      severity: 'error',
      where: where(id),
      pointer: `${at(id).pointer}/input/options`,
      message: `Multiple choice "${at(id).local}" has too many options to try every combination, so the tree cannot be proved and is refused. Keep it to 12 options, or split it into several questions.`,
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

/** Trees some node of which a path reaches after the audience fact was asked (the asker may be someone else there). */
function treesAfterAudience(graph: FlatGraph): Set<string> {
  const key = audienceKey(graph);
  const out = new Set<string>();
  if (!key) return out;
  const queue = [...graph.nodes.values()].filter((n) => n.answer === key).map((n) => n.id);
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const n = graph.nodes.get(queue[i]!);
    if (!n) continue;
    out.add(n.treeId);
    for (const r of n.routes) if (!seen.has(r.to)) (seen.add(r.to), queue.push(r.to));
  }
  return out;
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

/**
 * The answers invariants.json reads ("<tree>.<question>" → "<tree>/<question>", "profile.<fact>"):
 * they count as read for `answer-unused`. A malformed file is reported by the invariant proof.
 */
function invariantReads(json: unknown): string[] {
  const list = (json as { invariants?: { when?: unknown }[] } | null)?.invariants;
  if (!Array.isArray(list)) return [];
  return list.flatMap((inv) =>
    scanRule(inv?.when ?? true).vars.map((v) => {
      const [head, name] = v.split('.');
      return head === 'profile' ? `profile.${name}` : `${head}/${name}`;
    }),
  );
}

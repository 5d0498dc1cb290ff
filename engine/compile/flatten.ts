import { apply, evaluate } from '../logic/evaluate.js';
import { escapePointer, scanRule } from '../logic/rule-scan.js';
import { layerOf } from '../plan/layers.js';
import type { Profile } from '../schema/profile-schema.js';
import { LIMITS } from '../schema/limits.js';
import type { Next, Rule, Tree } from '../schema/tree-schema.js';
import type { Problem } from '../verify/problem.js';
import { PROFILE, type FlatCondition, type FlatGraph, type FlatNode, type FlatRoute, type Lookup } from './flat-graph.js';
import { insertGates } from './profile-gates.js';

interface Ctx {
  trees: Map<string, Tree>;
  nodes: Map<string, FlatNode>;
  problems: Problem[];
  gemeente: string;
  profile: Profile | null;
  /** Set once the inlined graph passed LIMITS.flatNodes: inlining stops there. */
  tooLarge?: boolean;
}

/**
 * Inlines every sub-flow of `rootId` at its call site, giving one flat graph of states. Problems
 * that make a tree impossible to run (unknown targets, trees, vars; recursion) are collected,
 * never thrown, so an author sees all of them at once. `profile` is the municipality's
 * profile.json (already verified): each node that reads a fact gets the gates that ask it first.
 */
export function flatten(
  trees: Map<string, Tree>,
  rootId: string,
  profile: Profile | null = null,
): { graph: FlatGraph | null; problems: Problem[] } {
  const root = trees.get(rootId);
  const gemeente = root?.gemeente ?? '?';
  const ctx: Ctx = { trees, nodes: new Map(), problems: [], gemeente, profile };
  if (!root) {
    ctx.problems.push({
      code: 'unknown-tree',
      severity: 'error',
      where: `${gemeente}/${rootId}`,
      pointer: '',
      message: `No tree with id "${rootId}" was loaded.`,
    });
    return { graph: null, problems: ctx.problems };
  }
  inline(ctx, root, '', null, [root.id]);
  const start = insertGates(ctx.nodes, root.start, profile, (treeId, code, pointer, message) =>
    ctx.problems.push({ code, severity: 'error', where: `${gemeente}/${treeId}`, pointer, message }),
  );
  const graph: FlatGraph = {
    gemeente,
    rootTree: root.id,
    rootVersion: root.version,
    start,
    nodes: ctx.nodes,
    trees,
    profile,
  };
  return { graph, problems: ctx.problems };
}

/** `returnTo`: where the ends of this tree lead when it runs as a sub-flow (null: real ends). */
function inline(ctx: Ctx, tree: Tree, scope: string, returnTo: string | null, stack: string[]): void {
  const where = `${tree.gemeente}/${tree.id}`;
  const problem = (code: string, pointer: string, message: string, severity: Problem['severity'] = 'error') =>
    ctx.problems.push({ code, severity, where, pointer, message });
  // Sub-flows used from many places multiply: a few levels of them could fill the memory.
  if (ctx.nodes.size + Object.keys(tree.nodes).length > LIMITS.flatNodes) {
    if (!ctx.tooLarge)
      problem(
        'tree-too-large',
        '',
        `With its sub-flows inlined, tree "${stack[0]}" would pass ${LIMITS.flatNodes} nodes. Use fewer sub-flows in more than one place, or split the tree.`,
      );
    ctx.tooLarge = true;
    return;
  }
  if (!tree.nodes[tree.start]) {
    problem(
      'unknown-target',
      '/start',
      `start names node "${tree.start}", which does not exist. Known nodes: ${Object.keys(tree.nodes).join(', ')}.`,
    );
  }
  const target = (local: string, pointer: string): string => {
    if (!tree.nodes[local]) {
      problem('unknown-target', pointer, `"${local}" is not a node of this tree. Known nodes: ${Object.keys(tree.nodes).join(', ')}.`);
    }
    return scope + local;
  };
  const derivedCache = new Map<string, (get: Lookup) => unknown>();
  const condition = (rule: Rule, pointer: string) => compileCondition(tree, scope, rule, pointer, problem, ctx.profile, derivedCache);

  for (const [local, node] of Object.entries(tree.nodes)) {
    const pointer = `/nodes/${escapePointer(local)}`;
    const base = { id: scope + local, scope, treeId: tree.id, local, pointer, items: [] as FlatNode['items'] };
    const routesOf = (next: Next): FlatRoute[] => compileNext(next, `${pointer}/next`, target, condition);
    switch (node.kind) {
      case 'question':
      case 'info':
      case 'route':
        add(ctx, { ...base, kind: node.kind, source: node, routes: routesOf(node.next) });
        break;
      case 'advice':
        add(ctx, {
          ...base,
          kind: 'advice',
          source: node,
          items: node.items.map((item) => ({ ...item, ...layerOf(item) })),
          // Only where some item has a condition: the machine then filters the items on every entry.
          ...(node.items.some((item) => item.when !== undefined)
            ? {
                itemWhen: node.items.map((item, i) =>
                  item.when === undefined ? null : condition(item.when, `${pointer}/items/${i}/when`),
                ),
              }
            : {}),
          routes: routesOf(node.next),
        });
        break;
      case 'end':
        add(ctx, {
          ...base,
          kind: returnTo ? 'route' : 'end',
          source: node,
          routes: returnTo ? [fallback(returnTo, pointer)] : [],
        });
        break;
      case 'flow': {
        const after = node.next ? target(node.next, `${pointer}/next`) : returnTo;
        const sub = callTree(ctx, node.tree, `${pointer}/tree`, stack, problem);
        const childScope = `${scope}${local}/`;
        add(ctx, { ...base, kind: 'route', source: node, routes: [fallback(childScope + (sub?.start ?? ''), pointer)] });
        if (sub) inline(ctx, sub, childScope, after, [...stack, sub.id]);
        break;
      }
      case 'each': {
        const over = tree.nodes[node.over];
        if (!over || over.kind !== 'question' || over.input.type !== 'multi') {
          problem('each-over', `${pointer}/over`, `"over" must name a multiple-choice question of this tree; "${node.over}" is not one.`);
          add(ctx, { ...base, kind: 'route', source: node, routes: [fallback(target(node.next, `${pointer}/next`), pointer)] });
          break;
        }
        const options = over.input.options.map((o) => o.value);
        for (const key of Object.keys(node.flows)) {
          if (!options.includes(key)) {
            problem(
              'each-option',
              `${pointer}/flows/${escapePointer(key)}`,
              `"${key}" is not an option of question "${node.over}". Options: ${options.join(', ')}.`,
            );
          }
        }
        // Visit the chosen options' sub-flows one after another, in the question's option order.
        const visits = options.filter((o) => node.flows[o]);
        const checkId = (i: number) => (i === 0 ? scope + local : `${scope}${local}/na-${visits[i - 1]}`);
        const next = target(node.next, `${pointer}/next`);
        visits.forEach((option, i) => {
          const after = i + 1 < visits.length ? checkId(i + 1) : next;
          const sub = callTree(ctx, node.flows[option]!, `${pointer}/flows/${escapePointer(option)}`, stack, problem);
          const childScope = `${scope}${local}/${option}/`;
          const rule: Rule = { in: [option, { var: node.over }] };
          const chosen = condition(rule, `${pointer}/flows/${escapePointer(option)}`);
          add(ctx, {
            ...base,
            id: checkId(i),
            kind: 'route',
            source: node,
            routes: [{ ...chosen, to: childScope + (sub?.start ?? '') }, fallback(after, pointer)],
          });
          if (sub) inline(ctx, sub, childScope, after, [...stack, sub.id]);
        });
        if (visits.length === 0) add(ctx, { ...base, kind: 'route', source: node, routes: [fallback(next, pointer)] });
        break;
      }
    }
  }
}

function add(ctx: Ctx, node: FlatNode) {
  ctx.nodes.set(node.id, node);
}

function callTree(ctx: Ctx, id: string, pointer: string, stack: string[], problem: (c: string, p: string, m: string) => void): Tree | null {
  const sub = ctx.trees.get(id);
  if (!sub) {
    problem('unknown-tree', pointer, `No tree "${id}" in ${ctx.gemeente}. Known trees: ${[...ctx.trees.keys()].join(', ')}.`);
    return null;
  }
  if (stack.length >= LIMITS.flowDepth) {
    problem(
      'flow-too-deep',
      pointer,
      `Sub-flows are nested more than ${LIMITS.flowDepth} deep (${stack.join(' → ')}). Flatten the nesting.`,
    );
    return null;
  }
  if (stack.includes(id)) {
    problem('flow-cycle', pointer, `Tree "${id}" would call itself (${[...stack, id].join(' → ')}). Sub-flows may not loop back.`);
    return null;
  }
  return sub;
}

const fallback = (to: string, pointer: string): FlatRoute => ({ when: null, to, reads: [], test: () => true, pointer });

function compileNext(
  next: Next,
  pointer: string,
  target: (local: string, pointer: string) => string,
  condition: (rule: Rule, pointer: string) => FlatCondition,
): FlatRoute[] {
  if (typeof next === 'string') return [fallback(target(next, pointer), pointer)];
  const routes = next.routes.map((r, i) => ({
    ...condition(r.when, `${pointer}/routes/${i}/when`),
    to: target(r.to, `${pointer}/routes/${i}/to`),
  }));
  return [...routes, fallback(target(next.otherwise, `${pointer}/otherwise`), `${pointer}/otherwise`)];
}

/** Binds a rule to its scope: var "x" reads answer scope+x, "derived.n" the tree's derived value n. */
function compileCondition(
  tree: Tree,
  scope: string,
  rule: Rule,
  pointer: string,
  problem: (code: string, pointer: string, message: string) => void,
  profile: Profile | null,
  derivedCache: Map<string, (get: Lookup) => unknown>,
  insideDerived = false,
): FlatCondition {
  const scan = scanRule(rule, pointer);
  for (const issue of scan.issues) problem(issue.code, issue.pointer, issue.message);
  const answers = new Set<string>();
  const derived = new Set<string>();
  const facts = new Set<string>();
  for (const path of scan.vars) {
    const [head, name] = path.split('.');
    if (head === 'derived' && name && tree.derived?.[name] && !insideDerived) derived.add(name);
    else if (head === 'profile' && name && !tree.nodes[head]) {
      if (profileReadProblem(tree, profile, name, pointer, problem)) facts.add(name);
    } else if (head && tree.nodes[head]?.kind === 'question') answers.add(head);
    else {
      const questions = Object.keys(tree.nodes).filter((k) => tree.nodes[k]!.kind === 'question');
      const known = [...questions, ...Object.keys(tree.derived ?? {}).map((d) => `derived.${d}`)];
      problem('logic-unknown-var', pointer, `var "${path}" reads nothing known in tree "${tree.id}". It can read: ${known.join(', ')}.`);
    }
  }
  const derivedFns = [...derived].map((name) => {
    let fn = derivedCache.get(name);
    if (!fn) {
      const def = tree.derived![name]!;
      // A derived value reads answers only: no chains of derived values to untangle.
      const inner = compileCondition(tree, scope, def.rule, `/derived/${escapePointer(name)}/rule`, problem, profile, derivedCache, true);
      const innerFacts = inner.reads.filter((id) => id.startsWith(PROFILE)).map((id) => id.slice(PROFILE.length));
      const innerAnswers = inner.reads.filter((id) => !id.startsWith(PROFILE)).map((id) => id.slice(scope.length));
      const innerData = dataFor(innerAnswers, scope, innerFacts);
      const compiled = (get: Lookup) => apply(def.rule, innerData(get));
      (compiled as { reads?: string[] }).reads = inner.reads;
      derivedCache.set(name, compiled);
      fn = compiled;
    }
    return [name, fn] as const;
  });
  const locals = [...answers];
  const reads = new Set(locals.map((l) => scope + l));
  for (const f of facts) reads.add(PROFILE + f);
  for (const [, fn] of derivedFns) for (const id of (fn as { reads?: string[] }).reads ?? []) reads.add(id);
  const dataOf = dataFor(locals, scope, [...facts]);
  const test = (get: Lookup) => {
    const data = dataOf(get);
    if (derivedFns.length) {
      const values = Object.create(null) as Record<string, unknown>;
      for (const [name, fn] of derivedFns) values[name] = fn(get);
      data.derived = values;
    }
    return evaluate(rule, data);
  };
  return { when: rule, reads: [...reads], test, pointer };
}

/**
 * The data a rule sees: its tree's own answer names, read under the scope it was inlined at, and
 * the profile facts it reads under `profile` (global: one answer per session, whatever the scope).
 * The scoped ids are joined once, when the rule is compiled: tests run many times per answer
 * (routing, the progress count, explain), and a fresh `scope + local` string is hashed anew on
 * every lookup.
 */
function dataFor(locals: string[], scope: string, facts: string[] = []): (get: Lookup) => Record<string, unknown> {
  const ids = locals.map((local) => scope + local);
  const keys = facts.map((f) => PROFILE + f);
  return (get) => {
    const data = Object.create(null) as Record<string, unknown>;
    for (let i = 0; i < locals.length; i++) data[locals[i]!] = get(ids[i]!) ?? null;
    if (keys.length) {
      const profile = Object.create(null) as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) profile[facts[i]!] = get(keys[i]!) ?? null;
      data.profile = profile;
    }
    return data;
  };
}

/** A rule may read a fact that profile.json defines and its tree declares; says which is missing. */
function profileReadProblem(
  tree: Tree,
  profile: Profile | null,
  fact: string,
  pointer: string,
  problem: (code: string, pointer: string, message: string) => void,
): boolean {
  if (!profile?.facts[fact]) {
    const known = Object.keys(profile?.facts ?? {});
    problem(
      'profile-unknown-fact',
      pointer,
      known.length
        ? `var "profile.${fact}" reads a fact that ${tree.gemeente}/profile.json does not define. Known facts: ${known.join(', ')}.`
        : `var "profile.${fact}" reads a profile fact, but ${tree.gemeente} has no (valid) profile.json. Add the fact there.`,
    );
    return false;
  }
  if (!tree.profile?.includes(fact)) {
    problem(
      'profile-undeclared',
      pointer,
      `var "profile.${fact}" reads a profile fact tree "${tree.id}" does not declare. Add "${fact}" to its "profile" list.`,
    );
    return false;
  }
  return true;
}

import { answerKey, itemsHere, PROFILE, type FlatGraph, type FlatNode, type Lookup } from '../compile/flat-graph.js';
import { postOrder } from '../compile/post-order.js';
import { scanRule } from '../logic/rule-scan.js';
import type { QuestionNode } from '../schema/tree-schema.js';
import type { ServiceCatalog } from '../schema/services-schema.js';
import { budgetMeter, DEFAULT_BUDGET, type BudgetExceeded, type ExploreBudget } from './budget.js';
import { valueDomain } from './value-domain.js';

export interface Exploration {
  /** Flat ids of every node some answer combination reaches. */
  reached: Set<string>;
  /** "nodeId#routeIndex" of every transition some answer combination takes. */
  taken: Set<string>;
  /** Nodes where more than one route of an exclusive node matched, with an example answer. */
  overlaps: Map<string, unknown>;
  /** Routes whose condition read an answer not given on that path. */
  unanswered: Map<string, string[]>;
  /** "pointer@node" where a profile fact is needed (read by a route, text or item) before it was asked. */
  unasked: Map<string, string[]>;
  /** End nodes some path reaches without any advice that names a human to contact. */
  unsafeEnds: Set<string>;
  /** Non-end nodes where a path stops (no route matched: cannot happen with a fallback). */
  deadEnds: Set<string>;
  /** Multiple-choice questions with too many options to try every subset (see valueDomain). */
  partial: Set<string>;
  complete: boolean;
  states: number;
  /** Set when the budget ran out: the exploration stopped there and proves nothing. */
  exceeded?: BudgetExceeded;
}

/**
 * Walks every combination of answers that can make a difference, proving the tree's paths all
 * end. A state is (node, the answers still read further on, whether a human contact is in the
 * plan yet): answers nobody reads again are forgotten, which keeps a multi-domain tree from
 * multiplying its sub-flows' paths.
 */
export function explore(graph: FlatGraph, services: ServiceCatalog | null, budget: ExploreBudget = DEFAULT_BUDGET): Exploration {
  const live = liveAnswers(graph);
  const compared = comparedConstants(graph);
  const humanServices = new Set((services?.services ?? []).filter((s) => s.contact.phone || s.contact.address).map((s) => s.id));
  const result: Exploration = {
    reached: new Set(),
    taken: new Set(),
    overlaps: new Map(),
    unanswered: new Map(),
    unasked: new Map(),
    unsafeEnds: new Set(),
    deadEnds: new Set(),
    partial: new Set(),
    complete: true,
    states: 0,
  };
  // Each distinct answer value gets a short number: keys stay small, so memory follows the state count.
  const valueIds = new Map<string, number>();
  const valueId = (value: unknown) => {
    const json = JSON.stringify(value);
    let vid = valueIds.get(json);
    if (vid === undefined) valueIds.set(json, (vid = valueIds.size));
    return vid;
  };
  const keyOf = (node: string, answers: Record<string, unknown>, safe: boolean) => {
    let key = `${node}|${safe ? 1 : 0}`;
    for (const id of Object.keys(answers).sort()) key += `|${id}=${valueId(answers[id])}`;
    return key;
  };
  let states = 0;
  const meter = budgetMeter(budget);
  const nodeOf = (id: string) => graph.nodes.get(id)!;
  // Only the items whose condition holds on this path count: a conditional 112 is no safety net.
  const isHuman = (n: FlatNode, get: Lookup) =>
    n.kind === 'advice' && itemsHere(n, get).some((i) => i.layer === 'spoed' || (i.services ?? []).some((s) => humanServices.has(s)));

  /**
   * A sub-flow reads only its own answers and the profile facts, and starts with none of its own,
   * so its paths depend on the caller only through the profile facts it reads: explore it once
   * per entry, safety flag and values of those facts, and reuse the exits it can reach, with the
   * profile facts answered inside it. Without this, a multi-domain tree multiplies every
   * sub-flow by every choice of domains.
   */
  const summaries = new Map<string, Map<string, Exit>>();
  const region = (entry: string, safe: boolean, answers: Record<string, unknown>) => {
    const facts = profileReadsIn(entry);
    const given: Record<string, unknown> = {};
    let key = `${entry}|${safe}`;
    for (const k of facts) if (k in answers) ((given[k] = answers[k]), (key += `|${k}=${JSON.stringify(answers[k])}`));
    let exits = summaries.get(key);
    if (!exits) {
      exits = new Map();
      summaries.set(key, exits);
      const found = exits;
      walkRegion(entry, given, safe, nodeOf(entry).scope, (exit, s, at) => {
        const profile: Record<string, unknown> = {};
        for (const k in at) if (k.startsWith(PROFILE)) profile[k] = at[k];
        found.set(keyOf(exit, profile, s), { exit, safe: s, profile });
      });
    }
    return exits.values();
  };
  const readsIn = new Map<string, Set<string>>();
  /** The profile keys read inside the sub-flow entered at `entry` (its scope, statically). */
  const profileReadsIn = (entry: string): Set<string> => {
    let found = readsIn.get(entry);
    if (found) return found;
    found = new Set();
    const scope = nodeOf(entry).scope;
    const queue = [entry];
    const queued = new Set(queue);
    for (let i = 0; i < queue.length; i++) {
      const n = graph.nodes.get(queue[i]!);
      if (!n || !n.scope.startsWith(scope)) continue;
      for (const k of n.needs ?? []) found.add(k);
      for (const r of n.routes) {
        for (const k of r.reads) if (k.startsWith(PROFILE)) found.add(k);
        if (!queued.has(r.to)) (queued.add(r.to), queue.push(r.to));
      }
    }
    readsIn.set(entry, found);
    return found;
  };

  const walkRegion = (
    entry: string,
    entryAnswers: Record<string, unknown>,
    entrySafe: boolean,
    scope: string,
    onExit: (exit: string, safe: boolean, answers: Record<string, unknown>) => void,
  ) => {
    const seen = new Set<string>();
    const stack: { node: string; answers: Record<string, unknown>; safe: boolean }[] = [];
    /** `from`: the node whose answer made this state, so a blown budget can name it. */
    const push = (node: string, answers: Record<string, unknown>, safe: boolean, from?: string) => {
      if (!graph.nodes.has(node)) return;
      if (!nodeOf(node).scope.startsWith(scope)) return onExit(node, safe, answers);
      const key = keyOf(node, answers, safe);
      if (seen.has(key)) return;
      if (meter.full(states)) return;
      seen.add(key);
      states++;
      if (from) meter.made(from);
      stack.push({ node, answers, safe });
    };
    push(entry, entryAnswers, entrySafe);

    while (stack.length && !meter.stopped) {
      const { node: id, answers, safe } = stack.pop()!;
      result.reached.add(id);
      const node = nodeOf(id);
      if (node.needs) {
        const missing = node.needs.filter((k) => !(k in answers));
        if (missing.length) result.unasked.set(`${node.pointer}@${id}`, missing);
      }
      if (node.kind === 'end') {
        if (!safe) result.unsafeEnds.add(id);
        continue;
      }
      const nowSafe = safe || isHuman(node, (k) => answers[k]);
      const values = node.kind === 'question' ? domainOf(node, compared) : node.kind === 'info' ? { values: [null], complete: true } : null;
      if (values && !values.complete) {
        result.complete = false;
        result.partial.add(id);
      }
      const own = answerKey(node);
      for (const value of values ? values.values : [undefined]) {
        if (meter.tick()) break;
        const get = (k: string) => (values && k === own ? value : answers[k]);
        const route = pickRoute(node, get, answers, values ? own : null, value, result);
        if (route < 0) {
          result.deadEnds.add(id);
          continue;
        }
        result.taken.add(`${id}#${route}`);
        const to = node.routes[route]!.to;
        // Keep only what is still read from the next node on: forgotten answers cannot change a path.
        const carry = (target: string) => {
          const liveThere = live.get(target) ?? EMPTY;
          const next: Record<string, unknown> = {};
          for (const k in answers) if (liveThere.has(k)) next[k] = answers[k];
          if (values && liveThere.has(own)) next[own] = value;
          return next;
        };
        const target = graph.nodes.get(to);
        const entersSubFlow = target && target.scope !== node.scope && target.scope.startsWith(node.scope);
        const from = node.kind === 'question' ? id : undefined;
        if (!entersSubFlow) {
          push(to, carry(to), nowSafe, from);
          continue;
        }
        const into = carry(to);
        for (const exit of [...region(to, nowSafe, into)]) push(exit.exit, { ...carry(exit.exit), ...exit.profile }, exit.safe, from);
      }
    }
  };

  walkRegion(graph.start, {}, false, '', () => {});
  result.states = states;
  const exceeded = meter.exceeded();
  if (exceeded) result.exceeded = exceeded;
  return result;
}

const EMPTY = new Set<string>();

interface Exit {
  exit: string;
  safe: boolean;
  /** Profile facts known when the sub-flow leaves to `exit` (answered before or inside it). */
  profile: Record<string, unknown>;
}

function pickRoute(
  node: FlatNode,
  get: (id: string) => unknown,
  answers: Record<string, unknown>,
  answeredHere: string | null,
  value: unknown,
  result: Exploration,
): number {
  const exclusive = !!(node.source && 'next' in node.source && typeof node.source.next === 'object' && node.source.next?.exclusive);
  let chosen = -1;
  for (let i = 0; i < node.routes.length; i++) {
    const r = node.routes[i]!;
    if (r.when === null) {
      if (chosen < 0) chosen = i;
      break;
    }
    // A gate's check reads only whether its fact is answered yet: that is its question.
    const missing = r.presence ? [] : r.reads.filter((k) => k !== answeredHere && !(k in answers));
    const unasked = missing.filter((k) => k.startsWith(PROFILE));
    if (unasked.length && chosen < 0) result.unasked.set(r.pointer + '@' + node.id, unasked);
    if (missing.length > unasked.length && chosen < 0)
      result.unanswered.set(
        r.pointer + '@' + node.id,
        missing.filter((k) => !k.startsWith(PROFILE)),
      );
    if (r.test(get)) {
      if (chosen < 0) chosen = i;
      else if (exclusive && !result.overlaps.has(node.id)) result.overlaps.set(node.id, value);
      if (!exclusive) break;
    }
  }
  return chosen;
}

export function domainOf(node: FlatNode, compared: Map<string, unknown[]>) {
  return valueDomain((node.source as QuestionNode).input, compared.get(answerKey(node)) ?? []);
}

/**
 * For each node, the answers given before it that it or a later node still reads (classic
 * liveness): a question's own answer is defined there, so it is not live on entry. Keeps the
 * sets small even on long chains, where "everything read downstream" would grow quadratically.
 */
export function liveAnswers(graph: FlatGraph): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  // Finishing order, not recursion: a 4,000-node chain overflowed the call stack here.
  for (const id of postOrder(graph)) {
    const node = graph.nodes.get(id)!;
    const set = new Set<string>();
    for (const k of node.needs ?? []) set.add(k);
    for (const r of node.routes) {
      for (const k of r.reads) set.add(k);
      for (const k of memo.get(r.to) ?? EMPTY) set.add(k);
    }
    for (const c of node.itemWhen ?? []) for (const k of c?.reads ?? []) set.add(k);
    if (node.kind === 'question' || node.kind === 'info') set.delete(answerKey(node));
    memo.set(id, set);
  }
  return memo;
}

/** Constants compared with each answer anywhere in the graph (keyed by the answer's flat id). */
export function comparedConstants(graph: FlatGraph): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const node of graph.nodes.values()) {
    for (const r of [...node.routes, ...(node.itemWhen ?? [])]) {
      if (!r || r.when === null) continue;
      for (const c of scanRule(r.when).comparisons) {
        // Profile facts are global (`profile.<fact>`); answers are scoped to their call site.
        const id = c.var.startsWith(PROFILE) ? PROFILE + c.var.split('.')[1] : node.scope + c.var.split('.')[0];
        if (!out.has(id)) out.set(id, []);
        out.get(id)!.push(c.value);
      }
    }
  }
  return out;
}

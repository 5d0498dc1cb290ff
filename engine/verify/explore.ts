import { itemsHere, type FlatGraph, type FlatNode, type Lookup } from '../compile/flat-graph.js';
import { scanRule } from '../logic/rule-scan.js';
import type { QuestionNode } from '../schema/tree-schema.js';
import type { ServiceCatalog } from '../schema/services-schema.js';
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
  /** End nodes some path reaches without any advice that names a human to contact. */
  unsafeEnds: Set<string>;
  /** Non-end nodes where a path stops (no route matched: cannot happen with a fallback). */
  deadEnds: Set<string>;
  complete: boolean;
  states: number;
}

const STATE_LIMIT = 2_000_000;

/**
 * Walks every combination of answers that can make a difference, proving the tree's paths all
 * end. A state is (node, the answers still read further on, whether a human contact is in the
 * plan yet): answers nobody reads again are forgotten, which keeps a multi-domain tree from
 * multiplying its sub-flows' paths.
 */
export function explore(graph: FlatGraph, services: ServiceCatalog | null): Exploration {
  const live = liveAnswers(graph);
  const compared = comparedConstants(graph);
  const humanServices = new Set((services?.services ?? []).filter((s) => s.contact.phone || s.contact.address).map((s) => s.id));
  const result: Exploration = {
    reached: new Set(),
    taken: new Set(),
    overlaps: new Map(),
    unanswered: new Map(),
    unsafeEnds: new Set(),
    deadEnds: new Set(),
    complete: true,
    states: 0,
  };
  const keyOf = (node: string, answers: Record<string, unknown>, safe: boolean) => {
    let key = `${node}|${safe ? 1 : 0}`;
    for (const id of Object.keys(answers).sort()) key += `|${id}=${JSON.stringify(answers[id])}`;
    return key;
  };
  let states = 0;
  const nodeOf = (id: string) => graph.nodes.get(id)!;
  // Only the items whose condition holds on this path count: a conditional 112 is no safety net.
  const isHuman = (n: FlatNode, get: Lookup) =>
    n.kind === 'advice' && itemsHere(n, get).some((i) => i.layer === 'spoed' || (i.services ?? []).some((s) => humanServices.has(s)));

  /**
   * A sub-flow reads only its own answers and starts with none, so its paths do not depend on
   * the caller: explore it once per entry (and safety flag) and reuse the exits it can reach.
   * Without this, a multi-domain tree multiplies every sub-flow by every choice of domains.
   */
  const summaries = new Map<string, Map<string, { exit: string; safe: boolean }>>();
  const region = (entry: string, safe: boolean) => {
    const key = `${entry}|${safe}`;
    let exits = summaries.get(key);
    if (!exits) {
      exits = new Map();
      summaries.set(key, exits);
      const found = exits;
      walkRegion(entry, {}, safe, nodeOf(entry).scope, (exit, s) => found.set(`${exit}|${s}`, { exit, safe: s }));
    }
    return exits.values();
  };

  const walkRegion = (
    entry: string,
    entryAnswers: Record<string, unknown>,
    entrySafe: boolean,
    scope: string,
    onExit: (exit: string, safe: boolean) => void,
  ) => {
    const seen = new Set<string>();
    const stack: { node: string; answers: Record<string, unknown>; safe: boolean }[] = [];
    const push = (node: string, answers: Record<string, unknown>, safe: boolean) => {
      if (!graph.nodes.has(node)) return;
      if (!nodeOf(node).scope.startsWith(scope)) return onExit(node, safe);
      const key = keyOf(node, answers, safe);
      if (seen.has(key)) return;
      if (states >= STATE_LIMIT) {
        result.complete = false;
        return;
      }
      seen.add(key);
      states++;
      stack.push({ node, answers, safe });
    };
    push(entry, entryAnswers, entrySafe);

    while (stack.length) {
      const { node: id, answers, safe } = stack.pop()!;
      result.reached.add(id);
      const node = nodeOf(id);
      if (node.kind === 'end') {
        if (!safe) result.unsafeEnds.add(id);
        continue;
      }
      const nowSafe = safe || isHuman(node, (k) => answers[k]);
      const values = node.kind === 'question' ? domainOf(node, compared) : node.kind === 'info' ? { values: [null], complete: true } : null;
      if (values && !values.complete) result.complete = false;
      for (const value of values ? values.values : [undefined]) {
        const get = (k: string) => (values && k === id ? value : answers[k]);
        const route = pickRoute(node, get, answers, values ? id : null, value, result);
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
          if (values && liveThere.has(id)) next[id] = value;
          return next;
        };
        const target = graph.nodes.get(to);
        const entersSubFlow = target && target.scope !== node.scope && target.scope.startsWith(node.scope);
        if (!entersSubFlow) {
          push(to, carry(to), nowSafe);
          continue;
        }
        for (const exit of [...region(to, nowSafe)]) push(exit.exit, carry(exit.exit), exit.safe);
      }
    }
  };

  walkRegion(graph.start, {}, false, '', () => {});
  result.states = states;
  return result;
}

const EMPTY = new Set<string>();

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
    const missing = r.reads.filter((k) => k !== answeredHere && !(k in answers));
    if (missing.length && chosen < 0) result.unanswered.set(r.pointer + '@' + node.id, missing);
    if (r.test(get)) {
      if (chosen < 0) chosen = i;
      else if (exclusive && !result.overlaps.has(node.id)) result.overlaps.set(node.id, value);
      if (!exclusive) break;
    }
  }
  return chosen;
}

export function domainOf(node: FlatNode, compared: Map<string, unknown[]>) {
  return valueDomain((node.source as QuestionNode).input, compared.get(node.id) ?? []);
}

/**
 * For each node, the answers given before it that it or a later node still reads (classic
 * liveness): a question's own answer is defined there, so it is not live on entry. Keeps the
 * sets small even on long chains, where "everything read downstream" would grow quadratically.
 */
export function liveAnswers(graph: FlatGraph): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const visiting = new Set<string>();
  const visit = (id: string): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const node = graph.nodes.get(id);
    const set = new Set<string>();
    if (!node || visiting.has(id)) return set;
    visiting.add(id);
    for (const r of node.routes) {
      for (const k of r.reads) set.add(k);
      for (const k of visit(r.to)) set.add(k);
    }
    for (const c of node.itemWhen ?? []) for (const k of c?.reads ?? []) set.add(k);
    if (node.kind === 'question' || node.kind === 'info') set.delete(id);
    visiting.delete(id);
    memo.set(id, set);
    return set;
  };
  for (const id of graph.nodes.keys()) visit(id);
  return memo;
}

/** Constants compared with each answer anywhere in the graph (keyed by the answer's flat id). */
export function comparedConstants(graph: FlatGraph): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const node of graph.nodes.values()) {
    for (const r of [...node.routes, ...(node.itemWhen ?? [])]) {
      if (!r || r.when === null) continue;
      for (const c of scanRule(r.when).comparisons) {
        const id = node.scope + c.var.split('.')[0];
        if (!out.has(id)) out.set(id, []);
        out.get(id)!.push(c.value);
      }
    }
  }
  return out;
}

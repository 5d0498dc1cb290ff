import { audienceKey, itemsHere, type FlatCondition, type FlatGraph, type FlatItem, type FlatNode } from '../compile/flat-graph.js';
import { DEFAULT_LIMITS } from './budget.js';
import { evaluate } from '../logic/evaluate.js';
import { scanRule } from '../logic/rule-scan.js';
import { walk } from '../paths/walk.js';
import { compose } from '../plan/compose.js';
import {
  atomOf,
  EMPTY_SUMMARY,
  holds,
  mergeSummary,
  summaryKey,
  summaryOf,
  type PlanSummary,
  type SummaryContext,
} from '../plan/plan-summary.js';
import type { Invariant } from '../schema/invariants-schema.js';
import type { ServiceCatalog } from '../schema/services-schema.js';
import type { QuestionNode } from '../schema/tree-schema.js';
import { answerLabel, questionLabel } from '../session/answer-label.js';
import { audienceOf, say } from '../text/audience.js';
import { comparedConstants, domainOf, liveAnswers } from './explore.js';

/** One resident step of a counterexample: a question answered or an info screen read. */
interface PathStep {
  node: string;
  value: unknown;
}

export interface InvariantProof {
  /** Invariant ids that some path breaks, with the shortest such path and the plan it got. */
  violated: Map<string, { path: PathStep[]; lines: string[]; plan: string[] }>;
  /** Authored questions (tree id, local id) → groups of option values that lead to the same plan on every path. */
  inert: Map<string, { treeId: string; local: string; groups: string[][] }>;
  /** Conditional items some path shows, as "<tree id>\u0000<advice node>\u0000<item id>". */
  shown: Set<string>;
  complete: boolean;
  states: number;
}

const EMPTY = new Set<string>();

/** The key an answer is stored under: a profile fact's (`FlatNode.answer`, CONTRACT.md), else the node's flat id. */
const answerKey = (n: FlatNode) => (n as FlatNode & { answer?: string }).answer ?? n.id;
/** How an invariant names a question: "<tree>.<question>", or the profile fact "profile.<fact>". */
const atomName = (n: FlatNode) => {
  const key = answerKey(n);
  return key.startsWith('profile.') ? key : `${n.treeId}.${n.local}`;
};

interface State {
  node: string;
  answers: Record<string, unknown>;
  plan: PlanSummary;
  /** The answers the invariants' conditions read, by their invariant name ("tree.question"). */
  seen: Record<string, unknown>;
}

interface Rec {
  dist: number;
  prev: Rec | null;
  steps: PathStep[];
  /** A sub-flow crossed after `steps`: its own shortest path, expanded only for a counterexample. */
  inner?: Rec;
}

/**
 * Proves each invariant on every path of a root tree, with the explorer's state reduction
 * (answers nobody reads again are forgotten) and its sub-flow reuse: a sub-flow is walked once
 * per entry and the summaries of the plans it adds are merged into each caller's. States are
 * taken shortest path first (a bucket queue on the number of steps), so the first path found to
 * break an invariant is a shortest one. Along the way it notes, per question, which options
 * lead to different states: options that never do lead to the same plan on every path.
 */
export function proveInvariants(
  graph: FlatGraph,
  services: ServiceCatalog | null,
  invariants: readonly Invariant[],
  maxStates = DEFAULT_LIMITS.maxProofStates,
): InvariantProof {
  const live = liveAnswers(graph);
  const compared = comparedConstants(graph);
  const whenAtoms = new Set<string>();
  for (const inv of invariants) {
    if (inv.when === undefined) continue;
    const scan = scanRule(inv.when);
    for (const v of scan.vars) whenAtoms.add(v);
    for (const c of scan.comparisons) {
      for (const n of graph.nodes.values()) {
        if (n.kind !== 'question' || atomName(n) !== c.var) continue;
        if (!compared.has(n.id)) compared.set(n.id, []);
        compared.get(n.id)!.push(c.value);
      }
    }
  }
  const canonical = whenClasses(graph, compared, invariants);
  const items = new Map<string, FlatItem>();
  const recurring = new Set<string>();
  for (const n of graph.nodes.values())
    for (const item of n.items) {
      const id = `${n.treeId}/${item.id}`;
      if (items.has(id)) recurring.add(id);
      items.set(id, item);
    }
  const ctx: SummaryContext = {
    items,
    wanted: new Set(invariants.flatMap((inv) => inv.assert.map(atomOf))),
    recurring,
    humanServices: new Set((services?.services ?? []).filter((s) => s.contact.phone || s.contact.address).map((s) => s.id)),
    order: invariants.some((inv) => inv.assert.some((a) => a.is === 'first' || a.is === 'in-doe-dit-eerst' || a.is === 'preceded')),
    headLayers: new Set(invariants.flatMap((inv) => inv.assert.flatMap((a) => (a.is === 'preceded' ? [a.layer, ...a.by] : [])))),
    urgent: invariants.some((inv) =>
      inv.assert.some(
        (a) =>
          a.is === 'first' ||
          a.is === 'in-doe-dit-eerst' ||
          (a.is === 'preceded' && [...items.values()].some((i) => i.layer === a.layer && i.urgency)),
      ),
    ),
  };
  const proof: InvariantProof = { violated: new Map(), inert: new Map(), shown: new Set(), complete: true, states: 0 };
  const nodeOf = (id: string) => graph.nodes.get(id)!;
  const answersKey = (answers: Record<string, unknown>, skip?: string) => {
    let key = '';
    for (const id of Object.keys(answers).sort()) if (id !== skip) key += `|${id}=${JSON.stringify(answers[id])}`;
    return key;
  };
  const seenKey = (seen: Record<string, unknown>) => answersKey(seen);
  const keyOf = (s: State) => `${s.node}${answersKey(s.answers)}#${summaryKey(s.plan)}#${seenKey(s.seen)}`;

  // Per authored question: option-index pairs ("i|j") seen leading to different states. Where
  // every condition that reads an answer reads nothing else, two answers those conditions treat
  // alike are alike for the rest of the path too: compare them by those conditions' verdicts.
  const readers = new Map<string, FlatCondition[]>();
  for (const n of graph.nodes.values())
    for (const c of [...n.routes, ...(n.itemWhen ?? [])]) for (const k of c?.reads ?? []) readers.set(k, [...(readers.get(k) ?? []), c!]);
  const verdictMemo = new Map<string, string>();
  const verdicts = (key: string, value: unknown) => {
    const memo = `${key}=${JSON.stringify(value)}`;
    let v = verdictMemo.get(memo);
    if (v === undefined) {
      const conditions = readers.get(key) ?? [];
      v = conditions.some((c) => c.reads.some((k) => k !== key))
        ? memo
        : conditions.map((c) => (c.test((k) => (k === key ? value : undefined)) ? 1 : 0)).join('');
      verdictMemo.set(memo, v);
    }
    return v;
  };
  const differs = new Map<string, { node: FlatNode; pairs: Set<string> }>();

  // A sub-flow's paths depend only on the answers read inside it: its region is keyed on those.
  const readsOf = new Map<string, Set<string>>();
  const readBy = (scope: string, answers: Record<string, unknown>) => {
    let reads = readsOf.get(scope);
    if (!reads) {
      reads = new Set();
      for (const n of graph.nodes.values()) {
        if (!n.scope.startsWith(scope)) continue;
        for (const r of [...n.routes, ...(n.itemWhen ?? [])]) for (const k of r?.reads ?? []) reads.add(k);
      }
      readsOf.set(scope, reads);
    }
    const kept: Record<string, unknown> = {};
    for (const k in answers) if (reads.has(k)) kept[k] = answers[k];
    return kept;
  };

  type Outcome = { exit: string; plan: PlanSummary; seen: Record<string, unknown>; dist: number; rec: Rec };
  const regions = new Map<string, Map<string, Outcome>>();
  const region = (entry: string, answers: Record<string, unknown>) => {
    const key = `${entry}${answersKey(answers)}`;
    let outcomes = regions.get(key);
    if (!outcomes) {
      outcomes = new Map();
      regions.set(key, outcomes);
      const found = outcomes;
      walkRegion({ node: entry, answers, plan: EMPTY_SUMMARY, seen: {} }, nodeOf(entry).scope, (s, dist, rec) => {
        const k = `${s.node}#${summaryKey(s.plan)}#${seenKey(s.seen)}`;
        const before = found.get(k);
        if (!before || dist < before.dist) found.set(k, { exit: s.node, plan: s.plan, seen: s.seen, dist, rec });
      });
    }
    return outcomes.values();
  };

  // The same advice node shows the same few item sets over and over: summarise each set once.
  const summaries = new Map<string, PlanSummary>();
  const summaryHere = (node: FlatNode, here: FlatItem[]) => {
    const key = `${node.id}\u0000${here.map((i) => i.id).join(',')}`;
    let summary = summaries.get(key);
    if (!summary)
      summaries.set(
        key,
        (summary = summaryOf(
          here.map((item) => ({ id: `${node.treeId}/${item.id}`, item })),
          ctx,
        )),
      );
    return summary;
  };

  const pathOf = (rec: Rec | null): PathStep[] => {
    const parts: PathStep[][] = [];
    for (let r = rec; r; r = r.prev) parts.push(r.inner ? [...r.steps, ...pathOf(r.inner)] : r.steps);
    return parts.reverse().flat();
  };

  const check = (s: State, rec: Rec) => {
    const data = whenData(s.seen);
    for (const inv of invariants) {
      if (proof.violated.has(inv.id)) continue;
      if (inv.when !== undefined && !evaluate(inv.when, data)) continue;
      if (inv.assert.every((a) => holds(a, s.plan, ctx))) continue;
      const path = pathOf(rec);
      proof.violated.set(inv.id, { path, ...describe(graph, path) });
    }
  };

  function walkRegion(entry: State, scope: string, onExit: (s: State, dist: number, rec: Rec) => void) {
    const best = new Map<string, Rec>();
    const buckets: { s: State; key: string; rec: Rec }[][] = [];
    const push = (s: State, dist: number, prev: Rec | null, steps: PathStep[], inner?: Rec['inner']) => {
      if (!graph.nodes.has(s.node)) return;
      if (!nodeOf(s.node).scope.startsWith(scope)) {
        onExit(s, dist, inner ? { dist, prev, steps, inner } : { dist, prev, steps });
        return;
      }
      const key = keyOf(s);
      const known = best.get(key);
      if (known && known.dist <= dist) return;
      if (!known) {
        // Past the budget the proof is partial (states only: the verdict must not depend on the machine's speed).
        if (proof.states >= maxStates) {
          proof.complete = false;
          return;
        }
        proof.states++;
      }
      const rec: Rec = inner ? { dist, prev, steps, inner } : { dist, prev, steps };
      best.set(key, rec);
      (buckets[dist] ??= []).push({ s, key, rec });
    };
    push(entry, 0, null, []);

    for (let d = 0; d < buckets.length; d++) {
      const bucket = buckets[d];
      for (let b = 0; bucket && b < bucket.length; b++) {
        const { s, key, rec } = bucket[b]!;
        if (best.get(key) !== rec) continue; // a shorter way here was found later
        const node = nodeOf(s.node);
        if (node.kind === 'end') {
          if (scope === '') check(s, rec);
          else onExit(s, rec.dist, rec);
          continue;
        }
        let plan = s.plan;
        if (node.kind === 'advice') {
          const here = itemsHere(node, (k) => s.answers[k]);
          if (node.itemWhen) for (const item of here) proof.shown.add(`${node.treeId}\u0000${node.local}\u0000${item.id}`);
          // Without invariants the walk is only for option-inert and item-never-shown: no summary.
          if (invariants.length) plan = mergeSummary(plan, summaryHere(node, here), ctx);
        }
        const asked = node.kind === 'question' || node.kind === 'info';
        const values =
          node.kind === 'question' ? domainOf(node, compared) : node.kind === 'info' ? { values: [null], complete: true } : null;
        if (values && !values.complete) proof.complete = false;
        const own = asked ? answerKey(node) : null;
        const single = node.kind === 'question' && (node.source as QuestionNode).input.type === 'single';
        const signatures: string[] = [];
        for (const value of values ? values.values : [undefined]) {
          const get = (k: string) => (own !== null && k === own ? value : s.answers[k]);
          const route = node.routes.findIndex((r) => r.test(get));
          if (route < 0) {
            if (single) signatures.push(`no route ${signatures.length}`);
            continue;
          }
          const to = node.routes[route]!.to;
          const carry = (target: string) => {
            const liveThere = live.get(target) ?? EMPTY;
            const next: Record<string, unknown> = {};
            for (const k in s.answers) if (liveThere.has(k)) next[k] = s.answers[k];
            if (own !== null && liveThere.has(own)) next[own] = value;
            return next;
          };
          const seen =
            node.kind === 'question' && whenAtoms.has(atomName(node))
              ? { ...s.seen, [atomName(node)]: canonical(atomName(node), value) }
              : s.seen;
          const step = asked ? [{ node: node.id, value }] : [];
          const dist = rec.dist + step.length;
          const target = graph.nodes.get(to);
          const entersSubFlow = target && target.scope !== node.scope && target.scope.startsWith(node.scope);
          const entryAnswers = carry(to);
          if (single && own !== null)
            signatures.push(`${to}${answersKey(entryAnswers, own)}#${own in entryAnswers ? verdicts(own, value) : ''}`);
          if (!entersSubFlow) {
            push({ node: to, answers: entryAnswers, plan, seen }, dist, rec, step);
            continue;
          }
          for (const out of [...region(to, readBy(target.scope, entryAnswers))]) {
            push(
              { node: out.exit, answers: carry(out.exit), plan: mergeSummary(plan, out.plan, ctx), seen: { ...seen, ...out.seen } },
              dist + out.dist,
              rec,
              step,
              out.rec,
            );
          }
        }
        if (single) noteDiffers(node, signatures);
      }
    }
  }

  const noteDiffers = (node: FlatNode, signatures: string[]) => {
    const key = `${node.treeId}\u0000${node.local}`;
    let entry = differs.get(key);
    if (!entry) differs.set(key, (entry = { node, pairs: new Set() }));
    for (let i = 0; i < signatures.length; i++)
      for (let j = i + 1; j < signatures.length; j++) if (signatures[i] !== signatures[j]) entry.pairs.add(`${i}|${j}`);
  };

  walkRegion({ node: graph.start, answers: {}, plan: EMPTY_SUMMARY, seen: {} }, '', () => {});

  for (const [key, { node, pairs }] of differs) {
    const options = (node.source as QuestionNode).input as Extract<QuestionNode['input'], { type: 'single' }>;
    const groups: string[][] = [];
    const placed = new Set<number>();
    options.options.forEach((_, i) => {
      if (placed.has(i)) return;
      const group = [i];
      for (let j = i + 1; j < options.options.length; j++) if (!placed.has(j) && !pairs.has(`${i}|${j}`)) group.push(j);
      group.forEach((g) => placed.add(g));
      if (group.length > 1) groups.push(group.map((g) => options.options[g]!.value));
    });
    // All options alike means the answer matters nowhere: that is answer-unused, not this warning.
    const meaningful = groups.filter((g) => g.length < options.options.length);
    if (meaningful.length) proof.inert.set(key, { treeId: node.treeId, local: node.local, groups: meaningful });
  }
  return proof;
}

/**
 * Answers the invariants' conditions cannot tell apart are kept as one: a path only carries, for
 * each answer a condition reads, which class of answers it is in. Without this, every combination
 * of such answers across the domains of an \`each\` was a state of its own (on the first large bundle tried: 4 million,
 * 4 minutes, and still partial). Two answers are in one class when every invariant reading them
 * gives the same verdict with them, whatever the other answers it reads (tried over their
 * explored values and "not asked"). Where that is too many combinations to try, the answer is kept
 * as it is: the reduction then does not apply, the proof stays sound.
 */
function whenClasses(
  graph: FlatGraph,
  compared: Map<string, unknown[]>,
  invariants: readonly Invariant[],
): (atom: string, value: unknown) => unknown {
  const domains = new Map<string, Map<string, unknown>>();
  for (const n of graph.nodes.values()) {
    if (n.kind !== 'question') continue;
    const atom = atomName(n);
    const values = domains.get(atom) ?? new Map<string, unknown>();
    for (const v of domainOf(n, compared).values) values.set(JSON.stringify(v), v);
    domains.set(atom, values);
  }
  const readers = new Map<string, { when: NonNullable<Invariant['when']>; vars: string[] }[]>();
  for (const inv of invariants) {
    if (inv.when === undefined) continue;
    const vars = [...new Set(scanRule(inv.when).vars)];
    for (const v of vars) readers.set(v, [...(readers.get(v) ?? []), { when: inv.when, vars }]);
  }
  const classes = new Map<string, Map<string, unknown>>();
  for (const [atom, invs] of readers) {
    const own = domains.get(atom);
    if (!own) continue;
    // Every assignment of the other answers each reader reads (with "not asked" as undefined).
    const contexts: Record<string, unknown>[][] = [];
    let tooMany = false;
    for (const inv of invs) {
      let assignments: Record<string, unknown>[] = [{}];
      for (const other of inv.vars.filter((v) => v !== atom)) {
        const values = [undefined, ...(domains.get(other)?.values() ?? [])];
        assignments = assignments.flatMap((a) => values.map((v) => ({ ...a, [other]: v })));
        if (assignments.length > 4096) tooMany = true;
      }
      contexts.push(assignments);
    }
    if (tooMany) continue;
    const bySignature = new Map<string, unknown>();
    const repOf = new Map<string, unknown>();
    for (const [key, value] of own) {
      const signature = invs
        .map((inv, i) => contexts[i]!.map((a) => (evaluate(inv.when, whenData({ ...a, [atom]: value })) ? 1 : 0)).join(''))
        .join('|');
      if (!bySignature.has(signature)) bySignature.set(signature, value);
      repOf.set(key, bySignature.get(signature));
    }
    classes.set(atom, repOf);
  }
  return (atom, value) => {
    const repOf = classes.get(atom);
    const key = JSON.stringify(value);
    return repOf?.has(key) ? repOf.get(key) : value;
  };
}

/** JSON Logic data for an invariant's condition: "tree.question" read as nested objects. */
function whenData(seen: Record<string, unknown>): Record<string, unknown> {
  const data = Object.create(null) as Record<string, Record<string, unknown>>;
  for (const [atom, value] of Object.entries(seen)) {
    const dot = atom.indexOf('.');
    const head = atom.slice(0, dot);
    (data[head] ??= Object.create(null) as Record<string, unknown>)[atom.slice(dot + 1)] = value;
  }
  return data;
}

/** The path as "question → answer" lines in the resident's words, and the composed plan it gets. */
function describe(graph: FlatGraph, path: PathStep[]): { lines: string[]; plan: string[] } {
  const lines: string[] = [];
  const answers: Record<string, unknown> = {};
  for (const step of path) {
    const node = graph.nodes.get(step.node)!;
    answers[answerKey(node)] = step.value;
    if (node.kind === 'question') lines.push(`${questionLabel(node, 'nl')} → ${answerLabel(node, step.value, 'nl')}`);
  }
  const entries = walk(graph, answers).flatMap((w) => {
    const node = graph.nodes.get(w.node)!;
    return itemsHere(node, (k) => answers[k]).map((item) => ({ item, node: node.id, treeId: node.treeId }));
  });
  const plan = compose(entries).map(
    ({ entry, section }, i) =>
      `${i + 1}. ${say(entry.item.title, audienceOf(audienceKey(graph), answers), 'nl')} (${entry.treeId}/${entry.item.id}; ${section}, ${entry.item.layer})`,
  );
  return { lines, plan };
}

import { answerKey, isStep, type FlatGraph } from './flat-graph.js';
import { postOrder } from './post-order.js';

/**
 * For every node: the most resident steps (questions, info screens) still ahead of it on any
 * static path. Drives the progress indication and bounds the property tests. Assumes no cycles
 * (the verifier refuses them); a cycle would make the count meaningless, so it is cut off.
 */
export function stepsAhead(graph: FlatGraph): Map<string, number> {
  const memo = new Map<string, number>();
  // Finishing order: every node after the nodes it leads to, so their counts are known.
  for (const id of postOrder(graph)) {
    const node = graph.nodes.get(id)!;
    let most = 0;
    for (const r of node.routes) most = Math.max(most, memo.get(r.to) ?? 0);
    memo.set(id, most + (isStep(node) ? 1 : 0));
  }
  return memo;
}

/**
 * What expectedAhead needs per graph, built once when the tree is compiled. A node's expected
 * count can only change with an answer its future looks at: its own and every reachable step's
 * presence, and what every reachable route reads. Where none of those is given, the count is the
 * one with no answers at all, known in advance. On the first municipality's trees the walk from the first
 * question was all 265 nodes on every answer; with varied answers it is now ~47 on average.
 */
export interface AheadIndex {
  /** A bit per answer id that some route reads or some step has. */
  bitOf: Map<string, number>;
  /** Per node: the bits of the answers its future looks at. */
  looksAt: Map<string, Uint32Array>;
  /** Per node: the expected steps ahead with no answers given. */
  undecided: Map<string, number>;
}

export function aheadIndex(graph: FlatGraph): AheadIndex {
  const bitOf = new Map<string, number>();
  const bit = (id: string) => bitOf.get(id) ?? (bitOf.set(id, bitOf.size), bitOf.size - 1);
  for (const node of graph.nodes.values()) {
    if (isStep(node)) bit(answerKey(node));
    for (const route of node.routes) route.reads.forEach(bit);
  }
  const words = wordsFor(bitOf);
  const looksAt = new Map<string, Uint32Array>();
  for (const id of postOrder(graph)) {
    const node = graph.nodes.get(id)!;
    const set = new Uint32Array(words);
    const add = (key: string) => setBit(set, bitOf.get(key)!);
    if (isStep(node)) add(answerKey(node));
    for (const route of node.routes) {
      route.reads.forEach(add);
      // Absent: a route out of the graph, or back along a cycle (refused by the verifier).
      const child = looksAt.get(route.to);
      if (child) for (let w = 0; w < words; w++) set[w]! |= child[w]!;
    }
    looksAt.set(id, set);
  }
  const undecided = new Map<string, number>();
  // One memo for all: with no answers, a node's count does not depend on where the walk began.
  const none = new Map<string, number>();
  for (const id of graph.nodes.keys()) undecided.set(id, expectedAhead(graph, {}, id, undefined, none));
  return { bitOf, looksAt, undecided };
}

/**
 * Counts worked out by an earlier walk over the same session, and the one answer given since.
 * A node's count changes only with an answer its future looks at, so every earlier count whose
 * node's future does not look at that answer still holds (see AheadIndex).
 */
export interface AheadReuse {
  values: ReadonlyMap<string, number>;
  answered: string;
}

/**
 * About how many resident steps are still ahead, given what is answered so far: where the
 * answers decide the route, follow it; where they do not yet, average over the routes. The
 * static maximum ("every life domain chosen") would tell most residents 36 steps where they
 * will take ten, and would not shrink after they chose one domain. With the graph's index, the
 * walk stops at every node whose future no given answer touches (same result, see AheadIndex),
 * and at every node an earlier walk counted whose future the newest answer does not touch.
 * `memo` receives every count this walk worked out, for the next answer's walk to reuse.
 */
export function expectedAhead(
  graph: FlatGraph,
  answers: Record<string, unknown>,
  from: string,
  index?: AheadIndex,
  memo = new Map<string, number>(),
  reuse?: AheadReuse,
): number {
  const given = index && givenBits(index, answers);
  // Earlier counts are only safe to take with the index, which says whose future the answer touches.
  const earlier = index && reuse;
  const changed = earlier ? index.bitOf.get(reuse.answered) : undefined;
  const get = (id: string) => answers[id];
  /** The count when it is known without looking further; undefined when the node must be expanded. */
  const known = (id: string): number | undefined => {
    const memoised = memo.get(id);
    // ON_STACK: a cycle, cut off (see stepsAhead).
    if (memoised !== undefined) return memoised === ON_STACK ? 0 : memoised;
    if (index && !overlaps(index.looksAt.get(id), given!)) return index.undecided.get(id) ?? 0;
    if (earlier) {
      const before = reuse.values.get(id);
      // No bit: no route or step anywhere reads the answer, so no count changed with it.
      if (before !== undefined && (changed === undefined || !hasBit(index.looksAt.get(id)!, changed))) {
        memo.set(id, before);
        return before;
      }
    }
    const node = graph.nodes.get(id);
    if (!node || node.kind === 'end') return 0;
    return undefined;
  };
  // An explicit stack instead of recursion: a long chain would overflow the call stack.
  const frames: { id: string; step: boolean; targets: string[]; next: number; sum: number }[] = [];
  const open = (id: string): number | undefined => {
    const value = known(id);
    if (value !== undefined) return value;
    const node = graph.nodes.get(id)!;
    memo.set(id, ON_STACK);
    const targets: string[] = [];
    const answered = !isStep(node) || answerKey(node) in answers;
    for (const route of node.routes) {
      const decidable = answered && allAnswered(route.reads, answers);
      if (decidable && !route.test(get)) continue;
      if (!targets.includes(route.to)) targets.push(route.to);
      if (decidable) break;
    }
    frames.push({ id, step: isStep(node), targets, next: 0, sum: 0 });
    return undefined;
  };
  const first = open(from);
  if (first !== undefined) return first;
  for (;;) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.targets.length) {
      const value = open(frame.targets[frame.next++]!);
      if (value !== undefined) frame.sum += value;
      continue;
    }
    frames.pop();
    const value = (frame.targets.length ? frame.sum / frame.targets.length : 0) + (frame.step ? 1 : 0);
    memo.set(frame.id, value);
    if (!frames.length) return value;
    frames[frames.length - 1]!.sum += value;
  }
}

const ON_STACK = -1;

function allAnswered(ids: readonly string[], answers: Record<string, unknown>): boolean {
  for (const id of ids) if (!(id in answers)) return false;
  return true;
}

function givenBits(index: AheadIndex, answers: Record<string, unknown>): Uint32Array {
  const bits = new Uint32Array(wordsFor(index.bitOf));
  for (const id in answers) {
    const b = index.bitOf.get(id);
    if (b !== undefined) setBit(bits, b);
  }
  return bits;
}

const wordsFor = (bitOf: Map<string, number>) => Math.ceil(bitOf.size / 32) || 1;
const setBit = (bits: Uint32Array, b: number) => (bits[b >> 5]! |= 1 << (b & 31));
const hasBit = (bits: Uint32Array, b: number) => (bits[b >> 5]! & (1 << (b & 31))) !== 0;

function overlaps(a: Uint32Array | undefined, b: Uint32Array): boolean {
  if (!a) return false;
  for (let w = 0; w < a.length; w++) if (a[w]! & b[w]!) return true;
  return false;
}

import type { FlatGraph, FlatNode } from '../compile/flat-graph.js';
import { answerKey, isStep } from '../compile/flat-graph.js';
import type { ServiceCatalog } from '../schema/services-schema.js';
import { comparedConstants, domainOf, explore, liveAnswers } from '../verify/explore.js';

export interface AnswerPath {
  answers: [string, unknown][];
  end: string;
}

type Answers = Record<string, unknown>;

/**
 * A small set of answer paths that together take every transition and reach every end that the
 * verifier found reachable. Greedy: aim a path at a transition nobody took yet (a depth-first
 * search over real answers, pruned to nodes from which that transition is statically reachable),
 * then run on to an end preferring untaken transitions. Not guaranteed minimal (that is NP-hard).
 */
export function coveringPaths(graph: FlatGraph, services: ServiceCatalog | null = null): AnswerPath[] {
  const found = explore(graph, services);
  const live = liveAnswers(graph);
  const compared = comparedConstants(graph);
  const uncovered = new Set(found.taken);
  const endsLeft = new Set([...found.reached].filter((id) => graph.nodes.get(id)!.kind === 'end'));
  const predecessors = new Map<string, string[]>();
  for (const n of graph.nodes.values()) for (const r of n.routes) predecessors.set(r.to, [...(predecessors.get(r.to) ?? []), n.id]);

  const valuesAt = (node: FlatNode): unknown[] => {
    if (node.kind === 'info') return [null];
    if (node.kind !== 'question') return [undefined];
    // Small multiple choices first: a single domain reaches its sub-flow with the least detour.
    return [...domainOf(node, compared).values].sort((a, b) => size(a) - size(b));
  };
  const routeFor = (node: FlatNode, answers: Answers, value: unknown) => {
    const get = (k: string) => (isStep(node) && k === answerKey(node) ? value : answers[k]);
    return node.routes.findIndex((r) => r.test(get));
  };
  const withAnswer = (node: FlatNode, answers: Answers, value: unknown) =>
    isStep(node) ? { ...answers, [answerKey(node)]: value } : answers;

  const paths: AnswerPath[] = [];
  for (;;) {
    const transition = [...uncovered][0];
    const end = transition ? undefined : [...endsLeft][0];
    if (!transition && !end) break;
    const [targetNode, targetRoute] = transition ? [transition.split('#')[0]!, Number(transition.split('#')[1])] : [end!, -1];
    const prefix = searchTo(targetNode, targetRoute);
    if (!prefix) {
      // The verifier proved it reachable, so this means a bug here: stop rather than loop.
      throw new Error(`no path found to ${transition ?? end}`);
    }
    const { steps, node, answers } = prefix;
    // Run on to an end, preferring untaken transitions and unreached ends.
    let at = node;
    let given = answers;
    for (let guard = 0; graph.nodes.get(at)!.kind !== 'end' && guard <= graph.nodes.size; guard++) {
      const n = graph.nodes.get(at)!;
      const options = valuesAt(n).map((value) => ({ value, route: routeFor(n, given, value) }));
      const pick =
        options.find((o) => uncovered.has(`${at}#${o.route}`)) ?? options.find((o) => endsLeft.has(n.routes[o.route]!.to)) ?? options[0]!;
      steps.push({ node: at, value: pick.value, route: pick.route });
      given = withAnswer(n, given, pick.value);
      at = n.routes[pick.route]!.to;
    }
    for (const s of steps) uncovered.delete(`${s.node}#${s.route}`);
    endsLeft.delete(at);
    paths.push({ answers: steps.filter((s) => isStep(graph.nodes.get(s.node)!)).map((s) => [s.node, s.value]), end: at });
  }
  return paths;

  /** Steps from the start up to and including the target transition (or arrival at an end). */
  function searchTo(target: string, route: number) {
    const canReach = new Set<string>([target]);
    const queue = [target];
    for (let i = 0; i < queue.length; i++)
      for (const p of predecessors.get(queue[i]!) ?? []) if (!canReach.has(p)) (canReach.add(p), queue.push(p));
    const visited = new Set<string>();
    const steps: { node: string; value: unknown; route: number }[] = [];
    // Depth-first with an explicit stack: a path as long as a 4,000-node chain overflowed recursion.
    const frames: { id: string; answers: Answers; values: unknown[]; next: number }[] = [];
    /** Arrived at `id`: the search is done there, stops there (an end), or goes on from there. */
    const arrive = (id: string, answers: Answers): { node: string; answers: Answers } | 'stop' | 'on' => {
      if (id === target && route < 0) return { node: id, answers };
      const node = graph.nodes.get(id)!;
      if (node.kind === 'end') return 'stop';
      frames.push({ id, answers, values: valuesAt(node), next: 0 });
      return 'on';
    };
    const first = arrive(graph.start, {});
    if (typeof first === 'object') return { steps, ...first };
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      if (frame.next >= frame.values.length) {
        frames.pop();
        // Back out of the step that led here.
        if (frames.length) steps.pop();
        continue;
      }
      const { id, answers } = frame;
      const node = graph.nodes.get(id)!;
      const value = frame.values[frame.next++];
      const r = routeFor(node, answers, value);
      const to = node.routes[r]!.to;
      const hit = id === target && r === route;
      if (id === target ? !hit : !canReach.has(to)) continue;
      const next = withAnswer(node, answers, value);
      steps.push({ node: id, value, route: r });
      if (hit) return { steps, node: to, answers: next };
      const key = `${to}|${JSON.stringify([...(live.get(to) ?? [])].sort().map((k) => next[k]))}`;
      const arrived = visited.has(key) ? 'stop' : (visited.add(key), arrive(to, next));
      if (typeof arrived === 'object') return { steps, ...arrived };
      if (arrived === 'stop') steps.pop();
    }
    return null;
  }
}

const size = (v: unknown) => (Array.isArray(v) ? v.length : 0);

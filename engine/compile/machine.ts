import { assign, setup, type AnyStateMachine } from 'xstate';
import { itemsHere, type FlatGraph, type FlatItem, type FlatNode, type FlatRoute } from './flat-graph.js';

export interface PlanEntry {
  item: FlatItem;
  /** Flat id of the advice node that added it. */
  node: string;
  treeId: string;
}

export interface MachineContext {
  answers: Record<string, unknown>;
  plan: PlanEntry[];
}

/** One step of the resident: an answer to a question, or `null` for "verder" on an info screen. */
export interface StepEvent {
  type: 'ANSWER';
  node: string;
  value: unknown;
}

/**
 * Builds the XState machine for a flat graph. Every authored node is a state; questions and
 * info screens wait for ANSWER, the rest move on by themselves (`always`). Guards are named and
 * take serialisable params, so the machine can be inspected and visualised like any other.
 *
 * A transition crosses the nodes that only lead on – a sub-flow's call and return joints, and an
 * advice node with a single unconditional route – in the same microstep: it targets where they
 * lead and adds their advice itself, in path order. Same route, same plan, same order; XState
 * takes a microstep per state entered, and on the first municipality's trees these were ~1.7 of the ~3.7 states
 * an answer passed through. Their states stay in the machine (one of them may be the start).
 */
export function toMachine(graph: FlatGraph): AnyStateMachine {
  // A question's answer is stored under its key (profile questions: `profile.<fact>`), not its id.
  const keyOf = (node: string) => graph.nodes.get(node)?.answer ?? node;
  const routeOf = (node: string, index: number): FlatRoute => graph.nodes.get(node)!.routes[index]!;
  const transitions = (n: FlatNode, first: string[]) =>
    n.routes.map((route, index) => {
      const { target, advise } = landing(graph, route.to);
      const actions = [...first, ...advise.map((node) => ({ type: 'advise' as const, params: { node } }))];
      return {
        target,
        ...(route.when === null ? {} : { guard: { type: 'route' as const, params: { node: n.id, index } } }),
        ...(actions.length ? { actions } : {}),
      };
    });

  const states: Record<string, object> = {};
  for (const n of graph.nodes.values()) {
    if (n.kind === 'end') states[n.id] = { type: 'final' };
    else if (n.kind === 'question' || n.kind === 'info') {
      states[n.id] = { on: { ANSWER: transitions(n, ['record']) } };
    } else {
      states[n.id] = {
        ...(n.kind === 'advice' ? { entry: { type: 'advise', params: { node: n.id } } } : {}),
        always: transitions(n, []),
      };
    }
  }

  const machine = setup({
    types: {} as { context: MachineContext; events: StepEvent },
    guards: {
      // The event's value counts as answered already: routing happens in the same step.
      route: ({ context, event }, params: { node: string; index: number }) => {
        const key = event.type === 'ANSWER' ? keyOf(event.node) : undefined;
        return routeOf(params.node, params.index).test((id) => (id === key ? event.value : context.answers[id]));
      },
    },
    actions: {
      record: assign({
        answers: ({ context, event }) => ({ ...context.answers, [keyOf(event.node)]: event.value }),
      }),
      advise: assign({
        // An item's `when` reads the answers as routing does: the event's value counts as given.
        plan: ({ context, event }, params: { node: string }) => {
          const n = graph.nodes.get(params.node)!;
          const get = (id: string) => (event.type === 'ANSWER' && id === event.node ? event.value : context.answers[id]);
          return [...context.plan, ...itemsHere(n, get).map((item) => ({ item, node: n.id, treeId: n.treeId }))];
        },
      }),
    },
  }).createMachine({
    id: `${graph.gemeente}/${graph.rootTree}`,
    initial: graph.start,
    context: { answers: {}, plan: [] },
    states: states as never,
  });
  // The state names are data, not literals, so XState's typed state values cannot help here.
  return machine as unknown as AnyStateMachine;
}

/** Nodes a transition crosses: no question, no choice of route, at most advice to add. */
const leadsOn = (n: FlatNode) => (n.kind === 'route' || n.kind === 'advice') && n.routes.length === 1 && n.routes[0]!.when === null;

/** Where a transition to `to` comes to rest, and the advice nodes it crosses on the way. */
function landing(graph: FlatGraph, to: string): { target: string; advise: string[] } {
  const advise: string[] = [];
  let node = graph.nodes.get(to);
  // The verifier refuses cycles; the bound keeps a malformed graph from looping here.
  for (let hops = 0; node && leadsOn(node) && hops < graph.nodes.size; hops++) {
    if (node.kind === 'advice') advise.push(node.id);
    node = graph.nodes.get(node.routes[0]!.to);
  }
  return { target: node?.id ?? to, advise };
}

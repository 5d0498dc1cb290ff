import { assign, setup, type AnyStateMachine } from 'xstate';
import type { AdviceItem } from '../schema/tree-schema.js';
import type { FlatGraph, FlatNode, FlatRoute } from './flat-graph.js';

export interface PlanEntry {
  item: AdviceItem;
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
 */
export function toMachine(graph: FlatGraph): AnyStateMachine {
  const routeOf = (node: string, index: number): FlatRoute => graph.nodes.get(node)!.routes[index]!;
  const transitions = (n: FlatNode) =>
    n.routes.map((route, index) => ({
      target: route.to,
      ...(route.when === null ? {} : { guard: { type: 'route' as const, params: { node: n.id, index } } }),
    }));

  const states: Record<string, object> = {};
  for (const n of graph.nodes.values()) {
    if (n.kind === 'end') states[n.id] = { type: 'final' };
    else if (n.kind === 'question' || n.kind === 'info') {
      states[n.id] = { on: { ANSWER: transitions(n).map((t) => ({ ...t, actions: 'record' })) } };
    } else {
      states[n.id] = {
        ...(n.kind === 'advice' ? { entry: { type: 'advise', params: { node: n.id } } } : {}),
        always: transitions(n),
      };
    }
  }

  const machine = setup({
    types: {} as { context: MachineContext; events: StepEvent },
    guards: {
      // The event's value counts as answered already: routing happens in the same step.
      route: ({ context, event }, params: { node: string; index: number }) =>
        routeOf(params.node, params.index).test((id) => (event.type === 'ANSWER' && id === event.node ? event.value : context.answers[id])),
    },
    actions: {
      record: assign({
        answers: ({ context, event }) => ({ ...context.answers, [event.node]: event.value }),
      }),
      advise: assign({
        plan: ({ context }, params: { node: string }) => {
          const n = graph.nodes.get(params.node)!;
          return [...context.plan, ...n.items.map((item) => ({ item, node: n.id, treeId: n.treeId }))];
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

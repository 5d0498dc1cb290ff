import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { StepEvent } from './machine.js';

/**
 * XState's pure `transition()` builds a fresh inert actor (running the machine's initial state)
 * on every call, which is half the cost of a step. Our machines spawn no actors and run no
 * side effects – only built-in `assign` – so one inert scope per machine can serve every step.
 * It mirrors xstate's own createInertActorScope; the session tests compare both paths.
 */
export function stepper(machine: AnyStateMachine) {
  const self = createActor(machine);
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: (self as unknown as { system: unknown }).system,
    emit: () => {},
    actionExecutor: () => {},
  } as unknown as AnyActorScope;
  const initial = machine.getInitialSnapshot(scope) as AnyMachineSnapshot;
  return {
    initial: () => initial,
    next: (snapshot: AnyMachineSnapshot, event: StepEvent) => machine.transition(snapshot, event, scope) as AnyMachineSnapshot,
  };
}

export type Stepper = ReturnType<typeof stepper>;

/**
 * How much one verification may explore. A tree whose answer combinations do not fit is refused,
 * never served half-proved: four 12-option multiple-choice questions read together at the end ran
 * the unbounded explorer for over three minutes and 3 GB (issue 16 §6).
 */
export interface VerifyLimits {
  /** Answer states one tree's exploration may keep (each is kept to the end: this bounds memory). */
  maxStates: number;
  /** Wall time the whole bundle may take, in milliseconds. */
  maxMs: number;
  /**
   * States the invariant proof may keep per root tree. Its states carry the plan summary as well
   * as the answers, so one root tree can need several times the explorer's states.
   */
  maxProofStates: number;
}

/**
 * The shipped trees (2026-12): 16 trees, ~85,000 states in ~1 s, the largest tree 41,790 states – a twelfth
 * of the state budget. At the budget a tree holds ~180 MB while it is explored.
 */
export const DEFAULT_LIMITS: VerifyLimits = { maxStates: 500_000, maxMs: 30_000, maxProofStates: 2_000_000 };

export interface ExploreBudget {
  maxStates: number;
  /** The moment (in `now()` milliseconds) the bundle's time is up. */
  deadline: number;
  now: () => number;
}

export const DEFAULT_BUDGET: ExploreBudget = { maxStates: DEFAULT_LIMITS.maxStates, deadline: Infinity, now: () => 0 };

export interface BudgetExceeded {
  by: 'states' | 'time';
  /** The question whose answers made the most states, and how many. */
  multiplier?: { node: string; made: number };
}

/** The explorer's side of a budget: counts, checks the clock now and then, remembers who grew it. */
export function budgetMeter(budget: ExploreBudget) {
  let ticks = 0;
  let stoppedBy: BudgetExceeded['by'] | null = null;
  const madeBy = new Map<string, number>();
  return {
    get stopped() {
      return stoppedBy !== null;
    },
    /** True when no further state may be added. */
    full(states: number): boolean {
      if (!stoppedBy && states >= budget.maxStates) stoppedBy = 'states';
      return stoppedBy !== null;
    },
    /** One answer tried; true when the exploration must stop. The clock is read every 1,024. */
    tick(): boolean {
      if (!stoppedBy && (ticks++ & 1023) === 0 && budget.now() > budget.deadline) stoppedBy = 'time';
      return stoppedBy !== null;
    },
    made(question: string): void {
      madeBy.set(question, (madeBy.get(question) ?? 0) + 1);
    },
    exceeded(): BudgetExceeded | undefined {
      if (!stoppedBy) return undefined;
      let top: { node: string; made: number } | undefined;
      for (const [node, made] of madeBy) if (!top || made > top.made) top = { node, made };
      return top ? { by: stoppedBy, multiplier: top } : { by: stoppedBy };
    },
  };
}

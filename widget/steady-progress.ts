// "Stap 3 van ongeveer 7": the engine's estimate of the steps ahead follows the answers, so it can
// swing (7 → 17 → 5). Shown as is, the total would jump back and forth; going forward it may grow
// at once (more questions came up) but shrinks by at most one a step, so it never drops suddenly.
// Back, a change or a new walk shows the estimate as it is.

export interface Shown {
  done: number;
  total: number;
}

export function steadyProgress(previous: Shown | undefined, progress: { done: number; ahead: number }): Shown {
  const estimate = progress.done + progress.ahead;
  if (!previous) return { done: progress.done, total: estimate };
  if (progress.done === previous.done) return previous; // the same step again (a language switch, a refused answer)
  if (progress.done === previous.done + 1) return { done: progress.done, total: Math.max(estimate, previous.total - 1, progress.done + 1) };
  return { done: progress.done, total: estimate };
}

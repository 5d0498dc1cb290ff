import type { PresentedStep } from '../api/contract.js';

/**
 * A valid answer for any step: how tests, the crash test and the benchmark walk a tree. Without
 * `pick` it is always the first option (and so always the same path); with it, `pick()` (any
 * non-negative integer) chooses among the options, so that walks spread over a tree's branches.
 */
export function autoAnswer(step: PresentedStep, pick?: () => number): unknown {
  const input = step.input;
  if (!input) return null;
  const choose = (n: number) => (pick ? pick() % n : 0);
  switch (input.type) {
    case 'single':
      return input.options[choose(input.options.length)]!.value;
    case 'multi': {
      const min = input.min ?? 1;
      const max = input.max ?? input.options.length;
      if (!pick) return input.options.slice(0, Math.max(min, max)).map((o) => o.value);
      const count = min + choose(Math.min(max, input.options.length) - min + 1);
      const from = choose(input.options.length - count + 1);
      return input.options.slice(from, from + count).map((o) => o.value);
    }
    case 'yesno':
      return choose(2) === 0;
    case 'number':
      return pick ? input.min + choose(input.max - input.min + 1) : Math.min(input.max, Math.max(input.min, 80));
    case 'text':
      return 'tekst';
    case 'date':
      return input.min ?? '2000-01-01';
  }
}

/** Picks for autoAnswer from a seeded generator (mulberry32): varied, and the same for the same seed. */
export function seededPicks(seed: number): () => number {
  let a = Math.imul(0x9e3779b9, seed + 1);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

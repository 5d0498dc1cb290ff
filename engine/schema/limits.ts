import type { z } from 'zod';

/**
 * Upper bounds on what a tree file may hold. They keep one file from taking the verifier, the
 * server or a resident's browser down (issue 16 §6): each sits far above what a real tree needs
 * (the shipped trees, 2026-12: texts ≤ 675 characters, ≤ 26 nodes per tree, ≤ 11 options, rules 8 deep).
 */
export const LIMITS = {
  /** Characters in one text field, per language (a screen of B1 text is ~600). */
  textLength: 4000,
  /** Nodes in one tree file; the benchmark's generated tree has 2,002. */
  nodesPerTree: 5000,
  /** Options of one question: a list a resident can still read. */
  optionsPerQuestion: 40,
  /** Items in one advice node. */
  itemsPerAdvice: 40,
  /** Nesting of a JSON Logic rule (objects and arrays): every walk over a rule stays shallow. */
  ruleDepth: 40,
  /** Objects, arrays and values in one rule: each is evaluated on every exploration step. */
  ruleSize: 2000,
  /** Nodes of a tree with all its sub-flows inlined (a sub-flow used twice counts twice). */
  flatNodes: 20_000,
  /** Sub-flows inside sub-flows (the shipped trees: 3). */
  flowDepth: 16,
} as const;

/**
 * Depth and size of a rule, counted without recursion: the input is not yet known to be sane
 * (a condition nested 2,000 deep crashed every recursive walk with a RangeError).
 * Stops counting as soon as a limit is passed.
 */
export function ruleShape(rule: unknown): { depth: number; size: number } {
  const stack: { value: unknown; depth: number }[] = [{ value: rule, depth: 1 }];
  let depth = 0;
  let size = 0;
  while (stack.length && depth <= LIMITS.ruleDepth && size <= LIMITS.ruleSize) {
    const { value, depth: d } = stack.pop()!;
    size++;
    if (d > depth) depth = d;
    const children = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
    for (const child of children) stack.push({ value: child, depth: d + 1 });
  }
  return { depth, size };
}

/** A zod refinement for Rule: refuses rules past the depth or size limit, with a stable code. */
export function checkRuleShape(rule: unknown, ctx: z.RefinementCtx): void {
  const { depth, size } = ruleShape(rule);
  if (depth > LIMITS.ruleDepth) {
    ctx.addIssue({
      code: 'custom',
      params: { code: 'rule-too-deep' },
      message: `This condition is nested more than ${LIMITS.ruleDepth} levels deep. Write it flatter: "and"/"or" take any number of conditions side by side, and a derived value can name a part.`,
    });
  } else if (size > LIMITS.ruleSize) {
    ctx.addIssue({
      code: 'custom',
      params: { code: 'rule-too-large' },
      message: `This condition has more than ${LIMITS.ruleSize} parts. Split it: give parts a name under "derived", or route in steps.`,
    });
  }
}

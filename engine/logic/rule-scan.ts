import { ALLOWED_OPERATORS, FORBIDDEN_SEGMENTS } from './allow-list.js';

export interface RuleIssue {
  code: 'logic-operator' | 'logic-var-forbidden' | 'logic-var-shape' | 'logic-shape';
  pointer: string;
  message: string;
}

export interface RuleScan {
  /** Every var path the rule reads (first segment decides what it is: answer, derived.*, input.*). */
  vars: string[];
  /** Constants compared directly against a var: used to pick boundary values for numbers/dates. */
  comparisons: { var: string; value: unknown }[];
  issues: RuleIssue[];
}

const ITERATORS = new Set(['some', 'all', 'none', 'map', 'filter', 'reduce']);
const COMPARE = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<=']);

/**
 * Walks a JSON Logic rule once: collects vars and compared constants, and flags anything unsafe.
 * Recursive, and safe so: it runs only on rules the schema passed, which are at most LIMITS.ruleDepth deep.
 */
export function scanRule(rule: unknown, pointer = ''): RuleScan {
  const scan: RuleScan = { vars: [], comparisons: [], issues: [] };
  visit(rule, pointer, scan, false);
  return scan;
}

function visit(node: unknown, pointer: string, scan: RuleScan, insideIterator: boolean): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => visit(child, `${pointer}/${i}`, scan, insideIterator));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    scan.issues.push({
      code: 'logic-shape',
      pointer,
      message: `A JSON Logic operation is an object with exactly one operator key; found ${keys.length} keys (${keys.join(', ') || 'none'}).`,
    });
    return;
  }
  const op = keys[0]!;
  const args = (node as Record<string, unknown>)[op];
  const here = `${pointer}/${escapePointer(op)}`;
  if (!ALLOWED_OPERATORS.has(op)) {
    scan.issues.push({
      code: 'logic-operator',
      pointer: here,
      message: `Operator "${op}" is not allowed in trees. Use one of: ${[...ALLOWED_OPERATORS].join(' ')}.`,
    });
    return;
  }
  if (op === 'var') {
    readVar(args, here, scan, insideIterator);
    return;
  }
  if (op === 'missing' || op === 'missing_some') {
    const names = op === 'missing' ? args : Array.isArray(args) ? args[1] : undefined;
    for (const name of Array.isArray(names) ? names : [names]) {
      if (typeof name === 'string') checkPath(name, here, scan, false);
    }
    return;
  }
  if (COMPARE.has(op) && Array.isArray(args)) recordComparison(args, scan);
  if (ITERATORS.has(op) && Array.isArray(args)) {
    visit(args[0], `${here}/0`, scan, insideIterator);
    // Inside the predicate, `var` reads the array element (or current/accumulator), not the answers.
    visit(args[1], `${here}/1`, scan, true);
    if (op === 'reduce') visit(args[2], `${here}/2`, scan, insideIterator);
    return;
  }
  visit(args, here, scan, insideIterator);
}

function readVar(args: unknown, pointer: string, scan: RuleScan, insideIterator: boolean): void {
  const path = Array.isArray(args) ? args[0] : args;
  if (Array.isArray(args) && args.length > 1) visit(args[1], `${pointer}/1`, scan, insideIterator);
  if (typeof path === 'number') return;
  if (typeof path !== 'string') {
    scan.issues.push({
      code: 'logic-var-shape',
      pointer,
      message: 'A var must name its path as a string literal, so the verifier can check what it reads.',
    });
    return;
  }
  checkPath(path, pointer, scan, insideIterator);
}

function checkPath(path: string, pointer: string, scan: RuleScan, insideIterator: boolean): void {
  const bad = path.split('.').find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (bad) {
    scan.issues.push({
      code: 'logic-var-forbidden',
      pointer,
      message: `var path "${path}" contains "${bad}", which reaches into JavaScript internals. Name an answer, derived.<name> or input.<name>.`,
    });
    return;
  }
  if (!insideIterator && path !== '') scan.vars.push(path);
}

function recordComparison(args: unknown[], scan: RuleScan): void {
  const [a, b] = args;
  const varOf = (x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) && 'var' in x
      ? Array.isArray((x as { var: unknown }).var)
        ? (x as { var: unknown[] }).var[0]
        : (x as { var: unknown }).var
      : undefined;
  const va = varOf(a);
  const vb = varOf(b);
  if (typeof va === 'string' && (typeof b !== 'object' || b === null)) scan.comparisons.push({ var: va, value: b });
  if (typeof vb === 'string' && (typeof a !== 'object' || a === null)) scan.comparisons.push({ var: vb, value: a });
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

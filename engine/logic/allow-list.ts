/**
 * JSON Logic operators a tree may use. json-logic-js also knows `method` (calls any method on
 * the data – remote code execution in disguise) and lets anyone add operations globally; neither
 * is reachable from a tree because the verifier refuses every operator outside this list.
 */
export const ALLOWED_OPERATORS = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'some',
  'all',
  'none',
  'map',
  'filter',
  'reduce',
  '+',
  '-',
  '*',
  'max',
  'min',
]);

/** Path segments that would walk into Object.prototype when json-logic-js resolves a var. */
export const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

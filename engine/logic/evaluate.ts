import jsonLogic from 'json-logic-js';
import type { Rule } from '../schema/tree-schema.js';

/**
 * Evaluates a rule that the verifier has already scanned (allow-listed operators, safe var paths).
 * Data objects are built with a null prototype, so even a missed path cannot reach Object.prototype.
 */
export function evaluate(rule: Rule, data: Record<string, unknown>): boolean {
  return truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, data));
}

/** JSON Logic truthiness: an empty array is false (unlike JavaScript). */
export function truthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}

/** The raw value of a rule (derived values may be numbers or lists, not only booleans). */
export function apply(rule: Rule, data: Record<string, unknown>): unknown {
  return jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
}

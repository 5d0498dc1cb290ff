import type { FlatNode } from '../compile/flat-graph.js';
import type { QuestionNode } from '../schema/tree-schema.js';
import { fail, ok, type Result } from './types.js';

// Control characters other than tab and newline have no place in a resident's answer.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a value against the node's input; returns the value as it will be stored. */
export function validateAnswer(node: FlatNode, value: unknown): Result<unknown> {
  const id = node.id;
  if (node.kind === 'info') {
    return value === null || value === undefined ? ok(null) : fail('wrong-type', 'An info screen takes no answer: send null to go on.', id);
  }
  const input = (node.source as QuestionNode).input;
  switch (input.type) {
    case 'yesno':
      return typeof value === 'boolean' ? ok(value) : fail('wrong-type', 'Answer with true (ja) or false (nee).', id);
    case 'single': {
      const options = input.options.map((o) => o.value);
      if (typeof value !== 'string') return fail('wrong-type', `Answer with one option as a string: ${options.join(', ')}.`, id);
      return options.includes(value)
        ? ok(value)
        : fail('unknown-option', `"${value}" is not an option here. Options: ${options.join(', ')}.`, id);
    }
    case 'multi': {
      const options = input.options.map((o) => o.value);
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        return fail('wrong-type', `Answer with a list of options: ${options.join(', ')}.`, id);
      }
      const unknown = value.find((v) => !options.includes(v));
      if (unknown !== undefined) return fail('unknown-option', `"${unknown}" is not an option here. Options: ${options.join(', ')}.`, id);
      // Stored in the question's own order, without repeats, so replays and comparisons agree.
      const chosen = options.filter((o) => value.includes(o));
      const min = input.min ?? 1;
      if (chosen.length < min) return fail('too-few', `Choose at least ${min}.`, id);
      if (input.max !== undefined && chosen.length > input.max) return fail('too-many', `Choose at most ${input.max}.`, id);
      return ok(chosen);
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('wrong-type', 'Answer with a number.', id);
      if (input.integer && !Number.isInteger(value)) return fail('not-integer', 'Answer with a whole number.', id);
      if (value < input.min || value > input.max)
        return fail('out-of-range', `Answer with a number from ${input.min} to ${input.max}.`, id);
      return ok(value);
    }
    case 'text': {
      if (typeof value !== 'string') return fail('wrong-type', 'Answer with text.', id);
      const text = value.trim();
      if (CONTROL.test(text)) return fail('invalid-text', 'The text contains control characters; remove them.', id);
      if (!text && !input.optional) return fail('required', 'This question needs an answer.', id);
      if ([...text].length > input.maxLength) return fail('too-long', `Use at most ${input.maxLength} characters.`, id);
      return ok(text);
    }
    case 'date': {
      if (typeof value !== 'string' || !ISO_DATE.test(value) || !isRealDate(value)) {
        return fail('invalid-date', 'Answer with a date as YYYY-MM-DD.', id);
      }
      if ((input.min && value < input.min) || (input.max && value > input.max)) {
        return fail('out-of-range', `Answer with a date from ${input.min ?? 'any'} to ${input.max ?? 'any'}.`, id);
      }
      return ok(value);
    }
  }
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

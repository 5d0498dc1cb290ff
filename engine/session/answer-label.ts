import type { FlatNode } from '../compile/flat-graph.js';
import type { QuestionNode } from '../schema/tree-schema.js';
import { say, type Audience } from '../text/audience.js';
import { localize, word } from '../text/localize.js';

/** An answer as a resident reads it back: option labels, Ja/Nee, a number with its unit. */
export function answerLabel(node: FlatNode, value: unknown, locale: string, audience: Audience = 'self'): string {
  if (node.kind === 'info') return word('seen', locale);
  const input = (node.source as QuestionNode).input;
  switch (input.type) {
    case 'yesno':
      return word(value ? 'yes' : 'no', locale);
    case 'single':
    case 'multi': {
      const values = Array.isArray(value) ? value : [value];
      return values.map((v) => say(input.options.find((o) => o.value === v)?.label, audience, locale) ?? String(v)).join(', ');
    }
    case 'number': {
      const unit = localize(input.unit, locale);
      return unit ? `${value} ${unit}` : String(value);
    }
    default:
      return String(value ?? '');
  }
}

/** The question's short label, else its full text. */
export function questionLabel(node: FlatNode, locale: string, audience: Audience = 'self'): string {
  const source = node.source as QuestionNode;
  return say(source.short ?? source.text, audience, locale) ?? node.id;
}

import { escapePointer } from '../logic/rule-scan.js';
import type { Problem } from './problem.js';

const HTML = /<\s*[a-zA-Z!/]/;

/**
 * Every localized text (an object with an `nl` string) must be free of HTML, and – in a
 * published tree – also exist in English. Drafts get a warning, so authors can work in Dutch first.
 */
export function textProblems(doc: unknown, where: string, published: boolean): Problem[] {
  const problems: Problem[] = [];
  walk(doc, '', (pointer, text) => {
    for (const [lang, value] of Object.entries(text)) {
      if (typeof value === 'string' && HTML.test(value)) {
        problems.push({
          code: 'text-html',
          severity: 'error',
          where,
          pointer: `${pointer}/${lang}`,
          message: 'Texts are markdown (bold, lists, links), never HTML. Remove the tag; for emphasis use **bold**.',
        });
      }
    }
    if (typeof text.en !== 'string') {
      problems.push({
        code: 'translation-missing',
        severity: published ? 'error' : 'warning',
        where,
        pointer,
        message: `No English text (en) for "${String(text.nl).slice(0, 60)}". Published trees need nl and en.`,
      });
    }
  });
  return problems;
}

// Recursive, and safe so: it runs on documents the schema passed, whose depth the schema bounds.
function walk(node: unknown, pointer: string, visit: (pointer: string, text: Record<string, unknown>) => void) {
  if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`, visit));
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.nl === 'string') return visit(pointer, obj);
  // JSON Logic rules hold no resident text.
  for (const [k, v] of Object.entries(obj)) if (k !== 'when' && k !== 'rule') walk(v, `${pointer}/${escapePointer(k)}`, visit);
}

import type { Audience, TextUnit } from './types.js';

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every Dutch string of a tree or services.json: each object with an `nl` string is a localized
 * text. Texts under `staff` are what a 14 023 agent reads aloud – not B1-checked as errors, only
 * reported. JSON Logic (`when`, `rule`) holds no text.
 */
export function collectTexts(doc: unknown): TextUnit[] {
  const units: TextUnit[] = [];
  walk(doc, '', 'resident', units);
  return units;
}

function walk(node: unknown, pointer: string, audience: Audience, units: TextUnit[]): void {
  if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`, audience, units));
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.nl === 'string') {
    units.push({ pointer: `${pointer}/nl`, text: obj.nl, audience });
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'when' || k === 'rule') continue;
    walk(v, `${pointer}/${escape(k)}`, k === 'staff' ? 'staff' : audience, units);
  }
}

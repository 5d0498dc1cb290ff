import { sentences } from '../sentences.js';
import type { TextUnit } from '../types.js';

/** A resident text at a fixed pointer, split the way analyze.ts splits it. */
export function unit(text: string, pointer = '/nodes/x/text/nl'): [TextUnit, ReturnType<typeof sentences>] {
  const u: TextUnit = { pointer, text, audience: 'resident' };
  return [u, sentences(text)];
}

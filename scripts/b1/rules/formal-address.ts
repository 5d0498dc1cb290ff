import type { Sentence } from '../sentences.js';
import type { Finding, TextUnit } from '../types.js';

const FORMAL = new Set(['u', 'uw', 'uzelf', 'uwe']);

/** Trees speak to residents as je/jij (house style, same in every channel): u/uw is an error. */
export function formalAddress(unit: TextUnit, list: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const s of list) {
    const hit = s.words.find((w) => FORMAL.has(w.toLowerCase()));
    if (hit) {
      findings.push({
        code: 'formal-address',
        severity: 'error',
        pointer: unit.pointer,
        excerpt: s.text,
        message: `"${hit}" is formal address. Trees use je/jij/jouw: write "je" for "u" and "je/jouw" for "uw".`,
      });
    }
  }
  return findings;
}

import type { PromisePhrase } from '../lists.js';
import type { Sentence } from '../sentences.js';
import type { Finding, TextUnit } from '../types.js';
import { phraseRegex } from './phrase.js';

/**
 * The tree advises; the gemeente decides (001:L1437-1460: no false expectations). A phrase that
 * promises an outcome is an error; the list says what to write instead.
 */
export function promises(unit: TextUnit, list: readonly Sentence[], phrases: readonly PromisePhrase[]): Finding[] {
  const findings: Finding[] = [];
  for (const s of list) {
    for (const p of phrases) {
      if (!phraseRegex(p.phrase, 'iu').test(s.text)) continue;
      findings.push({
        code: 'promise',
        severity: 'error',
        pointer: unit.pointer,
        excerpt: s.text,
        message: `"${p.phrase}" promises a result the gemeente has not decided. Write instead: "${p.instead}".`,
      });
    }
  }
  return findings;
}

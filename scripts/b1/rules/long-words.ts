import { letterCount, type Sentence } from '../sentences.js';
import type { Finding, TextUnit } from '../types.js';

export const LONG_WORD = 15;

/** Inflections that keep a word the same word for the allow-list (plural, adjective, genitive). */
const ENDINGS = ['', 's', 'en', 'e', 'n', "'s", '’s'];

/**
 * Long words slow B1 readers down. Hyphenated compounds are judged per part, because a hyphen
 * is exactly the B1 advice for an unavoidable compound (Wmo-melding, mantelzorg-cursus).
 */
export function longWords(unit: TextUnit, list: readonly Sentence[], allowed: readonly { word: string }[]): Finding[] {
  const ok = new Set(allowed.flatMap((a) => ENDINGS.map((e) => a.word.toLowerCase() + e)));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const s of list) {
    for (const word of s.words) {
      for (const part of word.split(/[-/]/)) {
        const key = part.toLowerCase();
        if (letterCount(part) <= LONG_WORD || ok.has(key) || seen.has(key) || /\d|\./.test(part)) continue;
        seen.add(key);
        findings.push({
          code: 'long-word',
          severity: 'warning',
          pointer: unit.pointer,
          excerpt: part,
          message: `"${part}" has ${letterCount(part)} letters (B1: at most ${LONG_WORD}). Use shorter words, or add a hyphen; if it is a name or unavoidable, add it with a reason to scripts/b1/lists/long-words-allowed.json.`,
        });
      }
    }
  }
  return findings;
}

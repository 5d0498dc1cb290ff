import type { Sentence } from '../sentences.js';
import type { Finding, TextUnit } from '../types.js';

/** B1 guidance: aim for at most 15 words a sentence; beyond 25 most B1 readers lose the thread. */
export const SENTENCE_WARN = 15;
export const SENTENCE_ERROR = 25;

export function sentenceLength(unit: TextUnit, list: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const s of list) {
    const n = s.words.length;
    if (n > SENTENCE_ERROR) {
      findings.push({
        code: 'sentence-too-long',
        severity: 'error',
        pointer: unit.pointer,
        excerpt: s.text,
        message: `${n} words in one sentence (max ${SENTENCE_ERROR}). Split it into sentences of at most ${SENTENCE_WARN} words.`,
      });
    } else if (n > SENTENCE_WARN) {
      findings.push({
        code: 'sentence-long',
        severity: 'warning',
        pointer: unit.pointer,
        excerpt: s.text,
        message: `${n} words in one sentence; B1 aims for at most ${SENTENCE_WARN}. Split it if you can.`,
      });
    }
  }
  return findings;
}

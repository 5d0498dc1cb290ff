import type { Sentence } from './sentences.js';
import { syllables } from './syllables.js';

export interface ReadabilityStats {
  sentences: number;
  words: number;
  syllables: number;
}

export function statsOf(list: readonly Sentence[]): ReadabilityStats {
  let words = 0;
  let syl = 0;
  for (const s of list) {
    words += s.words.length;
    for (const w of s.words) syl += syllables(w);
  }
  return { sentences: list.length, words, syllables: syl };
}

/**
 * Flesch-Douma, the Dutch adaptation of Flesch reading ease:
 * 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence. Higher is easier.
 */
export function fleschDouma({ sentences, words, syllables: syl }: ReadabilityStats): number | null {
  if (!sentences || !words) return null;
  return 206.84 - 0.77 * ((100 * syl) / words) - 0.93 * (words / sentences);
}

/** The usual bands of the Flesch scale, in the words reviewers know them by. */
export function readabilityLabel(score: number): string {
  if (score >= 90) return 'zeer makkelijk';
  if (score >= 80) return 'makkelijk';
  if (score >= 70) return 'vrij makkelijk';
  if (score >= 60) return 'normaal';
  if (score >= 50) return 'vrij moeilijk';
  if (score >= 30) return 'moeilijk';
  return 'zeer moeilijk';
}

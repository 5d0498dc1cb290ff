/**
 * Dutch syllables by vowel groups: every run of vowels is one syllable (ee, oe, ui, ieu, ooi …),
 * "ij" counts as a vowel, and a diaeresis (ë, ï, ö, ü) starts a new syllable (ide-eën,
 * co-ördinatie). Inside a run, the hiatus pairs of Latin loanwords also split: i|a, i|o, u|a,
 * e|o and i|ee (so-ci-aal, si-tu-a-tie, vi-de-o, fi-nan-ci-eel). English loanwords (website) are
 * still over-counted; over a whole tree that error is small and stable between versions.
 */
const VOWEL = 'aeiouyáéíóúàèìòùâêîôû';
const DIAERESIS = 'äëïöü';

function hiatus(prev: string | undefined, ch: string, next: string | undefined): boolean {
  return (
    (prev === 'i' && (ch === 'a' || ch === 'o')) ||
    (prev === 'u' && ch === 'a') ||
    (prev === 'e' && ch === 'o') ||
    (prev === 'i' && ch === 'e' && next === 'e')
  );
}

export function syllables(word: string): number {
  const w = [...word.toLowerCase().replace(/ij/g, 'y')];
  let count = 0;
  let inGroup = false;
  w.forEach((ch, i) => {
    if (DIAERESIS.includes(ch)) {
      count++;
      inGroup = true;
    } else if (VOWEL.includes(ch)) {
      if (!inGroup || hiatus(w[i - 1], ch, w[i + 1])) count++;
      inGroup = true;
    } else {
      inGroup = false;
    }
  });
  // Numbers and abbreviations without vowels (14, CJG) are still read aloud: at least one.
  return Math.max(1, count);
}

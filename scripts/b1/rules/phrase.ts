/** A phrase as a case-insensitive regex that matches whole words only ("u" in "uur" is no hit). */
export function phraseRegex(phrase: string, flags = 'giu'): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);
}

export const containsPhrase = (text: string, phrase: string) => phraseRegex(phrase, 'iu').test(text);

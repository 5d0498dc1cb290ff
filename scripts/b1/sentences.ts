/**
 * Splitting Dutch text into sentences and words, after removing the markdown subset trees use
 * (bold, lists, links). Counting is what B1 checks measure, so URLs and e-mail addresses are
 * dropped: a resident does not read them as words, and they would make sentences look long.
 */

/** Abbreviations whose full stop does not end a sentence (lower case, without the stop). */
const ABBREVIATIONS = new Set([
  'bijv',
  'bv',
  'b.v',
  'o.a',
  'enz',
  'etc',
  'ca',
  'nr',
  'tel',
  'mevr',
  'dhr',
  'z.o.z',
  'd.w.z',
  'i.p.v',
  'm.b.v',
  't.o.v',
  'e.d',
  'evt',
  'incl',
  'excl',
  'min',
  'max',
  'st',
]);

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'’.\-/&]*[\p{L}\p{N}])?/gu;

export interface Sentence {
  text: string;
  words: string[];
}

/** Markdown → plain text, one line per paragraph or list item. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_]/g, '$1$2')
    .replace(/^[ \t]*(#{1,6}|[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** The words of a piece of text: letters/digits, keeping inner hyphens, apostrophes and dots (buuv.nl). */
export function words(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => w.replace(/[.]+$/, ''));
}

/** The letters of a word, for length checks: "Wmo-melding" has 10. */
export const letterCount = (word: string) => (word.match(/\p{L}/gu) ?? []).length;

/**
 * Sentences of a (markdown) text. A sentence ends at . ! ? before white space, unless the word
 * before the stop is an abbreviation; every line (list item, paragraph) is its own sentence,
 * so an option label without a full stop still counts as one.
 */
export function sentences(markdown: string): Sentence[] {
  const out: Sentence[] = [];
  for (const line of plainText(markdown).split(/\n+/)) {
    let start = 0;
    const ends = /[.!?]+["'”’)]*(?=\s|$)/g;
    for (let m = ends.exec(line); m; m = ends.exec(line)) {
      const before = line.slice(start, m.index).split(/\s+/).pop()?.toLowerCase() ?? '';
      if (m[0] === '.' && ABBREVIATIONS.has(before.replace(/^[(“"‘']+/, ''))) continue;
      push(out, line.slice(start, m.index + m[0].length));
      start = m.index + m[0].length;
    }
    push(out, line.slice(start));
  }
  return out;
}

function push(out: Sentence[], raw: string) {
  const text = raw.trim();
  const ws = words(text);
  if (ws.length) out.push({ text, words: ws });
}

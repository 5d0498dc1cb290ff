/** Small helpers so texts from trees cannot break the Markdown around them. */

/** A multi-line text as a block quote. */
export const blockquote = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => (l.trim() ? `> ${l}` : '>'))
    .join('\n');

/** One table cell: no pipes or line breaks. */
export const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** A Mermaid label inside double quotes: entity codes for what would end or confuse it. */
export function mermaidLabel(text: string, max = 60): string {
  const flat = text
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const short =
    flat.length > max ? `${flat.slice(0, flat.lastIndexOf(' ', max - 1) > max / 2 ? flat.lastIndexOf(' ', max - 1) : max - 1)}…` : flat;
  return short.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/`/g, '#96;');
}

/** Mermaid ids: node ids such as "end" are keywords there, so every id gets a prefix. */
export const mermaidId = (id: string) => `n_${id.replace(/-/g, '_')}`;

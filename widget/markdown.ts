// Tree texts (widget/markdown-parse.ts) as Lit templates, never as HTML strings, so a tree author
// (or a compromised tree file) cannot inject markup: every piece of text goes through Lit's text
// bindings.
import { html, nothing, type TemplateResult } from 'lit';
import { parseBlocks, parseInline, type Inline } from './markdown-parse.js';

export { isSafeHref } from './markdown-parse.js';

type Part = string | TemplateResult;

const part = (p: Inline): Part =>
  typeof p === 'string'
    ? p
    : 'bold' in p
      ? html`<strong>${p.bold.map(part)}</strong>`
      : html`<a href=${p.href} rel="noopener noreferrer">${p.link.map(part)}</a>`;

const plain = (p: Inline): string => (typeof p === 'string' ? p : 'bold' in p ? p.bold.map(plain).join('') : p.link.map(plain).join(''));

/** The words of a tree text without its markup: what a live region should read (never "**" or "- "). */
export function plainText(text: string): string {
  return parseBlocks(text)
    .flatMap((b) => (b.kind === 'p' ? b.lines : b.items).map((l) => l.map(plain).join('')))
    .join(' ');
}

/** Inline markup only: for headings, labels and other places where blocks do not belong. */
export function inline(text: string): Part[] {
  return parseInline(text).map(part);
}

/** Block markup: paragraphs separated by blank lines, lists, and single newlines as line breaks. */
export function markdown(text: string | undefined): TemplateResult | typeof nothing {
  if (!text) return nothing;
  const blocks = parseBlocks(text).map((b) => {
    if (b.kind === 'p') return html`<p>${b.lines.map((l, i) => (i ? html`<br />${l.map(part)}` : l.map(part)))}</p>`;
    const items = b.items.map((i) => html`<li>${i.map(part)}</li>`);
    return b.kind === 'ol'
      ? html`<ol>
          ${items}
        </ol>`
      : html`<ul>
          ${items}
        </ul>`;
  });
  return html`${blocks}`;
}

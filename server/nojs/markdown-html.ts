// Tree texts (widget/markdown-parse.ts) as escaped HTML for the server-rendered pages: every piece
// of text goes through hono/html's escaping, and only https links survive the parser.
import { parseBlocks, parseInline, type Inline } from '../../widget/markdown-parse.js';
import { h, type Html } from './html.js';

const part = (p: Inline): Html | string =>
  typeof p === 'string'
    ? p
    : 'bold' in p
      ? h`<strong>${p.bold.map(part)}</strong>`
      : h`<a href="${p.href}" rel="noopener noreferrer">${p.link.map(part)}</a>`;

export const inlineHtml = (text: string): Html => h`${parseInline(text).map(part)}`;

export function markdownHtml(text: string | undefined): Html {
  if (!text) return h``;
  return h`${parseBlocks(text).map((b) =>
    b.kind === 'p'
      ? h`<p>${b.lines.map((l, i) => (i ? h`<br>${l.map(part)}` : h`${l.map(part)}`))}</p>`
      : b.kind === 'ol'
        ? h`<ol>${b.items.map((i) => h`<li>${i.map(part)}</li>`)}</ol>`
        : h`<ul>${b.items.map((i) => h`<li>${i.map(part)}</li>`)}</ul>`,
  )}`;
}

// Tree texts use a small markdown subset: **bold**, bullet and numbered lists, paragraphs, and
// [links](https://…, tel:…, mailto:…). They are turned into Lit templates, never into HTML strings,
// so a tree author (or a compromised tree file) cannot inject markup: every piece of text goes
// through Lit's text bindings, and a link to anything else (javascript:, data:, http:, a relative
// path) is shown as plain text – the verifier refuses such links too (engine/text/links.ts).
import { html, nothing, type TemplateResult } from 'lit';
import { isAllowedLink, isHttpsLink } from '../engine/text/links.js';

type Part = string | TemplateResult;

const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** Inline markup only: for headings, labels and other places where blocks do not belong. */
export function inline(text: string): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(html`<strong>${inline(m[1])}</strong>`);
    else out.push(link(m[2]!, m[3]!));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(label: string, href: string): Part {
  if (!isAllowedLink(href)) return label;
  return html`<a href=${href} rel="noopener noreferrer">${inline(label)}</a>`;
}

/** For a service's website: only absolute https URLs. */
export const isSafeHref = isHttpsLink;

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** Block markup: paragraphs separated by blank lines, lists, and single newlines as line breaks. */
export function markdown(text: string | undefined): TemplateResult | typeof nothing {
  if (!text) return nothing;
  const blocks: TemplateResult[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flushPara = () => {
    if (para.length) blocks.push(html`<p>${para.map((l, i) => (i ? html`<br />${inline(l)}` : inline(l)))}</p>`);
    para = [];
  };
  const flushList = () => {
    if (!list) return;
    const items = list.items.map((i) => html`<li>${inline(i)}</li>`);
    blocks.push(
      list.ordered
        ? html`<ol>
            ${items}
          </ol>`
        : html`<ul>
            ${items}
          </ul>`,
    );
    list = null;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flushPara();
      const ordered = !!numbered;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else if (!line.trim()) {
      flushPara();
      flushList();
    } else {
      flushList();
      para.push(line.trim());
    }
  }
  flushPara();
  flushList();
  return html`${blocks}`;
}

// Tree texts use a small markdown subset: **bold**, bullet and numbered lists, paragraphs, and
// [links](https://…). They are turned into Lit templates, never into HTML strings, so a tree
// author (or a compromised tree file) cannot inject markup: every piece of text goes through
// Lit's text bindings, and a link whose target is not https:// is shown as plain text.
import { html, nothing, type TemplateResult } from 'lit';

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
  if (!isSafeHref(href)) return label;
  return html`<a href=${href} rel="noopener noreferrer">${inline(label)}</a>`;
}

/** Only absolute https URLs: no javascript:, data:, relative paths or protocol-relative //host. */
export function isSafeHref(href: string): boolean {
  try {
    return /^https:\/\//i.test(href) && new URL(href).protocol === 'https:';
  } catch {
    return false;
  }
}

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

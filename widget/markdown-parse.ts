// Tree texts use a small markdown subset: **bold**, bullet and numbered lists, paragraphs, and
// [links](https://…, tel:…, mailto:…). This parses it into plain data; the widget renders that as Lit templates
// (widget/markdown.ts) and the server-rendered pages as escaped HTML (server/nojs/markdown-html.ts),
// so both read a tree text alike and neither ever turns tree text into markup.

import { isAllowedLink, isHttpsLink } from '../engine/text/links.js';

export type Inline = string | { bold: Inline[] } | { link: Inline[]; href: string };
export type Block = { kind: 'p'; lines: Inline[][] } | { kind: 'ul' | 'ol'; items: Inline[][] };

const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** Inline markup only: for headings, labels and other places where blocks do not belong. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push({ bold: parseInline(m[1]) });
    // A link to anything but https:, tel: or mailto: is shown as its plain label; the verifier
    // refuses such links too (engine/text/links.ts).
    else if (isAllowedLink(m[3]!)) out.push({ link: parseInline(m[2]!), href: m[3]! });
    else out.push(m[2]!);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** For a service's website: only absolute https URLs. */
export const isSafeHref = isHttpsLink;

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** Block markup: paragraphs separated by blank lines, lists, and single newlines as line breaks. */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flushPara = () => {
    if (para.length) blocks.push({ kind: 'p', lines: para.map(parseInline) });
    para = [];
  };
  const flushList = () => {
    if (!list) return;
    blocks.push({ kind: list.ordered ? 'ol' : 'ul', items: list.items.map(parseInline) });
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
  return blocks;
}

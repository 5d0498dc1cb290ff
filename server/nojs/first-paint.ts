// The first screen as plain HTML inside <vraag-wijzer>: the help bar and the first question, a
// form that works without any script. When the element upgrades its shadow root (no slot) takes
// the place of these light-DOM children; the reserved height keeps the page from jumping.
import { present, start } from '../../engine/index.js';
import type { TreeStore } from '../tree-store/tree-store.js';
import { uiLang } from '../../widget/messages.js';
import { helpBar } from './help-bar.js';
import { raw } from 'hono/html';
import { h, type Html } from './html.js';
import { nt } from './nojs-messages.js';
import { stepForm } from './render-step.js';
import { QUICK_EXIT_STYLE, quickExitLink } from './quick-exit.js';

// The light-DOM rules apply before the upgrade only (the widget styles itself in its shadow root).
// The reserved height is about that of the widget's first screen on a desktop page (the footer of
// the demo page moved 222px into a 36rem reserve): with less, the page below it jumps down.
const STYLE = `vraag-wijzer{display:block;min-block-size:var(--vraagwijzer-first-paint-min-block-size,52rem)}
vraag-wijzer .vw-help{padding:.5rem .85rem;margin-block-end:1rem;border-inline-start:6px solid #b00020;background:#fdecea}
vraag-wijzer .vw-help ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;column-gap:1.25rem}
vraag-wijzer .vw-help h2{font-size:1em;margin:0 0 .25rem}
vraag-wijzer fieldset{border:0;padding:0;margin:0 0 1rem}vraag-wijzer legend h1,vraag-wijzer legend{font-size:1.25rem;padding:0}
vraag-wijzer .choice{display:flex;gap:.5rem;align-items:flex-start;margin-block:.5rem}
vraag-wijzer .choice input{inline-size:1.25rem;block-size:1.25rem;margin:0}
vraag-wijzer .visually-hidden{position:absolute!important;inline-size:1px;block-size:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

/**
 * The light-DOM children for `<vraag-wijzer tree=… lang=…>`; `root` is "" on this server's own
 * pages and the server's origin in an embed snippet for another site. Undefined for an unknown tree.
 */
export function firstPaint(trees: TreeStore, tree: string, langAttr: string | undefined, root = ''): Html | undefined {
  const served = trees.head(tree);
  if (!served) return undefined;
  const lang = uiLang(langAttr);
  const step = present(served.compiled, start(served.compiled), lang);
  const name = served.id.slice(served.gemeente.length + 1);
  const query = new URLSearchParams({ ...(name === 'start' ? {} : { tree: name }), ...(lang === 'nl' ? {} : { lang }) }).toString();
  const base = `${root}/vraagwijzer/${served.gemeente}`;
  // The stylesheet is a constant of this file, not data: it goes in as it is.
  return h`<style>${raw(STYLE)}${raw(QUICK_EXIT_STYLE)}</style>
<div class="vw-first-paint" lang="${lang}">
${quickExitLink(served.gemeente, lang, root)}
${helpBar(served.config, lang, 'vw-first-help')}
${stepForm({ lang, step, action: `${base}${lang === 'nl' ? '' : `?lang=${lang}`}`, hidden: { tree: name, node: step.id }, heading: 'h2' }, h``)}
<noscript><p><a href="${base}${query ? `?${query}` : ''}">${nt(lang, 'noscriptLink')}</a></p></noscript>
</div>`;
}

const ELEMENT = /<vraag-wijzer\b([^>]*)>\s*<\/vraag-wijzer>/g;
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const withAttr = (attrs: string, name: string, value: string) =>
  attr(attrs, name) === undefined ? `${attrs} ${name}="${value}"` : attrs.replace(new RegExp(`\\b${name}="[^"]*"`), `${name}="${value}"`);

/**
 * Every empty <vraag-wijzer tree=…> in a page gets its first paint – of the tree and language a
 * demo page's ?tree= and ?lang= choose, if given – and those become the element's attributes, as
 * does ?dir= the page's writing direction. Done here rather than by a script on the page: one file
 * less to load before the first question, and the element starts on the right tree.
 */
export function withFirstPaint(trees: TreeStore, page: string, chosen: { tree?: string; lang?: string; dir?: string } = {}): string {
  // Only values that are safe inside an attribute as they are: a published tree id, two letters.
  const tree = chosen.tree && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(chosen.tree) && trees.head(chosen.tree) ? chosen.tree : undefined;
  const lang = chosen.lang && /^[a-z]{2}$/.test(chosen.lang) ? chosen.lang : undefined;
  const dir = chosen.dir === 'rtl' || chosen.dir === 'ltr' ? chosen.dir : undefined;
  const painted = page.replace(ELEMENT, (_, found: string) => {
    let attrs = found;
    if (tree) attrs = withAttr(attrs, 'tree', tree);
    if (lang) attrs = withAttr(attrs, 'lang', lang);
    const shown = attr(attrs, 'tree');
    const paint = shown ? firstPaint(trees, shown, attr(attrs, 'lang')) : undefined;
    return paint ? `<vraag-wijzer${attrs}>${paint}</vraag-wijzer>` : `<vraag-wijzer${attrs}></vraag-wijzer>`;
  });
  return dir ? painted.replace(/<html\b([^>]*)>/, (_, attrs: string) => `<html${withAttr(attrs, 'dir', dir)}>`) : painted;
}

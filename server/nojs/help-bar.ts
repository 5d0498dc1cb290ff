// "Direct hulp nodig?" above every page and in the first paint: the municipality's own help bar
// (trees/<gemeente>/gemeente.json, each number with its source), the same lines the widget shows.
import { localize, type GemeenteConfig } from '../../engine/index.js';
import { t } from '../../widget/messages.js';
import { h, type Html } from './html.js';

export function helpBar(config: GemeenteConfig | null | undefined, lang: string, id = 'vw-help'): Html {
  const items = (config?.helpBar ?? []).map((e) => h`<li><a href="${e.tel}">${localize(e.text, lang)}</a></li>`);
  if (!items.length) return h``;
  return h`<aside class="vw-help" aria-labelledby="${id}">
  <h2 id="${id}">${t(lang, 'help')}</h2>
  <ul>${items}</ul>
</aside>`;
}

/** `{kcc}` in the shared messages: the contact number, or "de gemeente" when none is known. */
export function kccWords(config: GemeenteConfig | null | undefined, lang: string): { kcc: string } {
  return { kcc: config?.kcc.phone ?? t(lang, 'kccFallback') };
}

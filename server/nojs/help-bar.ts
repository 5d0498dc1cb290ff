// "Direct hulp nodig?" above every page and in the first paint: the numbers come from the
// municipality's service catalogue (trees/<gemeente>/services.json), each entry with its source.
import type { CompiledTree } from '../../engine/index.js';
import { presentService } from '../sessions/present-state.js';
import { t } from '../../widget/messages.js';
import { h, type Html } from './html.js';

/** The catalogue entries the bar shows, in this order, when the catalogue has them. */
const HELP_SERVICES = ['alarmnummer-112', 'veilig-thuis', 'zelfmoordpreventie-113'];

export function helpBar(compiled: CompiledTree, lang: string, id = 'vw-help'): Html {
  const items = HELP_SERVICES.flatMap((sid) => {
    const s = compiled.services.get(sid);
    if (!s?.contact.phone) return [];
    const p = presentService(s, lang);
    const phone = p.phone!;
    // "112 – alarmnummer" already says the number; "Veilig Thuis" needs it added.
    const label = p.name.includes(phone) ? p.name : `${p.name}: ${phone}`;
    return [h`<li><a href="tel:${phone.replace(/[^0-9+]/g, '')}">${label}</a></li>`];
  });
  if (!items.length) return h``;
  return h`<aside class="vw-help" aria-labelledby="${id}">
  <h2 id="${id}">${t(lang, 'help')}</h2>
  <ul>${items}</ul>
</aside>`;
}

// "Snel weg" without JavaScript: a link, fixed on the screen and first in the tab order, to a route
// that drops the no-JS session cookie and sends the browser on to the municipality's neutral page.
// Without a script the history entry cannot be replaced (the widget's button does that); leaving
// the cookie behind would let Back-and-reload show the answers again, so the server forgets it.
import type { Context } from 'hono';
import { DEFAULT_QUICK_EXIT } from '../../engine/schema/quick-exit.js';
import type { GemeenteConfig } from '../../engine/index.js';
import { t } from '../../widget/messages.js';
import { h, type Html } from './html.js';
import { clearSession } from './nojs-cookie.js';

/** The rules for the link: the first-paint and page stylesheets include them. */
export const QUICK_EXIT_STYLE = `.vw-quick-exit{position:fixed;inset-block-start:.5rem;inset-inline-end:.5rem;z-index:2147483647;display:inline-block;min-block-size:44px;box-sizing:border-box;padding:.4rem .9rem;border:2px solid #1b1b1b;background:#fff;color:#1b1b1b;font-weight:700;text-decoration:none}
@media print{.vw-quick-exit{display:none}}`;

/** `root` is "" on this server's pages and its origin in an embed snippet for another site. */
export function quickExitLink(gemeente: string, lang: string, root = ''): Html {
  return h`<a class="vw-quick-exit" href="${root}/vraagwijzer/${gemeente}/snel-weg" rel="noreferrer">${t(lang, 'quickExit')}</a>`;
}

/** GET /vraagwijzer/<gemeente>/snel-weg: forget the session on this browser, then leave. */
export function quickExit(c: Context, gemeente: string, config: GemeenteConfig | null | undefined): Response {
  clearSession(c, gemeente);
  c.header('cache-control', 'no-store');
  return c.redirect(config?.quickExit?.url ?? DEFAULT_QUICK_EXIT, 303);
}

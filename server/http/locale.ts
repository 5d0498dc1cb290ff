import type { Context } from 'hono';
import { Locale } from '../api/schemas.js';
import { parse } from './validate.js';

/**
 * `?lang=` (or `?locale=`, which the widget sends) overrides the session's language for one
 * response. Accept-Language is deliberately ignored: browsers always send it, and it would
 * override the language the resident chose in the widget.
 */
export function requestedLocale(c: Context): string | undefined {
  const lang = c.req.query('lang');
  // A fault is named as the client sent it.
  if (lang !== undefined) return parse(Locale, lang, { parameter: 'lang' });
  const locale = c.req.query('locale');
  return locale === undefined ? undefined : parse(Locale, locale, { parameter: 'locale' });
}

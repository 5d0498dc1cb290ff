import type { Context } from 'hono';
import { Locale } from '../api/schemas.js';
import { parse } from './validate.js';

/**
 * `?lang=` (or `?locale=`, which the widget sends) overrides the session's language for one
 * response. Accept-Language is deliberately ignored: browsers always send it, and it would
 * override the language the resident chose in the widget.
 */
export function requestedLocale(c: Context): string | undefined {
  const parameter = c.req.query('lang') !== undefined ? 'lang' : 'locale';
  const value = c.req.query(parameter);
  // The fault is named as the client sent it.
  return value === undefined ? undefined : parse(Locale, value, { parameter });
}

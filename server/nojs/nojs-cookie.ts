// The no-JavaScript pages keep the session's bearer token where page scripts cannot read it: an
// HttpOnly, SameSite=Lax cookie that only this municipality's pages receive. The resume code rides
// along so "Bewaar en ga later verder" can show it again (the widget keeps it in sessionStorage).
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashSecret } from '../ids.js';

const NAME = 'vw_sessie';
// id, token and code use base64url or the code alphabet (with one "-"): none contains a ".".
const VALUE = /^([A-Za-z0-9_-]{1,100})\.([A-Za-z0-9_-]{20,200})\.([A-Z0-9-]{4,20})\.(\d{1,15})$/;

export interface CookieSession {
  id: string;
  token: string;
  resumeCode: string;
  resumeExpiresAt: string;
}

const pathOf = (gemeente: string) => `/vraagwijzer/${gemeente}`;

export function readSession(c: Context): CookieSession | undefined {
  const m = VALUE.exec(getCookie(c, NAME) ?? '');
  if (!m) return undefined;
  return { id: m[1]!, token: m[2]!, resumeCode: m[3]!, resumeExpiresAt: new Date(Number(m[4])).toISOString() };
}

export function writeSession(c: Context, gemeente: string, s: CookieSession): void {
  // No Max-Age: the cookie ends with the browser, as the widget's sessionStorage ends with the tab
  // (a library PC forgets it); the resume code is the way back.
  setCookie(c, NAME, `${s.id}.${s.token}.${s.resumeCode}.${Date.parse(s.resumeExpiresAt)}`, {
    path: pathOf(gemeente),
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

export function clearSession(c: Context, gemeente: string): void {
  deleteCookie(c, NAME, { path: pathOf(gemeente) });
}

/**
 * The per-session CSRF token in every form: derived from the bearer token, which another site can
 * neither read (HttpOnly) nor work back from this hash. Nothing to store, nothing to expire apart.
 */
export const csrfTokenOf = (token: string) => hashSecret(`nojs-csrf\n${token}`);

export function csrfMatches(sent: unknown, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenOf(token));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { StaffConfig } from './config.js';
import { originOf } from '../http/public-origin.js';

/**
 * Secure cookies need https; a browser on http://localhost (development, the e2e tests) accepts
 * them there too, but fetch tooling does not, so 'auto' leaves Secure and the __Host- prefix off
 * only for localhost. The prefix makes the browser refuse the cookie from a subdomain or a path.
 */
export function cookieNames(c: Context, config: StaffConfig) {
  const host = new URL(originOf(c)).hostname;
  const secure = config.secureCookies === 'auto' ? !['localhost', '127.0.0.1', '[::1]'].includes(host) : config.secureCookies;
  const prefix = secure ? '__Host-' : '';
  return { secure, session: `${prefix}vw_staff`, csrf: `${prefix}vw_csrf` };
}

export function setStaffCookies(c: Context, config: StaffConfig, sessionId: string, csrf: string, maxAgeMs: number) {
  const n = cookieNames(c, config);
  const base = { path: '/', secure: n.secure, sameSite: 'Strict' as const, maxAge: Math.floor(maxAgeMs / 1000) };
  setCookie(c, n.session, sessionId, { ...base, httpOnly: true });
  // Readable by the page on purpose: it is the double-submit token the page echoes in a header.
  setCookie(c, n.csrf, csrf, { ...base, httpOnly: false });
}

export function clearStaffCookies(c: Context, config: StaffConfig) {
  const n = cookieNames(c, config);
  deleteCookie(c, n.session, { path: '/', secure: n.secure });
  deleteCookie(c, n.csrf, { path: '/', secure: n.secure });
}

export function readStaffCookies(c: Context, config: StaffConfig) {
  const n = cookieNames(c, config);
  return { session: getCookie(c, n.session), csrf: getCookie(c, n.csrf) };
}

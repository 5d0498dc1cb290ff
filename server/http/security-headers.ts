import type { MiddlewareHandler } from 'hono';
import { originOf } from './public-origin.js';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
// A service worker's own fetches obey the CSP it was served with: it must reach this origin.
const WORKER_CSP = "default-src 'self'; frame-ancestors 'none'";
// HTML pages (demo, docs): own scripts only; inline styles for the docs page and Lit's fallbacks.
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/** Set on every response, errors included (this runs after the error handler built them). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const html = (h.get('content-type') ?? '').startsWith('text/html');
    const worker = c.req.path.endsWith('-sw.js');
    h.set('content-security-policy', html ? PAGE_CSP : worker ? WORKER_CSP : API_CSP);
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'no-referrer');
    h.set('x-frame-options', html ? 'SAMEORIGIN' : 'DENY');
    h.set('cross-origin-opener-policy', 'same-origin');
    h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (!h.has('cache-control') && c.req.path.startsWith('/api/')) h.set('cache-control', 'no-store');
    // Served over https – here, or by the TLS-terminating proxy in front (public-origin.ts).
    if (originOf(c).startsWith('https:')) h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
}

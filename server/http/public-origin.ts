import type { Context, MiddlewareHandler } from 'hono';
import { peerIsTrustedProxy, type TrustProxy } from './client-address.js';

// The origin the browser sees. Behind a TLS-terminating proxy the server is reached over plain
// http on an inner address, so the request URL says http://10.0.0.5:8787 while the page was loaded
// from https://vraagwijzer.haarlem.nl: same-origin checks (staff sign-in, CSRF, a session created
// from the server's own pages) refused the server's own pages, and no HSTS was sent.

type WithOrigin = Context<{ Variables: { publicOrigin?: string } }>;

/**
 * The configured PUBLIC_ORIGIN; else, when the request came through a trusted proxy, the origin
 * its X-Forwarded-Proto and X-Forwarded-Host name (the right-most entry: the nearest proxy's);
 * else the request's own.
 */
export function publicOriginOf(configured: string | undefined, trust: TrustProxy) {
  return (c: Context): string => {
    if (configured) return configured;
    const own = new URL(c.req.url);
    if (!peerIsTrustedProxy(trust, c)) return own.origin;
    const last = (name: string) => c.req.header(name)?.split(',').at(-1)?.trim().toLowerCase();
    const proto = last('x-forwarded-proto');
    const host = last('x-forwarded-host');
    const scheme = proto === 'https' || proto === 'http' ? proto : own.protocol.slice(0, -1);
    const authority = host && /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(host) ? host : own.host;
    return new URL(`${scheme}://${authority}`).origin;
  };
}

/** Works the public origin out once per request, for publicOrigin(c) everywhere after. */
export function publicOrigin(originOf: (c: Context) => string): MiddlewareHandler {
  return async (c, next) => {
    (c as WithOrigin).set('publicOrigin', originOf(c));
    await next();
  };
}

/** The origin the browser sees for this request (see above). */
export function originOf(c: Context): string {
  return (c as WithOrigin).get('publicOrigin') ?? new URL(c.req.url).origin;
}

/** PUBLIC_ORIGIN: `https://host[:port]`, nothing after it. */
export function publicOriginFromEnv(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.trim().replace(/\/$/, ''))
    throw new Error(
      `PUBLIC_ORIGIN="${value}" is not an origin. Give the scheme and host the browser uses, without a path, e.g. PUBLIC_ORIGIN=https://vraagwijzer.haarlem.nl.`,
    );
  return url.origin;
}

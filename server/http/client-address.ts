import type { Context } from 'hono';

/**
 * The caller's address for rate limiting. @hono/node-server puts the Node request on `c.env`;
 * behind a proxy you run (TRUST_PROXY=1) the first X-Forwarded-For entry is the client.
 */
export function clientAddress(trustProxy: boolean) {
  return (c: Context): string => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    return incoming?.socket?.remoteAddress ?? 'local';
  };
}

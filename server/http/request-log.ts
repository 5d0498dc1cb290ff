import type { Context, MiddlewareHandler } from 'hono';
import { requestContext, requestIdFrom } from './request-context.js';
import type { Logger } from '../logger.js';

/**
 * One line per request: the route pattern (never the concrete path, which carries session ids
 * and tokens), status and duration. Bodies are never logged. Everything logged while the request
 * is served carries its id, which the response's X-Request-Id header and problem body repeat.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return (c, next) => {
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    return requestContext.run({ requestId }, async () => {
      const started = performance.now();
      await next();
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const status = c.res.status;
      c.res.headers.set('x-request-id', requestId);
      const line = { method: c.req.method, route: c.req.routePath, status, ms };
      if (status === CLIENT_CLOSED_REQUEST) logger.info(line, 'client closed the request before it was read');
      else if (status >= 500) logger.error(line, 'request failed');
      else logger.debug(line, 'request');
    });
  };
}

/** nginx's status for a request the client gave up on; nobody receives the response. */
export const CLIENT_CLOSED_REQUEST = 499;

/** The client hung up while its body was read: not the server's error. */
export function clientAborted(c: Context, err: unknown): boolean {
  const e = err as NodeJS.ErrnoException;
  return c.req.raw.signal?.aborted === true || e?.name === 'AbortError' || e?.code === 'ECONNRESET' || e?.code === 'ECONNABORTED';
}

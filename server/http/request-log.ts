import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';

/**
 * One line per request: the route pattern (never the concrete path, which carries session ids
 * and tokens), status and duration. Bodies are never logged.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const status = c.res.status;
    const line = { method: c.req.method, route: c.req.routePath, status, ms };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.debug(line, 'request');
  };
}

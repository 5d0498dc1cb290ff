import type { Context } from 'hono';
import type { RequestGuard } from '../sessions/load-session.js';
import { ApiError } from './problem.js';
import { originOf } from './public-origin.js';

/**
 * CORS answers the browser; this guard enforces it per municipality on the server side: a
 * widget embedded on haarlem.nl may run Haarlem's sessions, not another municipality's.
 * Requests without an Origin (curl, server-to-server) and same-origin requests pass.
 */
export function originGuard(c: Context, allowed: Record<string, string[]>): RequestGuard {
  return {
    checkOrigin(gemeente: string) {
      const origin = c.req.header('origin');
      if (!origin || origin === originOf(c)) return;
      if (allowed[gemeente]?.includes(origin)) return;
      throw new ApiError(
        403,
        'origin-not-allowed',
        `Pages on ${origin} may not use ${gemeente}'s trees. Add the origin to CORS_ORIGINS for "${gemeente}".`,
      );
    },
  };
}

/** The union of all municipalities' origins: what the CORS preflight may allow at all. */
export const allOrigins = (allowed: Record<string, string[]>) => new Set(Object.values(allowed).flat());

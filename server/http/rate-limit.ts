import type { MiddlewareHandler } from 'hono';
import type { RateRule } from '../config.js';
import { ApiError } from './problem.js';

/**
 * Fixed-window counter per client address: in memory, or – when the app shares its limits across
 * nodes (deps.limits, on PostgreSQL) – in the database, so N nodes do not allow N times the limit.
 */
export function rateLimit(
  name: string,
  rule: RateRule,
  clock: () => Date,
  clientOf: (c: Parameters<MiddlewareHandler>[0]) => string,
): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const shared = c.var.limits;
    if (shared) {
      const retryAfter = await shared.hit(name, rule, clientOf(c));
      if (retryAfter !== undefined) throw tooMany(name, retryAfter);
      return next();
    }
    const now = clock().getTime();
    const key = clientOf(c);
    let w = windows.get(key);
    if (!w || now - w.start >= rule.windowMs) {
      if (windows.size > 50_000) sweep(windows, now, rule.windowMs);
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    if (++w.count > rule.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + rule.windowMs - now) / 1000));
      throw tooMany(name, retryAfter);
    }
    await next();
  };
}

const tooMany = (name: string, retryAfter: number) =>
  new ApiError(429, 'rate-limited', `Too many ${name} requests from this address. Try again in ${retryAfter} seconds.`, {
    headers: { 'retry-after': String(retryAfter) },
  });

function sweep(windows: Map<string, { start: number }>, now: number, windowMs: number) {
  for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
}

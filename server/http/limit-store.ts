import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateRule } from '../config.js';

/**
 * Where rate-limit windows are counted. In memory (the default, rate-limit.ts) each process counts
 * its own; on PostgreSQL every node counts in one table, so N nodes do not allow N times the limit.
 */
export interface LimitStore {
  /** Counts one request for `key`; the seconds until it may come again when it is over the limit. */
  hit(name: string, rule: RateRule, key: string): Promise<number | undefined>;
  close(): Promise<void>;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by createApp when the limits are shared (deps.limits); rate-limit.ts counts there. */
    limits?: LimitStore;
  }
}

/**
 * rate-limiter-flexible's PostgreSQL store, on a small pool of its own. It keeps its windows in
 * `vw_rate_limits` (key, points, expire), created here if missing: counters that expire by
 * themselves, not data a migration needs to carry. Its windows run on the database nodes' shared
 * idea of now, not on an injected clock.
 */
export async function postgresLimits(url: string): Promise<LimitStore> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // As in db/connect.ts: an idle connection ended by the server is replaced when next needed.
  pool.on('error', () => {});
  // Made here, once, rather than by each limiter: two nodes starting together may both create it,
  // and PostgreSQL answers the loser of that race with a duplicate error – which means it exists.
  await pool
    .query('create table if not exists vw_rate_limits (key varchar(255) primary key, points integer not null default 0, expire bigint)')
    .catch((err: { code?: string }) => {
      if (err.code !== '23505' && err.code !== '42P07') throw err;
    });
  const limiters = new Map<string, RateLimiterPostgres>();
  const limiterFor = (name: string, rule: RateRule) => {
    const id = `${name}:${rule.limit}/${rule.windowMs}`;
    const known = limiters.get(id);
    if (known) return known;
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'vw_rate_limits',
      tableCreated: true,
      keyPrefix: id,
      points: rule.limit,
      duration: Math.max(1, Math.ceil(rule.windowMs / 1000)),
      clearExpiredByTimeout: true,
    });
    limiters.set(id, limiter);
    return limiter;
  };
  return {
    async hit(name, rule, key) {
      const limiter = limiterFor(name, rule);
      try {
        await limiter.consume(key);
        return undefined;
      } catch (over) {
        if (over instanceof RateLimiterRes) return Math.max(1, Math.ceil(over.msBeforeNext / 1000));
        throw over;
      }
    },
    close: () => pool.end(),
  };
}

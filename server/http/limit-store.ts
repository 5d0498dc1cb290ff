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
  /** Failures per key that lock it (the staff sign-in lockout): counted on every node together. */
  lockout(rule: { failures: number; windowMs: number; lockMs: number }): SharedLockout;
  close(): Promise<void>;
}

export interface SharedLockout {
  /** Milliseconds the key stays locked; undefined when it is not. */
  lockedFor(key: string): Promise<number | undefined>;
  /** Counts a failure; true when this one locked the key. */
  failed(key: string): Promise<boolean>;
  cleared(key: string): Promise<void>;
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
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
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
      duration: seconds(rule.windowMs),
      clearExpiredByTimeout: true,
    });
    limiters.set(id, limiter);
    return limiter;
  };
  return {
    lockout(rule) {
      // The `failures`-th failure is the one refused, and it blocks the key for lockMs.
      const limiter = new RateLimiterPostgres({
        storeClient: pool,
        tableName: 'vw_rate_limits',
        tableCreated: true,
        keyPrefix: `lockout:${rule.failures}/${rule.windowMs}/${rule.lockMs}`,
        points: rule.failures - 1,
        duration: seconds(rule.windowMs),
        blockDuration: seconds(rule.lockMs),
      });
      return {
        async lockedFor(key) {
          const res = await limiter.get(key);
          return res && res.consumedPoints > rule.failures - 1 && res.msBeforeNext > 0 ? res.msBeforeNext : undefined;
        },
        async failed(key) {
          try {
            await limiter.consume(key);
            return false;
          } catch (over) {
            if (over instanceof RateLimiterRes) return true;
            throw over;
          }
        },
        async cleared(key) {
          await limiter.delete(key);
        },
      };
    },
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

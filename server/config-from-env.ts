import { resolve } from 'node:path';
import { gemeenteDirs } from './tree-store/read-bundle.js';
import { DEFAULT_LIMITS, type VerifyLimits } from '../engine/index.js';
import { DEFAULTS, type Config, type RateRule } from './config.js';
import { trustProxyFromEnv } from './http/client-address.js';
import { publicOriginFromEnv } from './http/public-origin.js';
import { zgwSettingsFromEnv } from './zgw/zgw-config.js';

/**
 * The environment variables the server understands (documented in the README):
 * PORT, DATABASE_URL, TREES_ROOT (default trees/) or TREE_DIRS (comma list of municipality
 * folders), SERVE_DRAFTS=1, CORS_ORIGINS='{"haarlem":["https://www.haarlem.nl"]}',
 * SESSION_TTL_DAYS, RESUME_TTL_DAYS, STAFF_CODE_WINDOW_MINUTES, CONCERN_RETENTION_DAYS, OPEN_CONCERN_RETENTION_DAYS, COACH_PLAN_RETENTION_DAYS, AUDIT_RETENTION_DAYS, RATE_SESSIONS / RATE_RESUME /
 * RATE_CONCERNS ("limit/seconds"), TRUST_PROXY (hops or proxy addresses), PUBLIC_ORIGIN, HTTP_REQUEST_TIMEOUT_SECONDS,
 * HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_KEEP_ALIVE_SECONDS, MAX_CONNECTIONS_PER_ADDRESS, LOG_LEVEL, VERIFY_MAX_STATES,
 * VERIFY_MAX_MS and VERIFY_MAX_PROOF_STATES (the verifier's budget), ZGW_CONFIG, ZGW_POLL_SECONDS,
 * ZGW_TIMEOUT_SECONDS and ZGW_LEASE_SECONDS (server/zgw/zgw-config.ts).
 */
export async function configFromEnv(env: NodeJS.ProcessEnv): Promise<Config> {
  const days = (name: string, fallback: number) => (env[name] ? Number(env[name]) * 86_400_000 : fallback);
  const treeDirs = env.TREE_DIRS
    ? env.TREE_DIRS.split(',').map((d) => resolve(d.trim()))
    : await gemeenteDirs(resolve(env.TREES_ROOT ?? 'trees'));
  return {
    ...DEFAULTS,
    treeDirs,
    port: env.PORT !== undefined ? Number(env.PORT) : DEFAULTS.port,
    databaseUrl: env.DATABASE_URL ?? DEFAULTS.databaseUrl,
    serveDrafts: env.SERVE_DRAFTS === '1',
    corsOrigins: env.CORS_ORIGINS ? (JSON.parse(env.CORS_ORIGINS) as Record<string, string[]>) : {},
    sessionTtlMs: days('SESSION_TTL_DAYS', DEFAULTS.sessionTtlMs),
    resumeCodeTtlMs: days('RESUME_TTL_DAYS', DEFAULTS.resumeCodeTtlMs),
    staffCodeWindowMs: env.STAFF_CODE_WINDOW_MINUTES ? Number(env.STAFF_CODE_WINDOW_MINUTES) * 60_000 : DEFAULTS.staffCodeWindowMs,
    closedConcernRetentionMs: days('CONCERN_RETENTION_DAYS', DEFAULTS.closedConcernRetentionMs),
    openConcernRetentionMs: days('OPEN_CONCERN_RETENTION_DAYS', DEFAULTS.openConcernRetentionMs),
    coachPlanRetentionMs: days('COACH_PLAN_RETENTION_DAYS', DEFAULTS.coachPlanRetentionMs),
    auditRetentionMs: days('AUDIT_RETENTION_DAYS', DEFAULTS.auditRetentionMs),
    rateLimits: {
      sessions: rate(env.RATE_SESSIONS, DEFAULTS.rateLimits.sessions),
      resume: rate(env.RATE_RESUME, DEFAULTS.rateLimits.resume),
      concerns: rate(env.RATE_CONCERNS, DEFAULTS.rateLimits.concerns),
    },
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    publicOrigin: publicOriginFromEnv(env.PUBLIC_ORIGIN),
    limits: {
      requestTimeoutMs: seconds(env, 'HTTP_REQUEST_TIMEOUT_SECONDS', DEFAULTS.limits.requestTimeoutMs),
      headersTimeoutMs: seconds(env, 'HTTP_HEADERS_TIMEOUT_SECONDS', DEFAULTS.limits.headersTimeoutMs),
      keepAliveTimeoutMs: seconds(env, 'HTTP_KEEP_ALIVE_SECONDS', DEFAULTS.limits.keepAliveTimeoutMs),
      maxConnectionsPerAddress: count(env, 'MAX_CONNECTIONS_PER_ADDRESS', DEFAULTS.limits.maxConnectionsPerAddress),
    },
    retentionIntervalMs: seconds(env, 'RETENTION_INTERVAL_SECONDS', DEFAULTS.retentionIntervalMs),
    logLevel: env.LOG_LEVEL ?? DEFAULTS.logLevel,
    metricsToken: env.METRICS_TOKEN || null,
    verifyLimits: verifyLimitsFromEnv(env),
    zgw: zgwSettingsFromEnv(env, treeDirs),
  };
}

/** VERIFY_MAX_STATES, VERIFY_MAX_MS and VERIFY_MAX_PROOF_STATES (also read by npm run trees:check). */
export function verifyLimitsFromEnv(env: NodeJS.ProcessEnv): VerifyLimits {
  const count = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}="${value}" is not a positive whole number, e.g. ${name}=${fallback}.`);
    return n;
  };
  return {
    maxStates: count('VERIFY_MAX_STATES', DEFAULT_LIMITS.maxStates),
    maxMs: count('VERIFY_MAX_MS', DEFAULT_LIMITS.maxMs),
    maxProofStates: count('VERIFY_MAX_PROOF_STATES', DEFAULT_LIMITS.maxProofStates),
  };
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallbackMs: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallbackMs;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0)
    throw new Error(`${name}="${value}" is not a number of seconds above 0, e.g. ${name}=${fallbackMs / 1000}.`);
  return Number(value) * 1000;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name}="${value}" is not a whole number (0: no cap), e.g. ${name}=${fallback}.`);
  return Number(value);
}

function rate(value: string | undefined, fallback: RateRule): RateRule {
  if (!value) return fallback;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new Error(`Rate "${value}" is not "limit/seconds", e.g. RATE_SESSIONS=30/60.`);
  return { limit: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

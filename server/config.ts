// Everything the server can be told from outside. main.ts reads it from the environment once;
// tests build it with `testConfig()` so no test depends on the process environment.
import { DEFAULT_LIMITS, type VerifyLimits } from '../engine/index.js';
import type { TrustProxy } from './http/client-address.js';
import { DEFAULT_LIMITS as SERVER_LIMITS, type ServerLimits } from './http/server-limits.js';
import { ZGW_DEFAULTS, type ZgwSettings } from './zgw/zgw-config.js';

export interface RateRule {
  /** Requests allowed per window, per client address. */
  limit: number;
  windowMs: number;
}

export interface Config {
  port: number;
  databaseUrl: string;
  /** Municipality folders (trees/<gemeente>/) to load. */
  treeDirs: string[];
  /** Serve trees with status "draft" too (authoring previews); published only by default. */
  serveDrafts: boolean;
  /** HTML pages served at / and /demo/<name>. */
  staticDir: string;
  /** The widget bundle (vraag-wijzer.js) built by scripts/build-widget.ts. */
  widgetDir: string;
  /** Origins allowed to call the API from a browser, per municipality (the widget's host sites). */
  corsOrigins: Record<string, string[]>;
  bodyLimitBytes: number;
  /** Sessions expire this long after their last change. */
  sessionTtlMs: number;
  resumeCodeTtlMs: number;
  /** After staff first resume with a code, it works for staff this long; the resident's own use is unaffected. */
  staffCodeWindowMs: number;
  /** Closed concern reports are purged this long after closing. */
  closedConcernRetentionMs: number;
  /** Reports that were never closed are purged this long after their last change. */
  openConcernRetentionMs: number;
  /** A coach's household plan is purged this long after its last change. */
  coachPlanRetentionMs: number;
  /** Audit rows are purged this long after they were written (the chain keeps an anchor). */
  auditRetentionMs: number;
  retentionIntervalMs: number;
  rateLimits: { sessions: RateRule; resume: RateRule; concerns: RateRule };
  /** Which proxies may tell the client address in X-Forwarded-For (see client-address.ts). */
  trustProxy: TrustProxy;
  /** The origin browsers use (https://…) when a proxy in front terminates TLS; see public-origin.ts. */
  publicOrigin?: string;
  /** Request, headers and keep-alive timeouts and the per-address socket cap (server-limits.ts). */
  limits: ServerLimits;
  logLevel: string;
  /** Bearer token a Prometheus scraper sends to /metrics; null: loopback only (routes/metrics-routes.ts). */
  metricsToken: string | null;
  /** The verifier's budget per bundle (engine DEFAULT_LIMITS): past it a tree is refused. */
  verifyLimits: VerifyLimits;
  /** Wmo meldingen as zaken in each municipality's ZGW case system (ZGW_CONFIG; see zgw-config.ts). */
  zgw: ZgwSettings;
}

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export const DEFAULTS: Omit<Config, 'treeDirs'> = {
  port: 8787,
  databaseUrl: 'sqlite:./data/vraagwijzer.db',
  serveDrafts: false,
  staticDir: 'server/static',
  widgetDir: 'dist/widget',
  corsOrigins: {},
  bodyLimitBytes: 16 * 1024,
  sessionTtlMs: 30 * DAY,
  resumeCodeTtlMs: 7 * DAY,
  staffCodeWindowMs: 2 * 60 * MINUTE,
  closedConcernRetentionMs: 90 * DAY,
  openConcernRetentionMs: 365 * DAY,
  coachPlanRetentionMs: 365 * DAY,
  auditRetentionMs: 2 * 365 * DAY,
  retentionIntervalMs: 60 * MINUTE,
  rateLimits: {
    sessions: { limit: 30, windowMs: MINUTE },
    resume: { limit: 10, windowMs: 10 * MINUTE },
    concerns: { limit: 5, windowMs: 10 * MINUTE },
  },
  trustProxy: false,
  limits: SERVER_LIMITS,
  logLevel: 'info',
  metricsToken: null,
  verifyLimits: DEFAULT_LIMITS,
  zgw: ZGW_DEFAULTS,
};

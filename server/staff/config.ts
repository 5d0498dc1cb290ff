import type { RateRule } from '../config.js';
import type { Role } from '../db/staff-repo.js';
import type { LockoutRule } from './account-lockout.js';

/** OIDC authorization-code flow with PKCE against the municipality's identity provider. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Absolute callback URL registered at the provider, ending in /staff/oidc/callback. */
  redirectUri: string;
  scope: string;
  /** The id_token claim that carries the role (a string or a list of strings). */
  roleClaim: string;
  /** Provider group/role value → staff role; a value that maps to nothing gets no access. */
  roleMap: Record<string, Role>;
}

/** Where a warm handover to one service of the sociale kaart is delivered: HTTPS POST, signed. */
export interface HandoverTarget {
  url: string;
  /** Shared with the receiving organisation; signs every delivery (HMAC-SHA256). */
  secret: string;
}

export interface StaffConfig {
  /** A staff session ends after this long without a request. */
  idleTimeoutMs: number;
  /** …and this long after sign-in, whatever happens. */
  absoluteTimeoutMs: number;
  /** 'auto': Secure + __Host- cookies except on http://localhost (development and tests). */
  secureCookies: 'auto' | boolean;
  loginRate: RateRule;
  /** Failed sign-ins per account name, from all addresses together (account-lockout.ts). */
  loginLockout: LockoutRule;
  /** Resume-code attempts per staff member: a caller reads a code out once or twice, not 30 times. */
  staffResumeRate: RateRule;
  /** Where scripts/build-staff.ts puts staff.js and coach-sw.js. */
  staffDir: string;
  /** Where staff.html and coach.html live. */
  staticDir: string;
  oidc: OidcConfig | null;
  /**
   * What the reporter of a concern sees as "opgepakt door" when no receiving service is known.
   * Unset: the municipality's gemeente.json `staff.teamName`, else "Sociaal wijkteam".
   */
  teamName?: string;
  /** Life domain → tree id the coach starts for it (default: "<gemeente>/<domain>" or the "oplossing" door). */
  coachTrees: Record<string, string>;
  /** The municipality whose trees the coach's domains link to (default: whichever serves one). */
  coachGemeente: string | null;
  /** Service id → delivery endpoint. A service without one gets the handover by phone (status "geen-koppeling"). */
  handoverTargets: Record<string, HandoverTarget>;
}

const MINUTE = 60_000;

export const STAFF_DEFAULTS: StaffConfig = {
  idleTimeoutMs: 30 * MINUTE,
  absoluteTimeoutMs: 12 * 60 * MINUTE,
  secureCookies: 'auto',
  loginRate: { limit: 10, windowMs: 15 * MINUTE },
  loginLockout: { failures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  staffResumeRate: { limit: 30, windowMs: 10 * MINUTE },
  staffDir: 'dist/staff',
  staticDir: 'server/static',
  oidc: null,
  coachTrees: {},
  coachGemeente: null,
  handoverTargets: {},
};

/**
 * STAFF_IDLE_MINUTES, STAFF_MAX_HOURS, STAFF_SECURE_COOKIES (auto|1|0), RATE_STAFF_LOGIN
 * ("limit/seconds"), STAFF_LOGIN_LOCKOUT ("failures/seconds"), STAFF_TEAM_NAME, COACH_GEMEENTE, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
 * OIDC_REDIRECT_URI, OIDC_SCOPE, OIDC_ROLE_CLAIM, OIDC_ROLE_MAP='{"grp-14023":"medewerker"}',
 * HANDOVER_TARGETS='{"buuv":{"url":"https://…","secret":"…"}}'.
 */
export function staffConfigFromEnv(env: NodeJS.ProcessEnv): StaffConfig {
  const rate = env.RATE_STAFF_LOGIN ? /^(\d+)\/(\d+)$/.exec(env.RATE_STAFF_LOGIN) : null;
  if (env.RATE_STAFF_LOGIN && !rate) throw new Error(`RATE_STAFF_LOGIN "${env.RATE_STAFF_LOGIN}" is not "limit/seconds", e.g. 10/900.`);
  const lockout = env.STAFF_LOGIN_LOCKOUT ? /^(\d+)\/(\d+)$/.exec(env.STAFF_LOGIN_LOCKOUT) : null;
  if (env.STAFF_LOGIN_LOCKOUT && (!lockout || Number(lockout[1]) < 1))
    throw new Error(
      `STAFF_LOGIN_LOCKOUT "${env.STAFF_LOGIN_LOCKOUT}" is not "failures/seconds" (at least 1 failure), e.g. 5/900: five wrong passwords on one name within 15 minutes lock it for 15 minutes.`,
    );
  const oidc: OidcConfig | null = env.OIDC_ISSUER
    ? {
        issuer: env.OIDC_ISSUER,
        clientId: required(env, 'OIDC_CLIENT_ID'),
        ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
        redirectUri: required(env, 'OIDC_REDIRECT_URI'),
        scope: env.OIDC_SCOPE ?? 'openid profile',
        roleClaim: env.OIDC_ROLE_CLAIM ?? 'roles',
        roleMap: env.OIDC_ROLE_MAP ? (JSON.parse(env.OIDC_ROLE_MAP) as Record<string, Role>) : {},
      }
    : null;
  return {
    ...STAFF_DEFAULTS,
    idleTimeoutMs: env.STAFF_IDLE_MINUTES ? Number(env.STAFF_IDLE_MINUTES) * MINUTE : STAFF_DEFAULTS.idleTimeoutMs,
    absoluteTimeoutMs: env.STAFF_MAX_HOURS ? Number(env.STAFF_MAX_HOURS) * 60 * MINUTE : STAFF_DEFAULTS.absoluteTimeoutMs,
    secureCookies: env.STAFF_SECURE_COOKIES === '1' ? true : env.STAFF_SECURE_COOKIES === '0' ? false : 'auto',
    loginRate: rate ? { limit: Number(rate[1]), windowMs: Number(rate[2]) * 1000 } : STAFF_DEFAULTS.loginRate,
    loginLockout: lockout ? lockoutRule(lockout) : STAFF_DEFAULTS.loginLockout,
    ...(env.STAFF_TEAM_NAME ? { teamName: env.STAFF_TEAM_NAME } : {}),
    coachGemeente: env.COACH_GEMEENTE ?? null,
    oidc,
    handoverTargets: env.HANDOVER_TARGETS ? handoverTargets(env.HANDOVER_TARGETS) : {},
  };
}

/** "failures/seconds": that many failures within the period lock the name for the same period. */
function lockoutRule(m: RegExpExecArray): LockoutRule {
  const ms = Number(m[2]) * 1000;
  return { failures: Number(m[1]), windowMs: ms, lockMs: ms };
}

/** Parsed and checked at start-up: a typo must not surface as a handover that never arrives. */
export function handoverTargets(json: string): Record<string, HandoverTarget> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('HANDOVER_TARGETS is not JSON. Expected {"<service id>": {"url": "https://…", "secret": "…"}}.');
  }
  const out: Record<string, HandoverTarget> = {};
  for (const [service, target] of Object.entries(parsed as Record<string, Partial<HandoverTarget>>)) {
    const url = target?.url ?? '';
    const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);
    if (!url.startsWith('https://') && !local)
      throw new Error(`HANDOVER_TARGETS.${service}.url must be https:// (personal data travels there).`);
    if (!target.secret || target.secret.length < 32) throw new Error(`HANDOVER_TARGETS.${service}.secret must be at least 32 characters.`);
    out[service] = { url, secret: target.secret };
  }
  return out;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (!v) throw new Error(`${name} is required when OIDC_ISSUER is set.`);
  return v;
}

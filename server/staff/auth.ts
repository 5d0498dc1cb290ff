import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Account, Role } from '../db/staff-repo.js';
import { hashSecret } from '../ids.js';
import { ApiError, problemResponse } from '../http/problem.js';
import type { Principal, StaffEnv, StaffKit } from './context.js';
import { clearStaffCookies, readStaffCookies, setStaffCookies } from './cookies.js';
import { originOf } from '../http/public-origin.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is written at most this often: the idle timeout does not need a write per request. */
const TOUCH_EVERY_MS = 30_000;

/** A new server-side staff session: cookie value and CSRF token are random, only hashes are stored. */
export async function startStaffSession(c: Context, kit: StaffKit, account: Account): Promise<{ csrf: string }> {
  const { ids, clock } = kit.deps;
  const id = ids.token();
  const csrf = ids.token();
  const now = clock();
  await kit.repo.createSession({
    idHash: hashSecret(id),
    accountId: account.id,
    csrfHash: hashSecret(csrf),
    at: now.toISOString(),
    expiresAt: new Date(now.getTime() + kit.config.absoluteTimeoutMs).toISOString(),
  });
  setStaffCookies(c, kit.config, id, csrf, kit.config.absoluteTimeoutMs);
  return { csrf };
}

/**
 * Resolves the staff session cookie. API requests without one get 401 problem+json; pages
 * (`page: true`) are redirected to the sign-in page and come back afterwards.
 */
export function authenticate(kit: StaffKit, opts: { page?: boolean } = {}): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const principal = await resolve(c, kit);
    if (!principal) {
      if (opts.page) return c.redirect(`/staff/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
      const problem = problemResponse(
        new ApiError(
          401,
          'staff-login-required',
          'Sign in at /staff/login first (your session may have ended after 30 minutes without activity).',
        ),
      );
      // Answered through c, not thrown: c holds the Set-Cookie that clears an ended session's
      // cookies (resolve), and a thrown error's response would go out without it.
      return c.body(await problem.text(), 401, { 'content-type': problem.headers.get('content-type')! });
    }
    c.set('staff', principal);
    c.set('kit', kit);
    if (!SAFE.has(c.req.method)) await checkCsrf(c, kit, principal);
    await next();
  };
}

async function resolve(c: Context, kit: StaffKit): Promise<Principal | undefined> {
  const { session: cookie } = readStaffCookies(c, kit.config);
  if (!cookie || cookie.length > 200) return undefined;
  const sessionHash = hashSecret(cookie);
  const found = await kit.repo.session(sessionHash);
  if (!found) return undefined;
  const now = kit.deps.clock().getTime();
  const idle = now - Date.parse(found.lastSeenAt) > kit.config.idleTimeoutMs;
  if (idle || Date.parse(found.expiresAt) <= now || !found.account.active) {
    await kit.repo.endSession(sessionHash);
    clearStaffCookies(c, kit.config);
    await kit.record(
      { account: found.account, sessionHash, csrfHash: found.csrfHash },
      idle ? 'logout.idle' : 'logout.expired',
      'account',
      found.account.id,
    );
    return undefined;
  }
  // A short idle timeout (tests, strict deployments) must still be restarted by a request.
  const touchEvery = Math.min(TOUCH_EVERY_MS, kit.config.idleTimeoutMs / 10);
  // A page's own background reads (live updates) are not the member's activity (x-vw-background).
  if (c.req.header('x-vw-background') !== '1' && now - Date.parse(found.lastSeenAt) > touchEvery)
    await kit.repo.touchSession(sessionHash, new Date(now).toISOString());
  return { account: found.account, sessionHash, csrfHash: found.csrfHash };
}

/**
 * Double-submit: the page copies the (non-HttpOnly) CSRF cookie into X-CSRF-Token. A cross-site
 * page can make the browser send the cookie but cannot read it to set the header. The header must
 * also match the hash stored with this session, so a cookie planted by a sibling host fails too.
 */
async function checkCsrf(c: Context, kit: StaffKit, principal: Principal): Promise<void> {
  const header = c.req.header('x-csrf-token') ?? '';
  const { csrf: cookie } = readStaffCookies(c, kit.config);
  const ok = !!header && header === cookie && same(hashSecret(header), principal.csrfHash);
  if (!ok) {
    await kit.record(principal, 'csrf.refused', 'account', principal.account.id, { method: c.req.method, route: c.req.routePath });
    throw new ApiError(
      403,
      'csrf-token-invalid',
      'Send the X-CSRF-Token header with the value of the vw_csrf cookie (the staff pages do this for you). Reload the page if you signed in again elsewhere.',
    );
  }
  const origin = c.req.header('origin');
  if (origin && origin !== originOf(c)) {
    await kit.record(principal, 'csrf.refused', 'account', principal.account.id, { method: c.req.method, route: c.req.routePath, origin });
    throw new ApiError(403, 'origin-not-allowed', `Staff changes are only accepted from this server's own pages, not from ${origin}.`);
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** 403 problem+json (or a plain page) when the signed-in member's role may not do this. */
export function requireRole(roles: Role[], opts: { page?: boolean } = {}): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const principal = c.get('staff');
    const { account } = principal;
    if (!roles.includes(account.role)) {
      await c.get('kit').record(principal, 'access.refused', 'account', account.id, { route: c.req.routePath, needs: roles });
      if (opts.page) {
        return c.html(
          `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Geen toegang</title></head><body><main><h1>Geen toegang</h1><p>Met de rol ${escapeHtml(account.role)} kunt u deze pagina niet openen. Nodig: ${roles.join(' of ')}.</p><p><a href="/staff">Naar de console</a></p></main></body></html>`,
          403,
        );
      }
      throw new ApiError(
        403,
        'role-not-allowed',
        `The role "${account.role}" may not do this; it needs ${roles.join(' or ')}. Ask a beheerder for another role.`,
      );
    }
    await next();
  };
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

import { Hono } from 'hono';
import { z } from 'zod';
import { clientAddress } from '../http/client-address.js';
import { ApiError } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import { accountLockout } from './account-lockout.js';
import { authenticate, startStaffSession } from './auth.js';
import type { StaffEnv, StaffKit } from './context.js';
import { clearStaffCookies } from './cookies.js';
import { verifyPassword } from './password.js';
import { originOf } from '../http/public-origin.js';

export const LoginBody = z.strictObject({ name: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });

/** Sign-in with a local account, sign-out, and "who am I" for the staff pages. */
export function loginRoutes(kit: StaffKit) {
  const { deps } = kit;
  // Every attempt counts, right or wrong: a password guesser gets `limit` tries per window per address.
  const limiter = rateLimit('sign-in', kit.config.loginRate, deps.clock, clientAddress(deps.config.trustProxy));
  // …and every name gets `failures` tries per window, from all addresses together.
  const lockout = accountLockout(kit.config.loginLockout, deps.clock, deps.limits?.lockout(kit.config.loginLockout));
  return new Hono<StaffEnv>()
    .post('/api/staff/login', limiter, async (c) => {
      const origin = c.req.header('origin');
      if (origin && origin !== originOf(c))
        throw new ApiError(403, 'origin-not-allowed', 'Sign in from the staff sign-in page of this server.');
      const { name, password } = await jsonBody(c, LoginBody);
      const account = await kit.repo.accountByName(name);
      await lockout.check(name);
      // Always run scrypt, also for unknown names: the response time does not reveal which names exist.
      const ok = await verifyPassword(password, account?.passwordHash ?? null);
      if (!account || !ok || !account.active) {
        await kit.record(null, 'login.failed', 'account', account?.id ?? null);
        if (await lockout.failed(name)) {
          await kit.record(null, 'login.locked', 'account', account?.id ?? null, {
            lockedMinutes: kit.config.loginLockout.lockMs / 60_000,
          });
        }
        throw new ApiError(
          401,
          'login-failed',
          'The name or password is not right. Check both and try again; after several tries you have to wait.',
        );
      }
      await lockout.succeeded(name);
      const { csrf } = await startStaffSession(c, kit, account);
      await kit.record({ account, sessionHash: '', csrfHash: '' }, 'login', 'account', account.id, { method: 'password' });
      return c.json({ name: account.name, displayName: account.displayName, role: account.role, csrf });
    })
    .get('/api/staff/login-options', (c) => c.json({ password: true, oidc: !!kit.config.oidc }))
    .get('/api/staff/me', authenticate(kit), (c) => {
      const { account } = c.get('staff');
      // idleTimeoutMs: the page warns before it ends (WCAG 2.2.1) and this request restarts it.
      return c.json({
        name: account.name,
        displayName: account.displayName,
        role: account.role,
        oidc: !!kit.config.oidc,
        idleTimeoutMs: kit.config.idleTimeoutMs,
      });
    })
    .post('/api/staff/logout', authenticate(kit), async (c) => {
      const p = c.get('staff');
      await kit.repo.endSession(p.sessionHash);
      clearStaffCookies(c, kit.config);
      await kit.record(p, 'logout', 'account', p.account.id);
      return c.body(null, 204);
    });
}

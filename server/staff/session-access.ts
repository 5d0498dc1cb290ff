import type { Context } from 'hono';
import { Locale } from '../api/schemas.js';
import { ApiError } from '../http/problem.js';
import type { RequestGuard } from '../sessions/load-session.js';
import type { Principal, StaffEnv, StaffKit } from './context.js';

/** Staff reach every municipality's sessions; the resident-side origin check does not apply. */
export const staffGuard: RequestGuard = { checkOrigin() {} };

/** The session token the console got by starting or (with consent) resuming the session. */
export function bearer(c: Context): string {
  const token = c.req.header('x-session-token');
  if (!token)
    throw new ApiError(
      401,
      'session-token-missing',
      'Send the session token you got when starting or resuming the session as X-Session-Token.',
    );
  return `Bearer ${token}`;
}

/** A member sees a session only after starting it or resuming it with consent; a refusal is audited. */
export function sessionAccess(kit: StaffKit) {
  return async function access(c: Context<StaffEnv>): Promise<{ p: Principal; id: string }> {
    const p = c.get('staff');
    const id = c.req.param('id')!;
    if (!(await kit.repo.hasAccess(id, p.account.id))) {
      await kit.record(p, 'session.denied', 'session', id);
      throw new ApiError(
        403,
        'no-consent-recorded',
        'Open this session through "Verder met code" (with consent) or start it yourself first.',
      );
    }
    return { p, id };
  };
}

/** ?lang= on staff session routes: the language of the resident-facing texts; undefined when absent. */
export function langOf(c: Context): string | undefined {
  const lang = c.req.query('lang');
  if (lang === undefined) return undefined;
  if (!Locale.safeParse(lang).success)
    throw new ApiError(422, 'validation-failed', `?lang=${lang.slice(0, 20)} is not a language code; use "nl" or "en".`, {
      errors: [{ parameter: 'lang', code: 'invalid-locale', message: 'Use a language code such as "nl" or "en".' }],
    });
  return lang;
}

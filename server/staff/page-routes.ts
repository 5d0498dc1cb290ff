import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { Role } from '../db/staff-repo.js';
import { ApiError } from '../http/problem.js';
import { authenticate, requireRole } from './auth.js';
import { COACH_ROLES, CONSOLE_ROLES, INBOX_ROLES, type StaffEnv, type StaffKit } from './context.js';

const ASSET = /^[a-z0-9][a-z0-9._-]*\.(js|map)$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', map: 'application/json' };

/** The staff pages (one HTML shell each) and the staff bundle. Pages are never cached by the browser. */
export function staffPageRoutes(kit: StaffKit) {
  const { staticDir, staffDir } = kit.config;
  const shell = async (name: 'staff' | 'coach') => {
    const html = await readFile(join(staticDir, `${name}.html`), 'utf8').catch(() => undefined);
    if (html === undefined) throw new ApiError(404, 'page-not-found', `${staticDir}/${name}.html is missing.`);
    return html;
  };
  const asset = async (file: string) => {
    const body = ASSET.test(file) ? await readFile(join(staffDir, file)).catch(() => undefined) : undefined;
    if (!body) throw new ApiError(404, 'staff-not-built', `${file} is not in ${staffDir}. Run "npx tsx scripts/build-staff.ts" first.`);
    return body;
  };

  const app = new Hono<StaffEnv>();
  const serve = (name: 'staff' | 'coach') => async (c: Context) => {
    c.header('cache-control', 'no-store');
    return c.html(await shell(name));
  };
  const guard = (roles: Role[]) => [authenticate(kit, { page: true }), requireRole(roles, { page: true })] as const;
  app.get('/staff/login', serve('staff'));
  app.get('/staff', ...guard(CONSOLE_ROLES), serve('staff'));
  app.get('/staff/concerns', ...guard(INBOX_ROLES), serve('staff'));
  app.get('/staff/meldingen', ...guard(INBOX_ROLES), serve('staff'));
  app.get('/coach', ...guard(COACH_ROLES), serve('coach'));
  // The bundle itself is needed before sign-in (the sign-in page runs it); its source map – the
  // staff app's whole source – only by someone signed in.
  app.get('/staff/assets/:file', async (c, next) => (c.req.param('file').endsWith('.map') ? authenticate(kit)(c, next) : next()));
  app.get('/staff/assets/:file', async (c) => {
    const file = c.req.param('file');
    const body = await asset(file);
    c.header('content-type', TYPES[file.split('.').pop()!]!);
    c.header('cache-control', 'no-cache');
    return c.body(body);
  });
  // At the root so its scope can cover /coach; it caches the coach's app shell only.
  app.get('/coach-sw.js', async (c) => {
    const body = await asset('coach-sw.js');
    c.header('content-type', TYPES.js!);
    c.header('cache-control', 'no-cache');
    return c.body(body);
  });
  return app;
}

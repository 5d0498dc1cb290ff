import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { Role } from '../db/staff-repo.js';
import { ApiError } from '../http/problem.js';
import { staticAssets } from '../http/static-asset.js';
import { authenticate, requireRole } from './auth.js';
import { COACH_ROLES, CONSOLE_ROLES, INBOX_ROLES, type StaffEnv, type StaffKit } from './context.js';

const ASSET = /^[a-z0-9][a-zA-Z0-9._-]*\.(js|map)$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', map: 'application/json' };
// esbuild's content hash (scripts/lib/publish-bundle.ts): cached for a year. The rest revalidates (ETag).
const HASHED = /-[A-Z0-9]{8}\.js$/;
const ENTRY = '/staff/assets/staff.js';

/** The staff pages (one HTML shell each) and the staff bundle. Pages are never cached by the browser. */
export function staffPageRoutes(kit: StaffKit) {
  const { staticDir, staffDir } = kit.config;
  const assets = staticAssets();
  /** The shells load the hashed bundle directly: one request, and the coach's offline shell names it (coach-shell.ts). */
  const shell = async (name: 'staff' | 'coach') => {
    const html = await readFile(join(staticDir, `${name}.html`), 'utf8').catch(() => undefined);
    if (html === undefined) throw new ApiError(404, 'page-not-found', `${staticDir}/${name}.html is missing.`);
    const manifest = await readFile(join(staffDir, 'staff.manifest.json'), 'utf8').catch(() => undefined);
    const hashed = manifest && (JSON.parse(manifest) as Record<string, string>)['staff.js'];
    return hashed ? html.replaceAll(`"${ENTRY}"`, `"/staff/assets/${hashed}"`) : html;
  };
  const asset = async (c: Context, file: string) => {
    const type = TYPES[file.split('.').pop()!];
    const res =
      ASSET.test(file) && type ? await assets(c, join(staffDir, file), type, HASHED.test(file) ? 'immutable' : 'revalidate') : undefined;
    if (!res) throw new ApiError(404, 'staff-not-built', `${file} is not in ${staffDir}. Run "npx tsx scripts/build-staff.ts" first.`);
    return res;
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
  app.get('/staff/assets/:file', (c) => asset(c, c.req.param('file')));
  // At the root so its scope can cover /coach; it caches the coach's app shell only.
  app.get('/coach-sw.js', (c) => asset(c, 'coach-sw.js'));
  return app;
}

import type { Hono } from 'hono';
import { auditRepo } from '../db/audit-repo.js';
import { staffRepo, type StaffDb } from '../db/staff-repo.js';
import { sessionService } from '../sessions/session-service.js';
import { coachRoutes } from './coach/coach-routes.js';
import { STAFF_DEFAULTS, type StaffConfig } from './config.js';
import { consoleRoutes } from './console-routes.js';
import { handoverRoutes } from './handover-routes.js';
import { liveRoutes } from './live-routes.js';
import { findRoutes } from './find-routes.js';
import type { StaffDeps, StaffKit } from './context.js';
import { inboxRoutes } from './inbox-routes.js';
import { loginRoutes } from './login-routes.js';
import { oidcRoutes } from './oidc.js';
import { staffPageRoutes } from './page-routes.js';
import { handoverDelivery, type Fetch } from './handover-delivery.js';
import { currentAddress } from '../http/request-context.js';
import { auditRoutes } from './audit-routes.js';
import { meldingStaffRoutes } from '../melding/melding-staff-routes.js';

export { staffConfigFromEnv, STAFF_DEFAULTS, type StaffConfig } from './config.js';
export type { StaffDeps } from './context.js';

/**
 * Adds every staff route to an app built by createApp: /staff (console), /staff/concerns (inbox),
 * /coach (kitchen-table mode), /staff/login, /staff/oidc/*, and /api/staff/*. The app's error
 * handler, security headers and body limit apply unchanged. Call `kit.purge()` from the retention
 * job: it removes ended staff sessions and the staff notes/consents of sessions retention deleted.
 */
export function mountStaff(app: Hono, deps: StaffDeps, options: Partial<StaffConfig> = {}, send: Fetch = fetch): StaffKit {
  if (!deps.db?.kysely)
    throw new Error('mountStaff-needs-db: pass the connected database as deps.db (the staff tables live beside the store).');
  const config: StaffConfig = { ...STAFF_DEFAULTS, ...options };
  const db = deps.db.kysely as unknown as StaffDb;
  const repo = staffRepo(db);
  const audit = auditRepo(db, deps.ids.id);
  const kit: StaffKit = {
    deps,
    config,
    db,
    repo,
    audit,
    async purge() {
      const now = deps.clock();
      const idleBefore = new Date(now.getTime() - config.idleTimeoutMs).toISOString();
      return (await repo.purgeExpired(now.toISOString(), idleBefore)) + (await repo.purgeOrphans());
    },
    handovers: { deliverDue: () => delivery.deliverDue() },
    record: (p, action, targetKind, targetId, detail) =>
      audit.write({
        address: currentAddress() ?? null,
        at: deps.clock().toISOString(),
        accountId: p?.account.id ?? null,
        role: p?.account.role ?? null,
        action,
        targetKind,
        targetId,
        ...(detail ? { detail } : {}),
      }),
  };
  const delivery = handoverDelivery(kit, config.handoverTargets, send);
  const sessions = sessionService(deps);
  app.route('/', loginRoutes(kit));
  if (config.oidc) app.route('/', oidcRoutes(kit, config.oidc));
  app.route('/', consoleRoutes(kit, sessions));
  app.route('/', handoverRoutes(kit, sessions));
  app.route('/', liveRoutes(kit));
  app.route('/', findRoutes(kit, sessions));
  app.route('/', inboxRoutes(kit));
  app.route('/', auditRoutes(kit));
  app.route('/', coachRoutes(kit, sessions));
  app.route('/', meldingStaffRoutes(kit, sessions));
  app.route('/', staffPageRoutes(kit));
  return kit;
}

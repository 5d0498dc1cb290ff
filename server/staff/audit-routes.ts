import { Hono } from 'hono';
import { z } from 'zod';
import { parse } from '../http/validate.js';
import { authenticate, requireRole } from './auth.js';
import type { StaffEnv, StaffKit } from './context.js';

export const Query = z.strictObject({
  before: z.coerce.number().int().min(1).optional().meta({ description: 'The `next` of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/**
 * The audit log for a beheerder: newest first, a page at a time, and a check of its hash chain.
 * Reading it is audited too.
 */
export function auditRoutes(kit: StaffKit) {
  const app = new Hono<StaffEnv>();
  app.use('/api/staff/audit', authenticate(kit), requireRole(['beheerder']));
  app.use('/api/staff/audit/*', authenticate(kit), requireRole(['beheerder']));

  app.get('/api/staff/audit', async (c) => {
    const q = parse(Query, c.req.query(), { query: true });
    const limit = q.limit ?? 100;
    const rows = await kit.audit.page(q.before, limit);
    await kit.record(c.get('staff'), 'audit.read', 'account', null, { count: rows.length });
    return c.json({
      entries: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        accountId: r.account_id,
        role: r.role,
        action: r.action,
        targetKind: r.target_kind,
        targetId: r.target_id,
        detail: r.detail,
        address: r.address,
        hash: r.hash,
      })),
      next: rows.length === limit ? rows.at(-1)!.seq : null,
    });
  });

  app.get('/api/staff/audit/verify', async (c) => {
    const check = await kit.audit.verify();
    await kit.record(c.get('staff'), 'audit.verify', 'account', null, { ...check });
    return c.json(check);
  });

  return app;
}

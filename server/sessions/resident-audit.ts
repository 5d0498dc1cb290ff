import { auditRepo, type AuditEntry, type AuditRepo } from '../db/audit-repo.js';
import type { StaffDb } from '../db/staff-repo.js';
import type { Deps } from '../deps.js';
import { currentAddress } from '../http/request-context.js';

// One chain writer per database in this process: two would only race each other for its end.
const writers = new WeakMap<object, AuditRepo>();

/**
 * Audit rows for what a resident did to their own data (a resume by code, a deletion, a revoked
 * staff access): no account, no role, and never content – the action, the target and codes only.
 */
export function residentAudit(deps: Pick<Deps, 'db' | 'ids' | 'clock'>) {
  let audit = writers.get(deps.db);
  if (!audit) {
    audit = auditRepo(deps.db.kysely as unknown as StaffDb, deps.ids.id);
    writers.set(deps.db, audit);
  }
  const repo = audit;
  return (action: string, targetKind: AuditEntry['targetKind'], targetId: string, detail?: Record<string, unknown>) =>
    repo.write({
      address: currentAddress() ?? null,
      at: deps.clock().toISOString(),
      accountId: null,
      role: null,
      action,
      targetKind,
      targetId,
      ...(detail ? { detail } : {}),
    });
}

import type { StaffDb } from './staff-repo.js';

export interface AuditEntry {
  at: string;
  accountId: string | null;
  role: string | null;
  /** Stable verb, e.g. "concern.read", "concern.close", "session.resume", "login.failed". */
  action: string;
  targetKind: 'concern' | 'session' | 'account' | 'plan' | 'handover';
  targetId: string | null;
  /** Never personal data: codes, counts and statuses only (the target row holds the content). */
  detail?: Record<string, unknown>;
}

/** Append-only: there is no update or delete here on purpose. */
export function auditRepo(db: StaffDb, newId: () => string) {
  // Ids sort in write order (time, then a counter, then randomness for uniqueness across
  // processes): rows written within the same millisecond still read back in order.
  let counter = 0;
  return {
    async write(e: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: `${e.at}#${String(++counter % 1e8).padStart(8, '0')}#${newId()}`,
          at: e.at,
          account_id: e.accountId,
          role: e.role,
          action: e.action,
          target_kind: e.targetKind,
          target_id: e.targetId,
          detail: e.detail ? JSON.stringify(e.detail) : null,
        })
        .execute();
    },

    async forTarget(kind: AuditEntry['targetKind'], id: string) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_kind', '=', kind)
        .where('target_id', '=', id)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
    },

    async recent(limit = 200) {
      return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
}

export type AuditRepo = ReturnType<typeof auditRepo>;

import type { Kysely } from 'kysely';
import { MELDING_SCOPE } from '../melding/melding-repo.js';
import { CONCERN_SCOPE } from './concern-repo.js';
import type { Database } from './schema.js';
import type { StaffDb } from './staff-repo.js';
import type { ConcernNotesTable } from './concern-notes.js';
import type { ZgwRegistrationsTable } from '../zgw/zgw-outbox-rows.js';

export interface PurgeResult {
  sessions: number;
  concerns: number;
  /** Reports nobody closed within their period (they were kept forever before). */
  openConcerns: number;
  /** Coach household plans not changed within their period. */
  coachPlans: number;
  /** Audit rows older than the audit log's period. */
  auditRows: number;
}

/** The cut-off times, each "older than this goes". */
export interface PurgeBefore {
  now: string;
  closedConcerns: string;
  receipts: string;
  openConcerns: string;
  coachPlans: string;
  audit: string;
}

/** Deletes what the retention periods say may no longer be kept. Everything or nothing per run. */
export function retentionRepo(db: Kysely<Database>) {
  return {
    async purge(before: PurgeBefore): Promise<PurgeResult> {
      const { now, closedConcerns: closedConcernsBefore, receipts: receiptsBefore } = before;
      return db.transaction().execute(async (tx) => {
        const expired = tx.selectFrom('sessions').select('id').where('expires_at', '<', now);
        for (const table of ['session_events', 'session_tokens', 'idempotency', 'resume_codes'] as const) {
          await tx.deleteFrom(table).where('session_id', 'in', expired).execute();
        }
        const sessions = await tx.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
        const closed = tx
          .selectFrom('concerns')
          .select('id')
          .where('status', '=', 'afgerond')
          .where('closed_at', '<', closedConcernsBefore);
        await tx.deleteFrom('concern_events').where('concern_id', 'in', closed).execute();
        const concerns = await tx
          .deleteFrom('concerns')
          .where('status', '=', 'afgerond')
          .where('closed_at', '<', closedConcernsBefore)
          .executeTakeFirst();
        // Concern and melding receipts hold a status token: kept for a retry window only.
        await tx
          .deleteFrom('idempotency')
          .where('session_id', 'in', [CONCERN_SCOPE, MELDING_SCOPE])
          .where('created_at', '<', receiptsBefore)
          .execute();
        // An open report untouched for its whole period: about someone not present, so not kept forever.
        const stale = tx
          .selectFrom('concerns')
          .select('id')
          .where('status', '!=', 'afgerond')
          .where('updated_at', '<', before.openConcerns);
        await tx.deleteFrom('concern_events').where('concern_id', 'in', stale).execute();
        const staff = tx as unknown as StaffDb;
        await staff.deleteFrom('concern_claims').where('concern_id', 'in', stale).execute();
        const open = await tx
          .deleteFrom('concerns')
          .where('status', '!=', 'afgerond')
          .where('updated_at', '<', before.openConcerns)
          .executeTakeFirst();
        // What hangs off a report that is gone: its internal notes and its ZGW outbox row (a zaak the
        // receiver's case system already has stays there; retention of that is the receiver's).
        const left = tx.selectFrom('concerns').select('id');
        await (tx as unknown as Kysely<ConcernNotesTable>).deleteFrom('concern_notes').where('concern_id', 'not in', left).execute();
        await (tx as unknown as Kysely<{ zgw_registrations: ZgwRegistrationsTable }>)
          .deleteFrom('zgw_registrations')
          .where('subject', '=', 'concern')
          .where('melding_id', 'not in', left)
          .execute();
        const old = staff.selectFrom('coach_plans').select('id').where('updated_at', '<', before.coachPlans);
        await staff.deleteFrom('coach_entries').where('plan_id', 'in', old).execute();
        await staff.deleteFrom('coach_changes').where('plan_id', 'in', old).execute();
        const plans = await staff.deleteFrom('coach_plans').where('updated_at', '<', before.coachPlans).executeTakeFirst();
        const auditRows = await purgeAudit(staff, before.audit, now);
        return {
          sessions: Number(sessions.numDeletedRows),
          concerns: Number(concerns.numDeletedRows),
          openConcerns: Number(open.numDeletedRows),
          coachPlans: Number(plans.numDeletedRows),
          auditRows,
        };
      });
    },
  };
}

/**
 * The audit rows older than `before`, oldest first, up to the first newer one: the chain is cut only
 * at its start, and the anchor keeps the last purged row's place and hash, so verify() still finds
 * every row changed, removed or slipped in among those that remain.
 */
async function purgeAudit(db: StaffDb, before: string, now: string): Promise<number> {
  const firstKept = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('seq', 'is not', null)
    .where('at', '>=', before)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  let last = db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', 'is not', null).where('at', '<', before);
  if (firstKept) last = last.where('seq', '<', Number(firstKept.seq));
  const cut = await last.orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!cut || cut.hash === null) return 0;
  const seq = Number(cut.seq);
  const gone = await db.deleteFrom('audit_log').where('seq', '<=', seq).executeTakeFirst();
  await db.deleteFrom('audit_anchor').where('id', '=', 'chain').execute();
  await db.insertInto('audit_anchor').values({ id: 'chain', seq, hash: cut.hash, at: now }).execute();
  return Number(gone.numDeletedRows);
}

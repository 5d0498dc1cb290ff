import type { Kysely } from 'kysely';
import { CONCERN_SCOPE } from './concern-repo.js';
import type { Database } from './schema.js';
import type { StaffDb } from './staff-repo.js';

export interface PurgeResult {
  sessions: number;
  concerns: number;
  /** Reports nobody closed within their period (they were kept forever before). */
  openConcerns: number;
  /** Coach household plans not changed within their period. */
  coachPlans: number;
}

/** The cut-off times, each "older than this goes". */
export interface PurgeBefore {
  now: string;
  closedConcerns: string;
  receipts: string;
  openConcerns: string;
  coachPlans: string;
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
        await tx.deleteFrom('idempotency').where('session_id', '=', CONCERN_SCOPE).where('created_at', '<', receiptsBefore).execute();
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
        const old = staff.selectFrom('coach_plans').select('id').where('updated_at', '<', before.coachPlans);
        await staff.deleteFrom('coach_entries').where('plan_id', 'in', old).execute();
        await staff.deleteFrom('coach_changes').where('plan_id', 'in', old).execute();
        const plans = await staff.deleteFrom('coach_plans').where('updated_at', '<', before.coachPlans).executeTakeFirst();
        return {
          sessions: Number(sessions.numDeletedRows),
          concerns: Number(concerns.numDeletedRows),
          openConcerns: Number(open.numDeletedRows),
          coachPlans: Number(plans.numDeletedRows),
        };
      });
    },
  };
}

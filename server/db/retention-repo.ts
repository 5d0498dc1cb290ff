import type { Kysely } from 'kysely';
import { MELDING_SCOPE } from '../melding/melding-repo.js';
import { CONCERN_SCOPE } from './concern-repo.js';
import type { Database } from './schema.js';

export interface PurgeResult {
  sessions: number;
  concerns: number;
}

/** Deletes what the retention periods say may no longer be kept. Everything or nothing per run. */
export function retentionRepo(db: Kysely<Database>) {
  return {
    async purge(now: string, closedConcernsBefore: string, receiptsBefore: string): Promise<PurgeResult> {
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
        return { sessions: Number(sessions.numDeletedRows), concerns: Number(concerns.numDeletedRows) };
      });
    },
  };
}

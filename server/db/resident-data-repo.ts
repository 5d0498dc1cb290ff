import type { StaffDb } from './staff-repo.js';

// Everything stored about one resident session, across the resident and staff tables, for
// "Mijn gegevens" (AVG inzage, 001:L467 "de burger zijn eigen gegevens laten inzien en beheren"):
// read it, revoke staff access to it, delete it.

/** Tables that hold a session's rows under `session_id`, in the order they are deleted. */
const SESSION_TABLES = [
  'session_events',
  'session_tokens',
  'idempotency',
  'resume_codes',
  'staff_notes',
  'staff_handovers',
  'staff_consents',
] as const;

export function residentDataRepo(db: StaffDb) {
  return {
    async staffAccess(sessionId: string) {
      return db
        .selectFrom('staff_consents')
        .leftJoin('staff_accounts', 'staff_accounts.id', 'staff_consents.account_id')
        .select([
          'staff_consents.purpose',
          'staff_consents.channel',
          'staff_consents.at',
          'staff_consents.revoked_at',
          'staff_accounts.display_name',
        ])
        .where('staff_consents.session_id', '=', sessionId)
        .orderBy('staff_consents.at')
        .execute();
    },

    async notes(sessionId: string) {
      return db
        .selectFrom('staff_notes')
        .leftJoin('staff_accounts', 'staff_accounts.id', 'staff_notes.account_id')
        .select(['staff_notes.node', 'staff_notes.text', 'staff_notes.at', 'staff_accounts.display_name'])
        .where('staff_notes.session_id', '=', sessionId)
        .orderBy('staff_notes.at')
        .execute();
    },

    async handovers(sessionId: string) {
      return db
        .selectFrom('staff_handovers')
        .select(['service_id', 'shared', 'status', 'at'])
        .where('session_id', '=', sessionId)
        .orderBy('at')
        .execute();
    },

    async concerns(sessionId: string) {
      return db
        .selectFrom('concerns')
        .select(['reference', 'about', 'noticed', 'urgency', 'area', 'reporter', 'receiver', 'status', 'created_at', 'updated_at'])
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .execute();
    },

    async coachPlans(sessionId: string) {
      return db.selectFrom('coach_entries').select(['plan_id', 'domain', 'updated_at']).where('session_id', '=', sessionId).execute();
    },

    /**
     * Ends every staff member's access: consents are marked revoked (they stay as the record of what
     * happened), the tokens minted for staff stop working, and the session's codes stop working for
     * staff (a resident who wants help again gives a new code). Returns how many consents it ended.
     */
    async revokeStaff(sessionId: string, at: string): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const r = await tx
          .updateTable('staff_consents')
          .set({ revoked_at: at })
          .where('session_id', '=', sessionId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        await tx.deleteFrom('session_tokens').where('session_id', '=', sessionId).where('via', '=', 'staff').execute();
        // The epoch: the staff window of every code of this session has long passed.
        await tx
          .updateTable('resume_codes')
          .set({ staff_used_at: new Date(0).toISOString() })
          .where('session_id', '=', sessionId)
          .execute();
        return Number(r.numUpdatedRows);
      });
    },

    /**
     * Deletes the session and everything about it in one transaction: answers, tokens, codes,
     * staff notes, consents and handover records, concern reports made from it (with their
     * events and claims). A coach's plan keeps its entry but loses the link to the session.
     */
    async erase(sessionId: string): Promise<{ concerns: number }> {
      return db.transaction().execute(async (tx) => {
        for (const table of SESSION_TABLES) await tx.deleteFrom(table).where('session_id', '=', sessionId).execute();
        const linked = tx.selectFrom('concerns').select('id').where('session_id', '=', sessionId);
        await tx.deleteFrom('concern_events').where('concern_id', 'in', linked).execute();
        await tx.deleteFrom('concern_claims').where('concern_id', 'in', linked).execute();
        const concerns = await tx.deleteFrom('concerns').where('session_id', '=', sessionId).executeTakeFirst();
        await tx.updateTable('coach_entries').set({ session_id: null }).where('session_id', '=', sessionId).execute();
        await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
        return { concerns: Number(concerns.numDeletedRows) };
      });
    },

    /** A reporter withdraws a report with its status token: the report and its history go. */
    async withdrawConcern(statusTokenHash: string): Promise<string | undefined> {
      return db.transaction().execute(async (tx) => {
        const found = await tx.selectFrom('concerns').select('id').where('status_token_hash', '=', statusTokenHash).executeTakeFirst();
        if (!found) return undefined;
        await tx.deleteFrom('concern_events').where('concern_id', '=', found.id).execute();
        await tx.deleteFrom('concern_claims').where('concern_id', '=', found.id).execute();
        await tx.deleteFrom('concerns').where('id', '=', found.id).execute();
        return found.id;
      });
    },
  };
}

import type { Kysely } from 'kysely';
import type { MeldingenTable } from '../melding/melding-repo.js';
import { MELDING_SCOPE } from '../melding/melding-repo.js';
import type { ZgwRegistrationsTable } from '../zgw/zgw-outbox-rows.js';
import { CONCERN_SCOPE } from './concern-repo.js';
import type { ConcernNotesTable } from './concern-notes.js';
import type { StaffDb } from './staff-repo.js';

/** The staff tables and those of meldingen, their ZGW outbox and the concern inbox's notes. */
type Db = Kysely<
  (StaffDb extends Kysely<infer T> ? T : never) &
    ConcernNotesTable & { meldingen: MeldingenTable; zgw_registrations: ZgwRegistrationsTable }
>;

/** A melding or report the case system already holds as a zaak: erasing here does not erase it there. */
export interface InCaseSystem {
  subject: 'melding' | 'concern';
  reference: string;
  gemeente: string;
  /** The concern's receiving service (null for a melding: the municipality's own case system). */
  receiver: string | null;
  zaakIdentificatie: string | null;
}

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

export function residentDataRepo(staffDb: StaffDb) {
  const db = staffDb as unknown as Db;
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

    /** Reports made from the session, with their case-system registration and how many internal notes staff made. */
    async concerns(sessionId: string) {
      return db
        .selectFrom('concerns')
        .leftJoin('zgw_registrations', 'zgw_registrations.melding_id', 'concerns.id')
        .select([
          'concerns.reference',
          'concerns.about',
          'concerns.noticed',
          'concerns.urgency',
          'concerns.area',
          'concerns.reporter',
          'concerns.receiver',
          'concerns.status',
          'concerns.feedback',
          'concerns.created_at',
          'concerns.updated_at',
          'zgw_registrations.status as zgw_status',
          'zgw_registrations.zaak_identificatie',
        ])
        .select((eb) =>
          eb
            .selectFrom('concern_notes')
            .select((n) => n.fn.countAll().as('n'))
            .whereRef('concern_notes.concern_id', '=', 'concerns.id')
            .as('internal_notes'),
        )
        .where('concerns.session_id', '=', sessionId)
        .orderBy('concerns.created_at')
        .execute();
    },

    /** The Wmo melding made from the session, with who of the staff took it up and its registration as a zaak. */
    async meldingen(sessionId: string) {
      return db
        .selectFrom('meldingen')
        .leftJoin('zgw_registrations', 'zgw_registrations.melding_id', 'meldingen.id')
        .leftJoin('staff_accounts', 'staff_accounts.id', 'meldingen.claimed_by')
        .selectAll('meldingen')
        .select([
          'zgw_registrations.status as zgw_status',
          'zgw_registrations.zaak_identificatie',
          'staff_accounts.display_name as claimed_by_name',
        ])
        .where('meldingen.session_id', '=', sessionId)
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
     * staff notes, consents and handover records, concern reports made from it (with their events,
     * claims and internal notes), its Wmo melding (with the inbox's close note), their ZGW outbox rows
     * and the receipts kept under their idempotency keys. A coach's plan keeps its entry but loses the
     * link to the session. What a case system already holds as a zaak is returned (the caller tells
     * the resident; nothing of it is kept here).
     */
    async erase(sessionId: string): Promise<{ concerns: number; meldingen: number; inCaseSystem: InCaseSystem[] }> {
      return db.transaction().execute(async (tx) => {
        for (const table of SESSION_TABLES) await tx.deleteFrom(table).where('session_id', '=', sessionId).execute();
        const concerns = await tx.selectFrom('concerns').select(['id', 'reference']).where('session_id', '=', sessionId).execute();
        const meldingen = await tx.selectFrom('meldingen').select(['id', 'reference']).where('session_id', '=', sessionId).execute();
        const inCaseSystem = await dropLinked(tx, [...concerns, ...meldingen]);
        const linked = tx.selectFrom('concerns').select('id').where('session_id', '=', sessionId);
        await tx.deleteFrom('concern_notes').where('concern_id', 'in', linked).execute();
        await tx.deleteFrom('concern_events').where('concern_id', 'in', linked).execute();
        await tx.deleteFrom('concern_claims').where('concern_id', 'in', linked).execute();
        await tx.deleteFrom('concerns').where('session_id', '=', sessionId).execute();
        await tx.deleteFrom('meldingen').where('session_id', '=', sessionId).execute();
        await tx.updateTable('coach_entries').set({ session_id: null }).where('session_id', '=', sessionId).execute();
        await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
        return { concerns: concerns.length, meldingen: meldingen.length, inCaseSystem };
      });
    },

    /** A reporter withdraws a report with its status token: the report and its history go (what a case system holds is returned). */
    async withdrawConcern(statusTokenHash: string): Promise<{ id: string; inCaseSystem: InCaseSystem[] } | undefined> {
      return db.transaction().execute(async (tx) => {
        const found = await tx
          .selectFrom('concerns')
          .select(['id', 'reference'])
          .where('status_token_hash', '=', statusTokenHash)
          .executeTakeFirst();
        if (!found) return undefined;
        const inCaseSystem = await dropLinked(tx, [found]);
        await tx.deleteFrom('concern_notes').where('concern_id', '=', found.id).execute();
        await tx.deleteFrom('concern_events').where('concern_id', '=', found.id).execute();
        await tx.deleteFrom('concern_claims').where('concern_id', '=', found.id).execute();
        await tx.deleteFrom('concerns').where('id', '=', found.id).execute();
        return { id: found.id, inCaseSystem };
      });
    },
  };
}

/**
 * Drops the ZGW outbox rows and the idempotency receipts (they hold the reference and the status
 * token) of these meldingen and reports; returns those a case system already holds as a zaak.
 */
async function dropLinked(tx: Db, items: { id: string; reference: string }[]): Promise<InCaseSystem[]> {
  if (!items.length) return [];
  const ids = items.map((i) => i.id);
  const reference = new Map(items.map((i) => [i.id, i.reference]));
  const rows = await tx.selectFrom('zgw_registrations').selectAll().where('melding_id', 'in', ids).execute();
  await tx.deleteFrom('zgw_registrations').where('melding_id', 'in', ids).execute();
  // The receipt is the JSON of {reference, statusToken, …}; references are letters, digits and "-" only.
  await tx
    .deleteFrom('idempotency')
    .where('session_id', 'in', [CONCERN_SCOPE, MELDING_SCOPE])
    .where((eb) => eb.or(items.map((i) => eb('response', 'like', `%"reference":"${i.reference}"%`))))
    .execute();
  return rows
    .filter((r) => r.zaak_url)
    .map((r) => ({
      subject: r.subject,
      reference: reference.get(r.melding_id)!,
      gemeente: r.gemeente,
      receiver: r.receiver,
      zaakIdentificatie: r.zaak_identificatie,
    }));
}

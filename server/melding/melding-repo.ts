import type { Kysely } from 'kysely';
import type { Committer } from '../db/group-commit.js';
import type { Database } from '../db/schema.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { newRegistration, zgwOutboxRows, type ZgwRegistrationsTable } from '../zgw/zgw-outbox-rows.js';

export type MeldingStatus = 'ontvangen' | 'opgepakt' | 'afgerond';

export interface MeldingenTable {
  id: string;
  reference: string;
  status_token_hash: string;
  session_id: string;
  gemeente: string;
  tree: string;
  locale: string;
  channel: string;
  made_by: string | null;
  made_by_name: string | null;
  for_whom: 'zelf' | 'ander';
  consent_text: string | null;
  /** JSON: MeldingPerson. */
  person: string;
  /** JSON: MeldingContact. */
  contact: string;
  /** JSON: MeldingSummary. */
  summary: string;
  status: MeldingStatus;
  claimed_by: string | null;
  close_note: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export type MeldingDb = Kysely<Database & { meldingen: MeldingenTable; zgw_registrations: ZgwRegistrationsTable }>;

/** Idempotency rows of meldingen share the idempotency table under this scope (like concern reports). */
export const MELDING_SCOPE = 'wmo-melding';

/**
 * Meldingen and their ZGW outbox rows. A melding, its outbox row (when the municipality has a case
 * system) and the request's receipt commit in one transaction: acknowledged means all three.
 */
export function meldingRepo(db: MeldingDb, committer: Committer) {
  return {
    // The outbox's rows (shared with concern reports: server/zgw/zgw-outbox-rows.ts).
    ...zgwOutboxRows(db as never),

    async create(
      row: MeldingenTable,
      registration: boolean,
      idempotency: { key: string; requestHash: string; body: unknown },
    ): Promise<'ok' | 'conflict'> {
      try {
        await committer.run(async (raw) => {
          const tx = raw as unknown as MeldingDb;
          await tx
            .insertInto('idempotency')
            .values({
              session_id: MELDING_SCOPE,
              key: idempotency.key,
              request_hash: idempotency.requestHash,
              status: 201,
              response: JSON.stringify(idempotency.body),
              created_at: row.created_at,
            })
            .execute();
          await tx.insertInto('meldingen').values(row).execute();
          if (registration) {
            await tx
              .insertInto('zgw_registrations')
              .values(newRegistration(row.id, 'melding', row.gemeente, row.created_at))
              .execute();
          }
        });
        return 'ok';
      } catch (err) {
        if (isUniqueViolation(err)) return 'conflict';
        throw err;
      }
    },

    bySession: (sessionId: string) => db.selectFrom('meldingen').selectAll().where('session_id', '=', sessionId).executeTakeFirst(),
    byId: (id: string) => db.selectFrom('meldingen').selectAll().where('id', '=', id).executeTakeFirst(),
    byTokenHash: (hash: string) => db.selectFrom('meldingen').selectAll().where('status_token_hash', '=', hash).executeTakeFirst(),

    /** The inbox: oldest first, optionally one status only. */
    list(filter: { status?: MeldingStatus; limit?: number } = {}) {
      let q = db
        .selectFrom('meldingen')
        .leftJoin('zgw_registrations', 'zgw_registrations.melding_id', 'meldingen.id')
        .select([
          'meldingen.id',
          'meldingen.reference',
          'meldingen.gemeente',
          'meldingen.channel',
          'meldingen.for_whom',
          'meldingen.status',
          'meldingen.claimed_by',
          'meldingen.made_by_name',
          'meldingen.created_at',
          'zgw_registrations.status as zgw_status',
          'zgw_registrations.zaak_identificatie',
          'zgw_registrations.last_error',
          'zgw_registrations.attempts',
        ])
        .orderBy('meldingen.created_at')
        .orderBy('meldingen.id')
        .limit(filter.limit ?? 200);
      if (filter.status) q = q.where('meldingen.status', '=', filter.status);
      return q.execute();
    },

    /** Moves a melding along; false when it was not in the expected status (someone else acted). */
    async move(id: string, from: MeldingStatus, patch: Partial<MeldingenTable> & { status: MeldingStatus }): Promise<boolean> {
      const r = await db.updateTable('meldingen').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /**
     * Personal data is not kept longer than needed: meldingen closed in the inbox, and meldingen the
     * case system holds (registered), before `before`. Their outbox rows go with them.
     */
    async purge(before: string): Promise<number> {
      return committer.run(async (raw) => {
        const tx = raw as unknown as MeldingDb;
        const registered = tx
          .selectFrom('zgw_registrations')
          .select('melding_id')
          .where('status', '=', 'geregistreerd')
          .where('updated_at', '<', before);
        const done = tx
          .selectFrom('meldingen')
          .select('id')
          .where((eb) => eb.or([eb.and([eb('status', '=', 'afgerond'), eb('closed_at', '<', before)]), eb('id', 'in', registered)]));
        const ids = (await done.execute()).map((r) => r.id);
        if (!ids.length) return 0;
        await tx.deleteFrom('zgw_registrations').where('melding_id', 'in', ids).execute();
        const gone = await tx.deleteFrom('meldingen').where('id', 'in', ids).executeTakeFirst();
        return Number(gone.numDeletedRows);
      });
    },
  };
}

export type MeldingRepo = ReturnType<typeof meldingRepo>;

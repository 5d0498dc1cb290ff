import type { Kysely } from 'kysely';

type RegistrationStatus = 'wachten' | 'bezig' | 'geregistreerd' | 'opnieuw-proberen' | 'mislukt';
/** What a row registers: a Wmo melding, or a concern report at its receiver's zaaktype. */
export type RegistrationSubject = 'melding' | 'concern';

/** One registration in the ZGW outbox (migrations 0008 and 0011). */
export interface ZgwRegistrationsTable {
  /** The melding's id, or the concern's id when subject = concern. */
  melding_id: string;
  subject: RegistrationSubject;
  gemeente: string;
  /** The receiving service (concerns only): whose zaaktype the zaak gets. */
  receiver: string | null;
  status: RegistrationStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  zaak_url: string | null;
  zaak_identificatie: string | null;
  status_url: string | null;
  rol_url: string | null;
  medewerker_rol_url: string | null;
  document_url: string | null;
  zio_url: string | null;
  created_at: string;
  updated_at: string;
}
export type Registration = ZgwRegistrationsTable;
type ZgwDb = Kysely<{ zgw_registrations: ZgwRegistrationsTable }>;

/** The row a new registration starts as: due at once, nothing made yet. */
export function newRegistration(
  id: string,
  subject: RegistrationSubject,
  gemeente: string,
  at: string,
  receiver: string | null = null,
): ZgwRegistrationsTable {
  return {
    melding_id: id,
    subject,
    gemeente,
    receiver,
    status: 'wachten',
    attempts: 0,
    next_attempt_at: at,
    last_error: null,
    zaak_url: null,
    zaak_identificatie: null,
    status_url: null,
    rol_url: null,
    medewerker_rol_url: null,
    document_url: null,
    zio_url: null,
    created_at: at,
    updated_at: at,
  };
}

/** The outbox's own reads and compare-and-set writes, whatever a row registers. */
export function zgwOutboxRows(kysely: Kysely<never>) {
  const db = kysely as unknown as ZgwDb;
  return {
    registration: (id: string) => db.selectFrom('zgw_registrations').selectAll().where('melding_id', '=', id).executeTakeFirst(),

    /** Waiting rows, rows whose retry time came, and claims whose lease ran out (a crashed worker). */
    dueRegistrations(now: string, limit = 20) {
      return db
        .selectFrom('zgw_registrations')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('status', '=', 'wachten'),
            eb.and([eb('status', 'in', ['opnieuw-proberen', 'bezig']), eb('next_attempt_at', '<=', now)]),
          ]),
        )
        .orderBy('created_at')
        .limit(limit)
        .execute();
    },

    /** Compare-and-set on status (and the lease it was read with): false when another worker moved it. */
    async moveRegistration(
      id: string,
      from: Pick<Registration, 'status' | 'next_attempt_at'>,
      patch: Partial<Omit<Registration, 'melding_id' | 'subject' | 'gemeente' | 'created_at'>>,
    ): Promise<boolean> {
      let q = db.updateTable('zgw_registrations').set(patch).where('melding_id', '=', id).where('status', '=', from.status);
      q = from.next_attempt_at === null ? q.where('next_attempt_at', 'is', null) : q.where('next_attempt_at', '=', from.next_attempt_at);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** One step's result, remembered before the next step starts (only by the holder of the lease). */
    async saveStep(id: string, lease: string, patch: Partial<Registration>): Promise<boolean> {
      const r = await db
        .updateTable('zgw_registrations')
        .set(patch)
        .where('melding_id', '=', id)
        .where('status', '=', 'bezig')
        .where('next_attempt_at', '=', lease)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** A row whose melding or report no longer exists (erased, withdrawn): nothing is left to register. */
    async drop(id: string, from: Pick<Registration, 'status' | 'next_attempt_at'>): Promise<boolean> {
      let q = db.deleteFrom('zgw_registrations').where('melding_id', '=', id).where('status', '=', from.status);
      q = from.next_attempt_at === null ? q.where('next_attempt_at', 'is', null) : q.where('next_attempt_at', '=', from.next_attempt_at);
      return Number((await q.executeTakeFirst()).numDeletedRows) === 1;
    },
  };
}

export type ZgwOutboxRows = ReturnType<typeof zgwOutboxRows>;

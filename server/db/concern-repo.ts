import type { Kysely } from 'kysely';
import { isUniqueViolation } from './unique-violation.js';
import type { Committer } from './group-commit.js';
import type { ConcernsTable, Database } from './schema.js';
import type { ZgwRegistrationsTable } from '../zgw/zgw-outbox-rows.js';

type ZgwDb = Kysely<{ zgw_registrations: ZgwRegistrationsTable }>;

export type ConcernStatusName = ConcernsTable['status'];

export interface ConcernRow {
  id: string;
  reference: string;
  sessionId: string | null;
  gemeente: string | null;
  about: string;
  noticed: string;
  urgency: string;
  area: string | null;
  reporter: { name?: string; phone?: string; email?: string } | null;
  receiver: string | null;
  status: ConcernStatusName;
  pickedUpBy: string | null;
  feedback: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** What the reporter may see through the status token: never the report's details. */
export interface ConcernPublicStatus {
  reference: string;
  status: ConcernStatusName;
  pickedUpBy: string | null;
  feedback: string | null;
  updatedAt: string;
  /** The receiving service's id and the municipality: the status page names the organisation. */
  receiver?: string | null;
  gemeente?: string | null;
}

export function concernRepo(db: Kysely<Database>, committer: Committer) {
  async function addEvent(
    tx: Kysely<Database>,
    concernId: string,
    kind: 'received' | 'picked-up' | 'closed',
    actor: string,
    note: string | null,
    at: string,
  ) {
    const last = await tx
      .selectFrom('concern_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('concern_id', '=', concernId)
      .executeTakeFirst();
    await tx
      .insertInto('concern_events')
      .values({ concern_id: concernId, seq: Number(last?.seq ?? 0) + 1, kind, actor, note, at })
      .execute();
  }

  /** Moves a report along; false when it was not in the expected status (someone else acted). */
  async function move(
    id: string,
    from: ConcernStatusName,
    to: ConcernStatusName,
    patch: Partial<ConcernsTable>,
    actor: string,
    at: string,
  ) {
    return committer.run(async (tx) => {
      const moved = await tx
        .updateTable('concerns')
        .set({ ...patch, status: to, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      await addEvent(tx, id, to === 'opgepakt' ? 'picked-up' : 'closed', actor, patch.feedback ?? null, at);
      return true;
    });
  }

  async function insert(
    c: ConcernRow,
    statusTokenHash: string,
    idempotency: { key: string; requestHash: string; body: unknown },
    registration?: ZgwRegistrationsTable,
  ): Promise<void> {
    await committer.run(async (tx) => {
      await tx
        .insertInto('idempotency')
        .values({
          session_id: CONCERN_SCOPE,
          key: idempotency.key,
          request_hash: idempotency.requestHash,
          status: 201,
          response: JSON.stringify(idempotency.body),
          created_at: c.createdAt,
        })
        .execute();
      await tx
        .insertInto('concerns')
        .values({
          id: c.id,
          reference: c.reference,
          status_token_hash: statusTokenHash,
          session_id: c.sessionId,
          gemeente: c.gemeente,
          about: c.about,
          noticed: c.noticed,
          urgency: c.urgency,
          area: c.area,
          reporter: c.reporter ? JSON.stringify(c.reporter) : null,
          receiver: c.receiver,
          status: c.status,
          picked_up_by: null,
          feedback: null,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
          closed_at: null,
        })
        .execute();
      await addEvent(tx, c.id, 'received', c.reporter ? 'reporter' : 'anonymous', null, c.createdAt);
      if (registration) await (tx as unknown as ZgwDb).insertInto('zgw_registrations').values(registration).execute();
    });
  }

  return {
    /**
     * Stores the report, its first audit event, the response under the idempotency key and (when its
     * receiver has a case system) its ZGW outbox row in one transaction. 'conflict': the same key was
     * committed first by a concurrent request.
     */
    async create(
      c: ConcernRow,
      statusTokenHash: string,
      idempotency: { key: string; requestHash: string; body: unknown },
      registration?: ZgwRegistrationsTable,
    ): Promise<'ok' | 'conflict'> {
      try {
        await insert(c, statusTokenHash, idempotency, registration);
        return 'ok';
      } catch (err) {
        if (isUniqueViolation(err)) return 'conflict';
        throw err;
      }
    },

    async statusByToken(tokenHash: string): Promise<ConcernPublicStatus | undefined> {
      const r = await db
        .selectFrom('concerns')
        .select(['reference', 'status', 'picked_up_by', 'feedback', 'updated_at', 'receiver', 'gemeente'])
        .where('status_token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        r && {
          reference: r.reference,
          status: r.status,
          pickedUpBy: r.picked_up_by,
          feedback: r.feedback,
          updatedAt: r.updated_at,
          receiver: r.receiver,
          gemeente: r.gemeente,
        }
      );
    },

    /** For the staff inbox (a later issue): newest last, optionally one status only. */
    async list(filter: { status?: ConcernStatusName; limit?: number } = {}): Promise<ConcernRow[]> {
      let q = db
        .selectFrom('concerns')
        .selectAll()
        .orderBy('created_at')
        .limit(filter.limit ?? 100);
      if (filter.status) q = q.where('status', '=', filter.status);
      return (await q.execute()).map(fromRow);
    },

    async byReference(reference: string): Promise<ConcernRow | undefined> {
      const r = await db.selectFrom('concerns').selectAll().where('reference', '=', reference).executeTakeFirst();
      return r && fromRow(r);
    },

    pickUp: (id: string, by: string, actor: string, at: string) => move(id, 'ontvangen', 'opgepakt', { picked_up_by: by }, actor, at),
    close: (id: string, feedback: string, actor: string, at: string) =>
      move(id, 'opgepakt', 'afgerond', { feedback, closed_at: at }, actor, at),

    async events(id: string) {
      return db
        .selectFrom('concern_events')
        .select(['seq', 'kind', 'actor', 'note', 'at'])
        .where('concern_id', '=', id)
        .orderBy('seq')
        .execute();
    },
  };
}

/**
 * Idempotency rows of concern reports share the idempotency table under this scope. Their stored
 * receipt holds the status token, so the retention job drops them after a day (a retry window).
 */
export const CONCERN_SCOPE = 'concern-intake';

export type ConcernRepo = ReturnType<typeof concernRepo>;

function fromRow(r: ConcernsTable): ConcernRow {
  return {
    id: r.id,
    reference: r.reference,
    sessionId: r.session_id,
    gemeente: r.gemeente,
    about: r.about,
    noticed: r.noticed,
    urgency: r.urgency,
    area: r.area,
    reporter: r.reporter ? JSON.parse(r.reporter) : null,
    receiver: r.receiver,
    status: r.status,
    pickedUpBy: r.picked_up_by,
    feedback: r.feedback,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}

import { isUniqueViolation } from '../../db/unique-violation.js';
import type { StaffDb } from '../../db/staff-repo.js';

export interface CoachEntry {
  domain: string;
  score: number | null;
  note: string;
  sessionId: string | null;
  revision: number;
  updatedAt: string;
}

export interface StoredChange {
  requestHash: string;
  status: number;
  body: unknown;
}

const toEntry = (r: {
  domain: string;
  score: number | null;
  note: string;
  session_id: string | null;
  revision: number;
  updated_at: string;
}): CoachEntry => ({
  domain: r.domain,
  score: r.score === null ? null : Number(r.score),
  note: r.note,
  sessionId: r.session_id,
  revision: Number(r.revision),
  updatedAt: r.updated_at,
});

/** Household plans: one row per plan, one per domain recorded, one per accepted change. */
/** `durable`: see Db.durable – a stored change is handed out again only once it is durable. */
export function coachRepo(db: StaffDb, durable: () => Promise<void>) {
  const entryRow = (planId: string, domain: string) =>
    db.selectFrom('coach_entries').selectAll().where('plan_id', '=', planId).where('domain', '=', domain).executeTakeFirst();
  return {
    async createPlan(p: { id: string; accountId: string; label: string; question: string; at: string }): Promise<void> {
      await db
        .insertInto('coach_plans')
        .values({ id: p.id, account_id: p.accountId, label: p.label, question: p.question, created_at: p.at, updated_at: p.at })
        .execute();
    },

    async plans(accountId: string) {
      return db.selectFrom('coach_plans').selectAll().where('account_id', '=', accountId).orderBy('updated_at', 'desc').execute();
    },

    async plan(id: string) {
      return db.selectFrom('coach_plans').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async entries(planId: string): Promise<CoachEntry[]> {
      const rows = await db.selectFrom('coach_entries').selectAll().where('plan_id', '=', planId).orderBy('domain').execute();
      return rows.map(toEntry);
    },

    async entry(planId: string, domain: string): Promise<CoachEntry | undefined> {
      const r = await entryRow(planId, domain);
      return r && toEntry(r);
    },

    /** The walk key of the offline walk that created the entry's session, if one did. */
    async walkKey(planId: string, domain: string): Promise<string | null> {
      return (await entryRow(planId, domain))?.walk_key ?? null;
    },

    /** Not a change of the coach's content: no new revision, so queued offline edits do not conflict with it. */
    async linkSession(planId: string, domain: string, sessionId: string, walkKey: string | null = null): Promise<CoachEntry | undefined> {
      await db
        .updateTable('coach_entries')
        .set({ session_id: sessionId, walk_key: walkKey })
        .where('plan_id', '=', planId)
        .where('domain', '=', domain)
        .execute();
      const r = await entryRow(planId, domain);
      return r && toEntry(r);
    },

    async change(planId: string, key: string): Promise<StoredChange | undefined> {
      const r = await db
        .selectFrom('coach_changes')
        .select(['request_hash', 'status', 'response'])
        .where('plan_id', '=', planId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!r) return undefined;
      await durable();
      return { requestHash: r.request_hash, status: Number(r.status), body: JSON.parse(r.response) };
    },

    async changeCount(planId: string): Promise<{ key: string; domain: string }[]> {
      return db.selectFrom('coach_changes').select(['key', 'domain']).where('plan_id', '=', planId).orderBy('at').execute();
    },

    /**
     * Applies one change if the entry is still at `baseRevision` (0 = not recorded yet) and stores
     * the response under the idempotency key, in one transaction. 'conflict': it moved on.
     */
    async apply(input: {
      planId: string;
      domain: string;
      baseRevision: number;
      next: Omit<CoachEntry, 'domain' | 'revision'>;
      key: string;
      requestHash: string;
      response: (entry: CoachEntry) => unknown;
    }): Promise<{ ok: true; body: unknown } | { ok: false }> {
      const { planId, domain, baseRevision, next } = input;
      try {
        return await db.transaction().execute(async (tx) => {
          const entry: CoachEntry = { domain, ...next, revision: baseRevision + 1 };
          const values = {
            score: next.score,
            note: next.note,
            session_id: next.sessionId,
            revision: entry.revision,
            updated_at: next.updatedAt,
          };
          if (baseRevision === 0) {
            await tx
              .insertInto('coach_entries')
              .values({ plan_id: planId, domain, ...values })
              .execute();
          } else {
            const moved = await tx
              .updateTable('coach_entries')
              .set(values)
              .where('plan_id', '=', planId)
              .where('domain', '=', domain)
              .where('revision', '=', baseRevision)
              .executeTakeFirst();
            if (Number(moved.numUpdatedRows) !== 1) return { ok: false as const };
          }
          const body = input.response(entry);
          await tx
            .insertInto('coach_changes')
            .values({
              plan_id: planId,
              key: input.key,
              domain,
              request_hash: input.requestHash,
              status: 200,
              response: JSON.stringify(body),
              at: next.updatedAt,
            })
            .execute();
          await tx.updateTable('coach_plans').set({ updated_at: next.updatedAt }).where('id', '=', planId).execute();
          return { ok: true as const, body };
        });
      } catch (err) {
        if (isUniqueViolation(err)) return { ok: false };
        throw err;
      }
    },
  };
}

export type CoachRepo = ReturnType<typeof coachRepo>;

import { sql } from 'kysely';
import type { ConcernStatusName } from './concern-repo.js';
import type { StaffDb } from './staff-repo.js';

interface InboxFilter {
  status?: ConcernStatusName;
  urgency?: string;
  about?: string;
  claimedBy?: string;
}

/** Where a page ended: the last row's place in the inbox order (see concernInbox). */
export interface InboxCursor {
  rank: number;
  createdAt: string;
  id: string;
}

/** dringend first: a new urgent report must be on the first page, whatever lies behind it. */
const RANK = sql<number>`case concerns.urgency when 'dringend' then 0 when 'binnen-een-week' then 1 else 2 end`;

/**
 * The concern inbox: most urgent first, newest first within an urgency, a page at a time. Keyset
 * paging (after the last row's rank, time and id) rather than offsets: a report that arrives
 * between two pages shifts no row into the next page twice or out of both.
 */
export function concernInbox(db: StaffDb) {
  function filtered(filter: Omit<InboxFilter, 'status'>) {
    let q = db.selectFrom('concerns').leftJoin('concern_claims', 'concern_claims.concern_id', 'concerns.id');
    if (filter.urgency) q = q.where('concerns.urgency', '=', filter.urgency);
    if (filter.about) q = q.where('concerns.about', '=', filter.about);
    if (filter.claimedBy) q = q.where('concern_claims.account_id', '=', filter.claimedBy);
    return q;
  }

  return {
    /** `limit` rows after `after`, and the cursor of the next page (null on the last one). */
    async page(filter: InboxFilter, after: InboxCursor | undefined, limit: number, order: 'urgency' | 'oldest' = 'urgency') {
      // "oldest": no ranks (the cursor's rank stays 0), the oldest report first – what has waited longest.
      const byAge = order === 'oldest';
      const older = byAge ? '>' : '<';
      const dir = byAge ? 'asc' : 'desc';
      const rank = byAge ? sql<number>`0` : RANK;
      let q = filtered(filter).selectAll('concerns').select('concern_claims.account_id as claimed_by').select(rank.as('rank'));
      if (filter.status) q = q.where('concerns.status', '=', filter.status);
      if (after) {
        q = q.where((eb) => {
          const later = eb.or([
            eb('concerns.created_at', older, after.createdAt),
            eb.and([eb('concerns.created_at', '=', after.createdAt), eb('concerns.id', older, after.id)]),
          ]);
          return byAge ? later : eb.or([eb(RANK, '>', after.rank), eb.and([eb(RANK, '=', after.rank), later])]);
        });
      }
      if (!byAge) q = q.orderBy(RANK);
      // One row more than asked tells whether there is a next page.
      const rows = await q
        .orderBy('concerns.created_at', dir)
        .orderBy('concerns.id', dir)
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next: InboxCursor | null =
        rows.length > limit && last ? { rank: Number(last.rank), createdAt: last.created_at, id: last.id } : null;
      return { items, next };
    },

    /** How many reports each status holds under the other filters: what the inbox's tabs show. */
    async counts(filter: InboxFilter): Promise<Record<ConcernStatusName, number>> {
      const rows = await filtered(filter)
        .select(['concerns.status', (eb) => eb.fn.countAll().as('n')])
        .groupBy('concerns.status')
        .execute();
      const counts: Record<ConcernStatusName, number> = { ontvangen: 0, opgepakt: 0, afgerond: 0 };
      for (const r of rows) counts[r.status as ConcernStatusName] = Number(r.n);
      return counts;
    },
  };
}

import { auditHash, CHAIN_START } from './audit-chain.js';
import type { StaffDb } from './staff-repo.js';
import { isUniqueViolation } from './unique-violation.js';

export interface AuditEntry {
  at: string;
  accountId: string | null;
  role: string | null;
  /** Stable verb, e.g. "concern.read", "concern.close", "session.resume", "login.failed". */
  action: string;
  targetKind: 'concern' | 'session' | 'account' | 'plan' | 'handover' | 'melding';
  targetId: string | null;
  /** Never personal data: codes, counts and statuses only (the target row holds the content). */
  detail?: Record<string, unknown>;
}

/** The chain checked from its start: how many rows, and the first whose hash does not hold. */
export interface ChainCheck {
  checked: number;
  intact: boolean;
  /** The seq of the first row that was changed, removed before, or slipped in. */
  brokenAt?: number;
}

const MAX_DRAWS = 10;

/** Append-only: there is no update or delete here on purpose (retention purges in retention-repo.ts). */
export function auditRepo(db: StaffDb, newId: () => string) {
  // Ids sort in write order (time, then a counter, then randomness for uniqueness across
  // processes): rows written within the same millisecond still read back in order.
  let counter = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const head = () =>
    db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  async function append(e: AuditEntry & { address?: string | null }): Promise<void> {
    const id = `${e.at}#${String(++counter % 1e8).padStart(8, '0')}#${newId()}`;
    const fields = {
      at: e.at,
      account_id: e.accountId,
      role: e.role,
      action: e.action,
      target_kind: e.targetKind,
      target_id: e.targetId,
      detail: e.detail ? JSON.stringify(e.detail) : null,
      address: e.address ?? null,
    };
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const last = await head();
      const seq = Number(last?.seq ?? 0) + 1;
      const prev = last?.hash ?? CHAIN_START;
      try {
        await db
          .insertInto('audit_log')
          .values({ id, ...fields, seq, prev_hash: prev, hash: auditHash(prev, { ...fields, seq }) })
          .execute();
        return;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw new Error(`The audit log's end moved ${MAX_DRAWS} times while one row was written; the row "${e.action}" was not written.`);
  }

  return {
    /**
     * Appends a row at the end of the hash chain. Two writers (two requests, two nodes) that read the
     * same end race for the same seq; the unique index lets one win, and the other appends after it.
     */
    write(e: AuditEntry & { address?: string | null }): Promise<void> {
      // One at a time within this process: they would only race each other for the same place.
      const turn = queue.then(() => append(e));
      queue = turn.catch(() => undefined);
      return turn;
    },

    /** Recomputes every hash from the chain's start, a batch at a time. */
    async verify(): Promise<ChainCheck> {
      // After a retention purge the chain starts after the anchor: the last purged row's place and hash.
      const anchor = await db.selectFrom('audit_anchor').select(['seq', 'hash']).where('id', '=', 'chain').executeTakeFirst();
      let prev = anchor?.hash ?? CHAIN_START;
      let expected = anchor ? Number(anchor.seq) + 1 : 1;
      let checked = 0;
      for (;;) {
        const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expected).orderBy('seq').limit(1000).execute();
        for (const r of rows) {
          const seq = Number(r.seq);
          if (seq !== expected || r.prev_hash !== prev || r.hash !== auditHash(prev, { ...r, seq })) {
            return { checked, intact: false, brokenAt: expected };
          }
          prev = r.hash;
          expected++;
          checked++;
        }
        if (rows.length < 1000) break;
      }
      // A row without a place (written around the chain) breaks it too.
      const unchained = await db.selectFrom('audit_log').select('id').where('seq', 'is', null).executeTakeFirst();
      return unchained ? { checked, intact: false, brokenAt: expected } : { checked, intact: true };
    },

    /** Newest first, a page at a time (`before`: the seq of the last row of the previous page). */
    async page(before: number | undefined, limit: number) {
      let q = db.selectFrom('audit_log').selectAll().where('seq', 'is not', null);
      if (before !== undefined) q = q.where('seq', '<', before);
      const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
      return rows.map((r) => ({ ...r, seq: Number(r.seq), detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
    },

    async forTarget(kind: AuditEntry['targetKind'], id: string) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_kind', '=', kind)
        .where('target_id', '=', id)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
    },

    async recent(limit = 200) {
      return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
}

export type AuditRepo = ReturnType<typeof auditRepo>;

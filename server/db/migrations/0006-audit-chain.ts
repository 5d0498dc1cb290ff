import type { Kysely } from 'kysely';
import { auditHash, CHAIN_START } from '../audit-chain.js';

// The audit log becomes a hash chain (audit-chain.ts) and records the source address. Rows written
// before are chained in their write order (their ids sort so), without an address.
const BATCH = 500;

interface Row {
  id: string;
  seq: number | null;
  at: string;
  account_id: string | null;
  role: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  detail: string | null;
  address: string | null;
  prev_hash: string | null;
  hash: string | null;
}
/** The table as this migration knows it, whatever staff-repo.ts says later. */
type Db = Kysely<{ audit_log: Row }>;

export async function up(db: Db): Promise<void> {
  for (const column of ['address', 'prev_hash', 'hash'] as const) {
    await db.schema.alterTable('audit_log').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  let seq = 0;
  let prev = CHAIN_START;
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute();
    for (const r of rows) {
      const hash = auditHash(prev, { ...r, seq: ++seq, address: null });
      await db.updateTable('audit_log').set({ seq, prev_hash: prev, hash }).where('id', '=', r.id).execute();
      prev = hash;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  // One row per place in the chain: two writers racing for the same place cannot both win.
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('audit_log_seq').execute();
  for (const column of ['seq', 'hash', 'prev_hash', 'address'] as const) {
    await db.schema.alterTable('audit_log').dropColumn(column).execute();
  }
}

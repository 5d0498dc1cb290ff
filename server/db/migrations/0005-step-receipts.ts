import type { Kysely } from 'kysely';

// A session step now keeps a receipt under its idempotency key – the version it produced and its
// language – instead of its whole response, which held every answer so far (session-repo.ts,
// StepReceipt). Rows written before are rewritten to receipts, so a retry that spans the upgrade
// still gets its first response. Concern reports keep their receipts under their own scope (the
// value concern-repo.ts's CONCERN_SCOPE had when this was written; a migration does not follow code).
const CONCERN_SCOPE = 'concern-intake';
const BATCH = 500;

interface Row {
  session_id: string;
  key: string;
  response: string;
}
/** The table as this migration knows it, whatever schema.ts says later. */
type Db = Kysely<{ idempotency: Row }>;

export async function up(db: Db): Promise<void> {
  let after = { session_id: '', key: '' };
  for (;;) {
    // Keyset pages: a large table is read a batch at a time, never whole.
    const rows = await db
      .selectFrom('idempotency')
      .select(['session_id', 'key', 'response'])
      .where('session_id', '<>', CONCERN_SCOPE)
      .where((eb) =>
        eb.or([eb('session_id', '>', after.session_id), eb.and([eb('session_id', '=', after.session_id), eb('key', '>', after.key)])]),
      )
      .orderBy('session_id')
      .orderBy('key')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const { version, locale } = JSON.parse(row.response) as { version: number; locale: string };
      await db
        .updateTable('idempotency')
        .set({ response: JSON.stringify({ version, locale }) })
        .where('session_id', '=', row.session_id)
        .where('key', '=', row.key)
        .execute();
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!;
  }
}

// Older code would hand a receipt out as if it were the response. Without their rows, retries of
// those steps get a 409 with the current state instead: nothing is applied twice.
export async function down(db: Db): Promise<void> {
  await db.deleteFrom('idempotency').where('session_id', '<>', CONCERN_SCOPE).execute();
}

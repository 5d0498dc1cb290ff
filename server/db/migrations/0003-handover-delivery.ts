import type { Kysely } from 'kysely';

// Warm handovers are delivered, not only recorded: attempts, when to try again, when it arrived,
// and the last error (never the summary itself) for the medewerker and the operators.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('staff_handovers')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('staff_handovers').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('staff_handovers').addColumn('delivered_at', 'text').execute();
  await db.schema.alterTable('staff_handovers').addColumn('last_error', 'text').execute();
  await db.schema.createIndex('staff_handovers_outbox').on('staff_handovers').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('staff_handovers_outbox').execute();
  for (const column of ['last_error', 'delivered_at', 'next_attempt_at', 'attempts']) {
    await db.schema.alterTable('staff_handovers').dropColumn(column).execute();
  }
}

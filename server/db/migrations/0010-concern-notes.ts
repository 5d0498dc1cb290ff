import type { Kysely } from 'kysely';

// Internal notes on a concern report, for behandelaars only (never on the reporter's status page).
// `key` is the client's idempotency key: a resent note is stored once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('concern_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('concern_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('concern_notes_key').on('concern_notes').columns(['concern_id', 'key']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('concern_notes').execute();
}

import type { Kysely } from 'kysely';

// Wmo meldingen made right after the tree (issue 21): who it is for, the consent of the other
// person, the minimum to reach them, and the readable summary the municipality receives. One per
// session (a second click with a new key must not make a second melding), and the idempotency
// table keeps each request's receipt under its own scope. Text and integer columns only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meldingen')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('status_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('session_id', 'text', (c) => c.notNull().unique())
    .addColumn('gemeente', 'text', (c) => c.notNull())
    .addColumn('tree', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    /** web, telefoon, loket or wijkcoach. */
    .addColumn('channel', 'text', (c) => c.notNull())
    /** The staff account that made it on behalf of the caller; null when the resident did. */
    .addColumn('made_by', 'text')
    .addColumn('made_by_name', 'text')
    .addColumn('for_whom', 'text', (c) => c.notNull())
    /** The consent text the other person agreed to (for_whom = ander); null otherwise. */
    .addColumn('consent_text', 'text')
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('close_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('meldingen_inbox').on('meldingen').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meldingen').execute();
}

import type { Kysely } from 'kysely';

// The ZGW registration outbox: one row per melding whose municipality has a case system. Each
// step's result URL is written here before the next step starts, so a retry after a crash goes on
// where it stopped and looks up (never re-creates) what a lost response had already made.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zgw_registrations')
    .addColumn('melding_id', 'text', (c) => c.primaryKey())
    .addColumn('gemeente', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('zaak_url', 'text')
    .addColumn('zaak_identificatie', 'text')
    .addColumn('status_url', 'text')
    .addColumn('rol_url', 'text')
    .addColumn('medewerker_rol_url', 'text')
    .addColumn('document_url', 'text')
    .addColumn('zio_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('zgw_registrations_due').on('zgw_registrations').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zgw_registrations').execute();
}

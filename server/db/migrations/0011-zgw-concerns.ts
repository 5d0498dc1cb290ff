import type { Kysely } from 'kysely';

// Concern reports (signalering) through the same ZGW outbox as Wmo meldingen (issue 21 point 3):
// a row says what it registers (`subject`; the key column keeps its name melding_id and holds the
// concern's id) and, for a concern, at which receiving service's zaaktype – a forward to another
// receiver moves a registration that has not finished to the new receiver's zaaktype.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('zgw_registrations')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo('melding'))
    .execute();
  await db.schema.alterTable('zgw_registrations').addColumn('receiver', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('zgw_registrations').dropColumn('receiver').execute();
  await db.schema.alterTable('zgw_registrations').dropColumn('subject').execute();
}

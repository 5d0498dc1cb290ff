import type { Kysely } from 'kysely';

// A domain's tree advice walked offline at the kitchen table is sent as one walk with its own key.
// The entry remembers that key beside the session it created, so a resent walk continues that
// session instead of starting a second one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('coach_entries').addColumn('walk_key', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('coach_entries').dropColumn('walk_key').execute();
}

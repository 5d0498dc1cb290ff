import type { Kysely } from 'kysely';

// Residents control staff access to their session (issue 18, defect 9): a consent can be revoked,
// and a resume code records when staff first used it, so it stops working for staff after a while.
// The audit log gets a retention period: the rows purged are summed up in an anchor (the place and
// hash of the last one), from which the rest of the chain is checked.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_consents').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('resume_codes').addColumn('staff_used_at', 'text').execute();
  await db.schema
    .createTable('audit_anchor')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_anchor').execute();
  await db.schema.alterTable('resume_codes').dropColumn('staff_used_at').execute();
  await db.schema.alterTable('staff_consents').dropColumn('revoked_at').execute();
}

import type { Kysely } from 'kysely';

// Types are limited to text and integer so the same migration runs on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tree_versions')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('gemeente', 'text', (c) => c.notNull())
    .addColumn('bundle', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tree_heads')
    .addColumn('tree', 'text', (c) => c.primaryKey())
    .addColumn('bundle_hash', 'text', (c) => c.notNull().references('tree_versions.hash'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tree', 'text', (c) => c.notNull())
    .addColumn('bundle_hash', 'text', (c) => c.notNull())
    .addColumn('tree_version', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  await db.schema
    .createTable('session_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_tokens_session').on('session_tokens').column('session_id').execute();
  await db.schema
    .createTable('session_events')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('node', 'text')
    .addColumn('value', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // The primary key is the last line of defence against two writers appending the same step.
    .addPrimaryKeyConstraint('session_events_pk', ['session_id', 'seq'])
    .execute();
  await db.schema
    .createTable('idempotency')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pk', ['session_id', 'key'])
    .execute();
  await db.schema
    .createTable('resume_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resume_codes_session').on('resume_codes').column('session_id').execute();
  await db.schema
    .createTable('concerns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('status_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('session_id', 'text')
    .addColumn('gemeente', 'text')
    .addColumn('about', 'text', (c) => c.notNull())
    .addColumn('noticed', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('area', 'text')
    .addColumn('reporter', 'text')
    .addColumn('receiver', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('picked_up_by', 'text')
    .addColumn('feedback', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  // The staff inbox lists open reports, most urgent and oldest first.
  await db.schema.createIndex('concerns_inbox').on('concerns').columns(['status', 'created_at']).execute();
  await db.schema
    .createTable('concern_events')
    .addColumn('concern_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('concern_events_pk', ['concern_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'concern_events',
    'concerns',
    'resume_codes',
    'idempotency',
    'session_events',
    'session_tokens',
    'sessions',
    'tree_heads',
    'tree_versions',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

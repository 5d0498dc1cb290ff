import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRepo } from '../audit-repo.js';
import type { StaffDb } from '../staff-repo.js';
import { migrationProvider } from './index.js';

let db: Kysely<unknown>;
let migrator: Migrator;
beforeEach(async () => {
  db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateTo('0005-step-receipts');
  expect(error).toBeUndefined();
});
afterEach(() => db.destroy());

describe('migration 0006: the audit log becomes a hash chain', () => {
  it('chains the rows written before, in their write order and across pages, and new rows after them', async () => {
    const before = db as unknown as Kysely<{ audit_log: Record<string, string | null> }>;
    // 1,201 rows: more than two of the migration's pages of 500.
    for (let i = 0; i < 1201; i++) {
      await before
        .insertInto('audit_log')
        .values({
          id: `2026-11-22T10:00:00.000Z#${String(i).padStart(8, '0')}#x`,
          at: '2026-11-22T10:00:00.000Z',
          account_id: 'a1',
          role: 'beheerder',
          action: `old.${i}`,
          target_kind: 'account',
          target_id: null,
          detail: null,
        })
        .execute();
    }
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    const audit = auditRepo(db as unknown as StaffDb, () => 'n');
    expect(await audit.verify()).toEqual({ checked: 1201, intact: true });
    const first = await (db as unknown as StaffDb)
      .selectFrom('audit_log')
      .select(['action', 'seq'])
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(first.action).toBe('old.0');
    await audit.write({
      at: '2026-11-23T10:00:00.000Z',
      accountId: 'a1',
      role: 'beheerder',
      action: 'new',
      targetKind: 'account',
      targetId: null,
    });
    expect(await audit.verify()).toEqual({ checked: 1202, intact: true });
  });
});

// The audit log's retention period: old rows go from the start of the hash chain, an anchor keeps the
// place and hash of the last one, and the check still catches every change among the rows kept.
import { afterEach, describe, expect, it } from 'vitest';
import { auditRepo, type AuditRepo } from '../db/audit-repo.js';
import type { StaffDb } from '../db/staff-repo.js';
import { cryptoIds } from '../ids.js';
import { testApp, type TestApp } from '../testing/test-app.js';
import { runRetention } from './retention-job.js';

let t: TestApp;
afterEach(() => t.close());
const DAY = 86_400_000;

async function logWith(dates: string[]): Promise<{ audit: AuditRepo; db: StaffDb }> {
  t = await testApp({ config: { auditRetentionMs: 2 * 365 * DAY } });
  const db = t.db.kysely as unknown as StaffDb;
  const audit = auditRepo(db, cryptoIds.id);
  for (const [i, at] of dates.entries()) {
    await audit.write({ at, accountId: 'a1', role: 'beheerder', action: `test.${i}`, targetKind: 'session', targetId: `s${i}` });
  }
  return { audit, db };
}

describe('audit log retention', () => {
  it('purges rows past the period from the start of the chain; the rest still checks out, and new rows chain on', async () => {
    const { audit } = await logWith([
      '2023-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
      '2024-11-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    ]);
    // The test clock stands at 2026-11-22: two years back is 2024-11-22.
    expect(await runRetention(t.deps)).toMatchObject({ auditRows: 3 });
    expect((await audit.page(undefined, 10)).map((r) => r.action)).toEqual(['test.3']);
    expect(await audit.verify()).toEqual({ checked: 1, intact: true });
    await audit.write({
      at: t.clock.now.toISOString(),
      accountId: null,
      role: null,
      action: 'test.new',
      targetKind: 'session',
      targetId: 's9',
    });
    expect(await audit.verify()).toEqual({ checked: 2, intact: true });
    expect(await runRetention(t.deps)).toMatchObject({ auditRows: 0 });
  });

  it('a kept row changed, or the first kept row removed, still breaks the chain', async () => {
    const { audit, db } = await logWith(['2023-01-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z']);
    await runRetention(t.deps);
    await db.updateTable('audit_log').set({ target_id: 'other' }).where('action', '=', 'test.1').execute();
    expect(await audit.verify()).toEqual({ checked: 0, intact: false, brokenAt: 2 });
    await db.deleteFrom('audit_log').where('action', '=', 'test.1').execute();
    expect(await audit.verify()).toEqual({ checked: 0, intact: false, brokenAt: 2 });
  });
});

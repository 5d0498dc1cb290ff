import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KUSTDORP_DIR, meldingFields, walkToMelding } from '../melding/melding-test-kit.js';
import { allTableCounts, key } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

// The Wmo melding at the kitchen table: on the session the household plan links for a domain,
// made by the coach on the resident's behalf, once per idempotency key (the device's queue resends).
let t: StaffTest;
let wim: StaffAgent;
let wimId: string;
beforeEach(async () => {
  t = await staffTest({ coachTrees: { huishouden: 'kustdorp/start' } }, undefined, { config: { treeDirs: [KUSTDORP_DIR] } });
  wimId = await t.addAccount('wim', 'wijkcoach');
  wim = await t.login('wim');
});
afterEach(() => t.close());

interface PlanEntry {
  domain: string;
  melding: {
    made: { reference: string } | null;
    preview: { available: boolean; forWhom: string; summary: { answers: unknown[] } } | null;
  } | null;
}
const readPlan = async (id: string) => (await (await wim.call('GET', `/api/staff/coach/plans/${id}`)).json()) as { entries: PlanEntry[] };

/** A plan whose huishouden advice was walked (online) to the Wmo-melding item. */
async function walkedToMelding() {
  const created = await wim.call('POST', '/api/staff/coach/plans', { label: 'Fam. M.', question: 'Schoonmaken lukt niet meer.' });
  const { id } = (await created.json()) as { id: string };
  const entry = { domain: 'huishouden', score: 2, note: '', baseRevision: 0, idempotencyKey: key() };
  expect((await wim.call('POST', `/api/staff/coach/plans/${id}/entries`, entry)).status).toBe(200);
  const started = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/huishouden/session`);
  const { session } = (await started.json()) as {
    session: { id: string; token: string; version: number; state: { step: { id: string } } };
  };
  const headers = { 'x-session-token': session.token };
  await walkToMelding(
    (path, body) => wim.call('POST', path, body, { headers }),
    session,
    'zelf',
    `/api/staff/sessions/${session.id}/answers`,
    {
      channel: 'wijkcoach',
    },
  );
  return { id, session };
}

describe('Wmo melding at the kitchen table', () => {
  it('offers the melding in the household plan, with the check-answers page the device keeps for offline use', async () => {
    const { id } = await walkedToMelding();
    const entry = (await readPlan(id)).entries.find((e) => e.domain === 'huishouden')!;
    expect(entry.melding).toMatchObject({ made: null, preview: { available: true, forWhom: 'zelf' } });
    expect(entry.melding!.preview!.summary.answers.length).toBeGreaterThan(0);
  });

  it('makes it as the coach on the wijkcoach channel, once per key; the plan then shows its reference', async () => {
    const { id, session } = await walkedToMelding();
    const fields = meldingFields();
    const first = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/huishouden/melding`, fields);
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as { reference: string; delivery: string };
    expect(receipt.delivery).toBe('inbox');
    // The device's queue resends when the answer was lost: the same receipt, no second melding.
    const again = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/huishouden/melding`, fields);
    expect(await again.json()).toMatchObject({ reference: receipt.reference });
    const rows = await t.db.kysely
      .selectFrom('meldingen' as never)
      .selectAll()
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({ session_id: session.id, channel: 'wijkcoach', made_by: wimId, made_by_name: 'Wim', for_whom: 'zelf' }),
    ]);
    expect((await readPlan(id)).entries.find((e) => e.domain === 'huishouden')!.melding).toEqual({
      made: { reference: receipt.reference },
      preview: null,
    });
    const audit = (await t.kit.audit.forTarget('plan', id)).map((a) => a.action);
    expect(audit.filter((a) => a === 'plan.melding')).toHaveLength(1);
  });

  it('refuses a melding for a domain not walked yet, and a faulty one, changing nothing', async () => {
    const { id } = await walkedToMelding();
    const entry = { domain: 'geld', score: null, note: '', baseRevision: 0, idempotencyKey: key() };
    expect((await wim.call('POST', `/api/staff/coach/plans/${id}/entries`, entry)).status).toBe(200);
    const before = await allTableCounts(t.db);
    const notWalked = await wim.call('POST', `/api/staff/coach/plans/${id}/entries/geld/melding`, meldingFields());
    expect(notWalked.status).toBe(422);
    expect(await notWalked.json()).toMatchObject({ code: 'domain-not-walked' });
    const faulty = await wim.call(
      'POST',
      `/api/staff/coach/plans/${id}/entries/huishouden/melding`,
      meldingFields({ person: { name: 'Anna', postcode: '123', huisnummer: 12 } }),
    );
    expect(faulty.status).toBe(422);
    expect(JSON.stringify(await faulty.json())).toContain('/person/postcode');
    expect(await allTableCounts(t.db)).toEqual(before);
  });
});

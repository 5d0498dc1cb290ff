import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let bas: StaffAgent;
beforeEach(async () => {
  t = await staffTest({ teamName: 'Sociaal wijkteam Demo' });
  await t.addAccount('bas', 'behandelaar');
  bas = await t.login('bas');
});
afterEach(() => t.close());

async function report(urgency: string, noticed = 'De buurman haalt zijn post niet meer op.') {
  const res = await t.request('POST', '/api/concerns', { gemeente: 'demo', about: 'oudere', noticed, urgency, idempotencyKey: key() });
  expect(res.status).toBe(201);
  const receipt = (await res.json()) as { reference: string; statusToken: string };
  const row = await t.db.kysely.selectFrom('concerns').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
  return { ...receipt, id: row.id };
}
const status = async (token: string) =>
  (await (await t.request('GET', `/api/concerns/status/${encodeURIComponent(token)}`)).json()) as Record<string, unknown>;

describe('concern inbox: notes, forwarding, order by age', () => {
  it('keeps internal notes per report, once per key, never on the reporter’s status page', async () => {
    const r = await report('binnen-een-week');
    const k = key();
    for (let i = 0; i < 2; i++)
      expect(
        (await bas.call('POST', `/api/staff/concerns/${r.id}/notes`, { text: 'Huisarts gebeld, komt dinsdag langs.', idempotencyKey: k }))
          .status,
      ).toBe(201);
    const other = await bas.call('POST', `/api/staff/concerns/${r.id}/notes`, { text: 'Iets anders', idempotencyKey: k });
    expect(other.status).toBe(422);
    const detail = (await (await bas.call('GET', `/api/staff/concerns/${r.id}`)).json()) as { notes: { text: string; by: string }[] };
    expect(detail.notes).toEqual([expect.objectContaining({ text: 'Huisarts gebeld, komt dinsdag langs.', by: 'Bas' })]);
    expect(JSON.stringify(await status(r.statusToken))).not.toContain('Huisarts');
    const audit = await t.kit.audit.forTarget('concern', r.id);
    expect(audit.filter((a) => a.action === 'concern.note')).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('Huisarts');
  });

  it('forwards a claimed report to another receiver: audited, and the reporter’s status names the new organisation', async () => {
    const r = await report('dringend');
    expect((await bas.call('POST', `/api/staff/concerns/${r.id}/forward`, { serviceId: 'buurthuis' })).status).toBe(409); // claim first
    await bas.call('POST', `/api/staff/concerns/${r.id}/claim`);
    expect(await status(r.statusToken)).toMatchObject({ status: 'opgepakt', pickedUpBy: 'Sociaal wijkteam Demo' });
    const unknown = await bas.call('POST', `/api/staff/concerns/${r.id}/forward`, { serviceId: 'nergens' });
    expect(unknown.status).toBe(422);
    const res = await bas.call('POST', `/api/staff/concerns/${r.id}/forward`, { serviceId: 'buurthuis' });
    expect(res.status).toBe(200);
    expect(await status(r.statusToken)).toMatchObject({ status: 'opgepakt', pickedUpBy: 'Stichting Buurthuis' });
    const detail = (await (await bas.call('GET', `/api/staff/concerns/${r.id}`)).json()) as {
      receiver: { id: string };
      receivers: { id: string }[];
    };
    expect(detail.receiver.id).toBe('buurthuis');
    expect(detail.receivers.map((x) => x.id)).toEqual(['buurthuis', 'website']);
    const forward = (await t.kit.audit.forTarget('concern', r.id)).filter((a) => a.action === 'concern.forward');
    expect(forward.map((a) => a.detail)).toEqual([{ from: null, to: 'buurthuis' }]);
  });

  it('sorts by age (oldest first, over pages) besides by urgency, and filters by urgency', async () => {
    const made = [];
    for (const u of ['niet-dringend', 'dringend', 'binnen-een-week', 'dringend']) {
      made.push((await report(u)).reference);
      t.clock.advance(5 * 60_000);
    }
    const refs = async (query: string) => {
      const out: string[] = [];
      let after: string | null = null;
      do {
        const page = (await (
          await bas.call('GET', `/api/staff/concerns?${query}&limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`)
        ).json()) as { items: { reference: string }[]; next: string | null };
        out.push(...page.items.map((i) => i.reference));
        after = page.next;
      } while (after);
      return out;
    };
    expect(await refs('sort=oldest')).toEqual(made);
    expect(await refs('sort=urgency')).toEqual([made[3], made[1], made[2], made[0]]);
    expect(await refs('urgency=dringend&sort=oldest')).toEqual([made[1], made[3]]);
  });
});

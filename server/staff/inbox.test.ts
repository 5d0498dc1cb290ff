import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConcernReceipt } from '../api/contract.js';
import { key } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let bas: StaffAgent;
beforeEach(async () => {
  t = await staffTest({ teamName: 'Sociaal wijkteam Demo' });
  await t.addAccount('mila', 'medewerker');
  await t.addAccount('bas', 'behandelaar');
  await t.addAccount('bo', 'behandelaar');
  bas = await t.login('bas');
});
afterEach(() => t.close());

async function report(extra: Record<string, unknown> = {}): Promise<ConcernReceipt> {
  const res = await t.request('POST', '/api/concerns', {
    gemeente: 'demo',
    about: 'oudere',
    noticed: 'Meneer op nr 3 haalt zijn post niet meer op.',
    urgency: 'binnen-een-week',
    area: 'Schalkwijk',
    reporter: { name: 'Ans', phone: '06 12345678' },
    idempotencyKey: key(),
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as ConcernReceipt;
}
/** A stored report as the intake writes it, for filling the inbox without the intake's rate limit. */
const concern = (id: string, urgency: string, at: string) => ({
  id,
  reference: `VW-${id}`,
  sessionId: null,
  gemeente: 'demo',
  about: 'oudere',
  noticed: 'Meneer haalt zijn post niet meer op.',
  urgency,
  area: null,
  reporter: null,
  receiver: null,
  status: 'ontvangen' as const,
  pickedUpBy: null,
  feedback: null,
  createdAt: at,
  updatedAt: at,
  closedAt: null,
});
const idOf = async (reference: string) => (await t.deps.store.concerns.byReference(reference))!.id;

describe('concern inbox', () => {
  it('is 403 for a medewerker, for the list, a report and every change', async () => {
    const r = await report();
    const mila = await t.login('mila');
    const id = await idOf(r.reference);
    for (const [method, path] of [
      ['GET', '/api/staff/concerns'],
      ['GET', `/api/staff/concerns/${id}`],
      ['POST', `/api/staff/concerns/${id}/claim`],
    ] as const) {
      const res = await mila.call(method, path);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('role-not-allowed');
    }
    expect((await t.request('GET', '/api/staff/concerns')).status).toBe(401);
  });

  it("lists with filters, most urgent first, without the reporter's contact details", async () => {
    const a = await report({ urgency: 'niet-dringend', about: 'geld' });
    t.clock.advance(1000);
    const b = await report({ urgency: 'dringend' });
    const list = async (q = '') =>
      ((await (await bas.call('GET', `/api/staff/concerns${q}`)).json()) as { items: { reference: string }[] }).items;
    expect((await list()).map((r) => r.reference)).toEqual([b.reference, a.reference]);
    expect((await list('?about=geld')).map((r) => r.reference)).toEqual([a.reference]);
    expect((await list('?urgency=dringend')).map((r) => r.reference)).toEqual([b.reference]);
    expect(await list('?status=afgerond')).toEqual([]);
    const weg = await bas.call('GET', '/api/staff/concerns?status=weg');
    expect(weg.status).toBe(422);
    expect(((await weg.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ parameter: 'status' })]);
    const typo = await bas.call('GET', '/api/staff/concerns?stats=afgerond');
    expect(typo.status).toBe(422);
    expect(((await typo.json()) as { errors: unknown[] }).errors).toEqual([
      { parameter: 'stats', code: 'unknown-parameter', message: 'Unknown query parameter "stats": remove it.' },
    ]);
    expect(JSON.stringify(await list())).not.toContain('06 12345678');
  });

  it('pages through more than 1,000 reports: most urgent and newest first, each report once, counts per status', async () => {
    // As the outside test found it: 251 open urgent reports and many more behind them.
    const URGENCIES = ['dringend', 'binnen-een-week', 'niet-dringend'] as const;
    const stored: { id: string; urgency: string; createdAt: string }[] = [];
    const base = Date.parse('2026-11-01T08:00:00.000Z');
    for (let i = 0; i < 1100; i++) {
      const urgency = i < 251 ? 'dringend' : URGENCIES[i % 3]!;
      // Every 10th pair shares its moment: the order must not depend on times being unique.
      const createdAt = new Date(base + Math.floor(i / 2) * 60_000).toISOString();
      const id = `c-${String(i).padStart(4, '0')}`;
      await t.deps.store.concerns.create(
        { ...concern(id, urgency, createdAt), status: i % 7 === 0 ? 'opgepakt' : 'ontvangen' },
        `tok-${id}`,
        { key: `key-${id}`, requestHash: 'h', body: {} },
      );
      stored.push({ id, urgency, createdAt });
    }
    // The newest urgent report arrives last: it was "in no view" before.
    const newest = await report({ urgency: 'dringend' });
    const rank = (u: string) => URGENCIES.indexOf(u as (typeof URGENCIES)[number]);
    const expected = [...stored, { id: await idOf(newest.reference), urgency: 'dringend', createdAt: t.clock.now.toISOString() }]
      .sort((a, b) => rank(a.urgency) - rank(b.urgency) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .map((r) => r.id);

    type Page = { items: { id: string }[]; next: string | null; counts: Record<string, number> };
    const page = async (q: string) => (await (await bas.call('GET', `/api/staff/concerns?${q}`)).json()) as Page;
    const first = await page('');
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.id).toBe(await idOf(newest.reference));
    expect(first.counts).toEqual({ ontvangen: 1101 - 158, opgepakt: 158, afgerond: 0 });

    const seen: string[] = [];
    let next: string | null = '';
    let pages = 0;
    while (next !== null) {
      const p: Page = await page(`limit=200${next ? `&after=${next}` : ''}`);
      seen.push(...p.items.map((r) => r.id));
      next = p.next;
      pages++;
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(expected);

    const open = await page('status=ontvangen&urgency=dringend&limit=200');
    expect(open.items[0]!.id).toBe(await idOf(newest.reference));
    const urgent = stored.filter((r) => r.urgency === 'dringend');
    const urgentTaken = urgent.filter((r) => Number(r.id.slice(2)) % 7 === 0).length;
    expect(open.items).toHaveLength(200);
    expect(open.counts).toEqual({ ontvangen: urgent.length + 1 - urgentTaken, opgepakt: urgentTaken, afgerond: 0 });

    const bad = await bas.call('GET', '/api/staff/concerns?after=not-a-cursor');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ parameter: 'after', code: 'invalid-cursor' }),
    ]);
  });

  it("claim → close with feedback: the reporter's status page shows the team and the feedback, and each step is audited", async () => {
    const r = await report();
    const id = await idOf(r.reference);
    const detail = (await (await bas.call('GET', `/api/staff/concerns/${id}`)).json()) as { reporter: { phone: string }; status: string };
    expect(detail).toMatchObject({ status: 'ontvangen', reporter: { phone: '06 12345678' } });
    expect((await bas.call('POST', `/api/staff/concerns/${id}/close`, { feedback: 'x' })).status).toBe(409);
    expect((await bas.call('POST', `/api/staff/concerns/${id}/claim`)).status).toBe(200);
    const bo = await t.login('bo');
    expect((await bo.call('POST', `/api/staff/concerns/${id}/claim`)).status).toBe(409);
    expect((await bo.call('POST', `/api/staff/concerns/${id}/close`, { feedback: 'Niet van mij' })).status).toBe(403);
    const status = async () => (await (await t.request('GET', `/api/concerns/status/${r.statusToken}`)).json()) as Record<string, unknown>;
    expect(await status()).toMatchObject({ status: 'opgepakt', pickedUpBy: 'Sociaal wijkteam Demo' });
    expect((await bas.call('GET', '/api/staff/concerns?mine=1')).status).toBe(200);
    const feedback = 'We zijn langs geweest en er is hulp geregeld. Dank voor uw melding.';
    expect((await bas.call('POST', `/api/staff/concerns/${id}/close`, { feedback })).status).toBe(200);
    expect(await status()).toMatchObject({ status: 'afgerond', feedback });
    const audit = await t.kit.audit.forTarget('concern', id);
    expect(audit.map((a) => `${a.action}:${a.role}`)).toEqual([
      'concern.read:behandelaar',
      'concern.claim:behandelaar',
      'concern.close:behandelaar',
    ]);
    const lists = (await t.kit.audit.recent()).filter((a) => a.action === 'concern.list');
    expect(lists).toHaveLength(1);
  });

  it('refuses a state change without CSRF header', async () => {
    const id = await idOf((await report()).reference);
    const res = await bas.call('POST', `/api/staff/concerns/${id}/claim`, undefined, { csrf: false });
    expect(res.status).toBe(403);
    expect((await t.deps.store.concerns.byReference((await t.deps.store.concerns.list())[0]!.reference))!.status).toBe('ontvangen');
  });
});

describe('who picked a report up', () => {
  it("without STAFF_TEAM_NAME the reporter sees the team named in the municipality's gemeente.json", async () => {
    const own = await staffTest();
    try {
      await own.addAccount('bas', 'behandelaar');
      const agent = await own.login('bas');
      const res = await own.request('POST', '/api/concerns', {
        gemeente: 'demo',
        about: 'oudere',
        noticed: 'Mevrouw op nr 5 is al dagen niet buiten geweest.',
        urgency: 'binnen-een-week',
        idempotencyKey: key(),
      });
      const r = (await res.json()) as ConcernReceipt;
      const id = (await own.deps.store.concerns.byReference(r.reference))!.id;
      expect((await agent.call('POST', `/api/staff/concerns/${id}/claim`)).status).toBe(200);
      const status = (await (await own.request('GET', `/api/concerns/status/${r.statusToken}`)).json()) as Record<string, unknown>;
      expect(status).toMatchObject({ status: 'opgepakt', pickedUpBy: 'Wijkteam Demo-Oost' });
    } finally {
      await own.close();
    }
  });
});

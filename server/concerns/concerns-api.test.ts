import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConcernReceipt, ConcernStatus } from '../api/contract.js';
import { key, startSession, tableCounts, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => (t = await testApp()));
afterEach(() => t.close());

const report = (extra: Record<string, unknown> = {}) => ({
  about: 'oudere',
  noticed: 'Mijn buurman <b>komt</b> al weken de deur niet uit.',
  urgency: 'binnen-een-week',
  area: 'Schalkwijk',
  reporter: { name: 'Ans', phone: '06 12345678' },
  idempotencyKey: key(),
  ...extra,
});

describe('concern reports', () => {
  it('stores the report before 201 and returns a reference and a status token', async () => {
    const res = await t.request('POST', '/api/concerns', report({ gemeente: 'demo' }));
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as ConcernReceipt;
    expect(receipt.reference).toMatch(/^VW-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{4}$/);
    expect(receipt.statusToken.length).toBeGreaterThanOrEqual(43);
    const [stored] = await t.deps.store.concerns.list();
    // Free text is stored as given (rendered as text only by clients), never interpreted.
    expect(stored).toMatchObject({
      reference: receipt.reference,
      status: 'ontvangen',
      noticed: report().noticed,
      area: 'Schalkwijk',
      gemeente: 'demo',
    });
    expect(await tableCounts(t.db)).toMatchObject({ concerns: 1, concern_events: 1 });
  });

  it('the status token shows received → picked up by → closed with feedback, never the details', async () => {
    const receipt = (await (await t.request('POST', '/api/concerns', report())).json()) as ConcernReceipt;
    const status = async () =>
      (await (await t.request('GET', `/api/concerns/status/${receipt.statusToken}`)).json()) as ConcernStatus & Record<string, unknown>;
    expect(await status()).toEqual({ reference: receipt.reference, status: 'ontvangen', updatedAt: '2026-11-22T10:00:00.000Z' });
    const [row] = await t.deps.store.concerns.list();
    t.clock.advance(3_600_000);
    expect(await t.deps.store.concerns.pickUp(row!.id, 'Sociaal Wijkteam Schalkwijk', 'staff:1', t.clock.now.toISOString())).toBe(true);
    expect(await status()).toMatchObject({ status: 'opgepakt', pickedUpBy: 'Sociaal Wijkteam Schalkwijk' });
    expect(
      await t.deps.store.concerns.close(row!.id, 'We zijn langs geweest. Dank voor uw melding.', 'staff:1', t.clock.now.toISOString()),
    ).toBe(true);
    const closed = await status();
    expect(closed).toMatchObject({ status: 'afgerond', feedback: 'We zijn langs geweest. Dank voor uw melding.' });
    expect(Object.keys(closed).sort()).toEqual(['feedback', 'pickedUpBy', 'reference', 'status', 'updatedAt']);
    for (const detail of ['buurman', '06 12345678', '"Ans"']) expect(JSON.stringify(closed)).not.toContain(detail);
    expect((await t.deps.store.concerns.events(row!.id)).map((e) => e.kind)).toEqual(['received', 'picked-up', 'closed']);
  });

  it('is idempotent: the same key returns the same receipt and stores one report', async () => {
    const body = report();
    const a = await (await t.request('POST', '/api/concerns', body)).json();
    const b = await (await t.request('POST', '/api/concerns', body)).json();
    expect(b).toEqual(a);
    expect((await tableCounts(t.db)).concerns).toBe(1);
  });

  it("linking a session needs that session's token", async () => {
    const s = await startSession(t);
    const before = await tableCounts(t.db);
    const refused = await t.request('POST', '/api/concerns', report({ sessionId: s.id }));
    expect(refused.status).toBe(401);
    expect(await tableCounts(t.db)).toEqual(before);
    const ok = await t.request('POST', '/api/concerns', report({ sessionId: s.id }), s.auth);
    expect(ok.status).toBe(201);
    expect((await t.deps.store.concerns.list())[0]).toMatchObject({ sessionId: s.id, gemeente: 'demo' });
  });

  it('refuses bad reports with the field at fault and stores nothing', async () => {
    const res = await t.request('POST', '/api/concerns', report({ urgency: 'gisteren', reporter: { email: 'geen-mail' } }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { pointer: string }[] };
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(['/reporter/email', '/urgency']);
    expect((await tableCounts(t.db)).concerns).toBe(0);
    expect((await t.request('GET', '/api/concerns/status/not-a-real-token-at-all-xxxxx')).status).toBe(404);
  });
});

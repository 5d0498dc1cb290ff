import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { handoverTargets } from './config.js';
import { verifyHandoverSignature, type Fetch } from './handover-delivery.js';
import { loketSession, staffTest, type StaffTest } from './staff-test-kit.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
let t: StaffTest | undefined;
let receiver: ServerType | undefined;
afterEach(async () => {
  receiver?.close();
  receiver = undefined;
  await t?.close();
});

interface Received {
  key: string | null;
  valid: boolean;
  body: { id: string; service: string; summary: string; shared: string[] };
}

/** The receiving organisation: checks the signature, answers with the given statuses in turn. */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const app = new Hono().post('/handover', async (c) => {
    const raw = await c.req.text();
    const valid = verifyHandoverSignature(
      c.req.header('x-vraagwijzer-signature') ?? null,
      raw,
      SECRET,
      Math.floor(t!.clock.now.getTime() / 1000),
    );
    received.push({ key: c.req.header('idempotency-key') ?? null, valid, body: JSON.parse(raw) });
    return c.body(null, (statuses.shift() ?? 200) as 200);
  });
  receiver = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/handover`, received };
}

/** A medewerker starts a loket session, answers, and hands over to the buurthuis with consent. */
async function handOver(t: StaffTest) {
  await t.addAccount('mila', 'medewerker');
  const mila = await t.login('mila');
  const { created, headers } = await loketSession(mila);
  const res = await mila.call(
    'POST',
    `/api/staff/sessions/${created.id}/handover`,
    { serviceId: 'buurthuis', shared: ['trail', 'advice'], consent: true },
    { headers },
  );
  expect(res.status).toBe(201);
  return { session: created.id, handover: (await res.json()) as { id: string; status: string } };
}

const row = async (t: StaffTest, session: string) => (await t.kit.repo.handovers(session))[0]!;

describe('warm handover delivery', () => {
  it('delivers the shared summary once, signed, with the handover id as idempotency key', async () => {
    const r = await startReceiver([200]);
    t = await staffTest({ handoverTargets: { buurthuis: { url: r.url, secret: SECRET } } });
    const { session, handover } = await handOver(t);
    expect(handover.status).toBe('klaar-voor-overdracht');
    await t.kit.handovers.deliverDue();
    await t.kit.handovers.deliverDue();
    expect(r.received).toHaveLength(1);
    expect(r.received[0]).toMatchObject({
      key: handover.id,
      valid: true,
      body: { id: handover.id, service: 'buurthuis', shared: ['trail', 'advice'] },
    });
    expect(r.received[0]!.body.summary).toContain('Help in de buurt');
    expect(await row(t, session)).toMatchObject({ status: 'verzonden', attempts: 1, delivered_at: t.clock.now.toISOString() });
    expect((await t.kit.audit.forTarget('handover', handover.id)).map((a) => a.action)).toEqual(['handover.create', 'handover.delivered']);
  });

  it('retries a failed delivery with back-off, with the same key, until it arrives', async () => {
    const r = await startReceiver([503, 200]);
    t = await staffTest({ handoverTargets: { buurthuis: { url: r.url, secret: SECRET } } });
    const { session, handover } = await handOver(t);
    await t.kit.handovers.deliverDue();
    expect(await row(t, session)).toMatchObject({ status: 'opnieuw-proberen', attempts: 1, last_error: 'HTTP 503' });
    await t.kit.handovers.deliverDue(); // not due yet: nothing is sent
    expect(r.received).toHaveLength(1);
    t.clock.advance(31_000);
    await t.kit.handovers.deliverDue();
    expect(r.received.map((x) => x.key)).toEqual([handover.id, handover.id]);
    expect(await row(t, session)).toMatchObject({ status: 'verzonden', attempts: 2, last_error: null });
  });

  it('gives up after repeated failures and says so, instead of trying forever', async () => {
    const unreachable: Fetch = () => Promise.reject(new TypeError('fetch failed'));
    t = await staffTest({ handoverTargets: { buurthuis: { url: 'https://ontvanger.example/handover', secret: SECRET } } }, unreachable);
    const { session, handover } = await handOver(t);
    for (let i = 0; i < 12; i++) {
      await t.kit.handovers.deliverDue();
      t.clock.advance(24 * 3600_000);
    }
    expect(await row(t, session)).toMatchObject({ status: 'mislukt', attempts: 8, last_error: 'network error' });
    expect((await t.kit.audit.forTarget('handover', handover.id)).map((a) => a.action).at(-1)).toBe('handover.failed');
  });

  it('without a connection for that organisation, the handover is marked for a phone call and nothing is sent', async () => {
    let calls = 0;
    t = await staffTest({}, () => (calls++, Promise.resolve(new Response(null))));
    const { session, handover } = await handOver(t);
    expect(handover.status).toBe('geen-koppeling');
    await t.kit.handovers.deliverDue();
    expect(calls).toBe(0);
    expect((await row(t, session)).status).toBe('geen-koppeling');
  });

  it('refuses a delivery target that is not https or has a weak secret, at start-up', () => {
    expect(() => handoverTargets(JSON.stringify({ buuv: { url: 'http://buuv.example/in', secret: SECRET } }))).toThrow(/https/);
    expect(() => handoverTargets(JSON.stringify({ buuv: { url: 'https://buuv.example/in', secret: 'kort' } }))).toThrow(/32 characters/);
    expect(() => handoverTargets('{nope')).toThrow(/not JSON/);
    expect(handoverTargets(JSON.stringify({ buuv: { url: 'https://buuv.example/in', secret: SECRET } }))).toEqual({
      buuv: { url: 'https://buuv.example/in', secret: SECRET },
    });
  });
});

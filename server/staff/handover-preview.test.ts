import { afterEach, describe, expect, it } from 'vitest';
import { loketSession, staffTest, type StaffTest } from './staff-test-kit.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
let t: StaffTest;
afterEach(() => t.close());

async function preview(connected: boolean) {
  t = await staffTest(connected ? { handoverTargets: { buurthuis: { url: 'https://buurthuis.example/in', secret: SECRET } } } : {});
  await t.addAccount('mila', 'medewerker');
  const mila = await t.login('mila');
  const { created, headers } = await loketSession(mila);
  const call = (path: string, body: unknown) => mila.call('POST', `/api/staff/sessions/${created.id}/handover${path}`, body, { headers });
  return { mila, created, headers, call };
}

describe('warm handover: what the medewerker sees before confirming', () => {
  it('says whether the organisation has a connection and shows the exact summary, recording nothing', async () => {
    const { call, created } = await preview(false);
    const res = await call('/preview', { serviceId: 'buurthuis', shared: ['trail', 'advice'] });
    expect(res.status).toBe(200);
    const p = (await res.json()) as { connected: boolean; organisation: string; summary: string };
    expect(p).toMatchObject({ serviceId: 'buurthuis', organisation: 'Stichting Buurthuis', connected: false });
    expect(p.summary).toContain('Wat wil je doen?: Ik wil helpen');
    expect(await t.kit.repo.handovers(created.id)).toEqual([]);
    expect((await t.kit.repo.consents(created.id)).map((c) => c.purpose)).toEqual(['start']);
    // The recorded handover carries the same summary and says it was not sent.
    const done = await call('', { serviceId: 'buurthuis', shared: ['trail', 'advice'], consent: true });
    expect(done.status).toBe(201);
    expect(await done.json()).toMatchObject({ connected: false, status: 'geen-koppeling', summary: p.summary });
  });

  it('with a delivery endpoint, the preview says it is connected; the session view marks each service', async () => {
    const { call, mila, created, headers } = await preview(true);
    expect(await (await call('/preview', { serviceId: 'buurthuis', shared: ['advice'] })).json()).toMatchObject({ connected: true });
    const view = (await (await mila.call('GET', `/api/staff/sessions/${created.id}`, undefined, { headers })).json()) as {
      services: { id: string; connected: boolean }[];
    };
    expect(view.services.map((s) => [s.id, s.connected])).toEqual([
      ['buurthuis', true],
      ['website', false],
    ]);
  });

  it('refuses an unknown service or nothing to share, naming the field; no default target exists', async () => {
    const { call } = await preview(false);
    const unknown = await call('/preview', { serviceId: '112', shared: ['trail'] });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ code: 'unknown-service', errors: [{ pointer: '/serviceId' }] });
    const none = await call('/preview', { shared: ['trail'] });
    expect(none.status).toBe(422);
    expect(((await none.json()) as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe('/serviceId');
    expect((await call('/preview', { serviceId: 'buurthuis', shared: [] })).status).toBe(422);
  });

  it('the consent text read out promises no call back from the organisation', async () => {
    const { mila } = await preview(false);
    const texts = (await (await mila.call('GET', '/api/staff/consent-texts')).json()) as { handover: string };
    expect(texts.handover).not.toMatch(/contact met u op|bellen u|belt u/i);
  });
});

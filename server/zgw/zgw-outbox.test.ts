import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZgwFake, type ZgwFake } from '../../test/zgw-fake/zgw-fake.js';
import { DEFAULTS } from '../config.js';
import { KUSTDORP_DIR, meldingFields, walkToMelding } from '../melding/melding-test-kit.js';
import { meldingModule } from '../melding/melding-module.js';
import type { MeldingDb } from '../melding/melding-repo.js';
import { staffTest, type StaffTest } from '../staff/staff-test-kit.js';
import { startSession } from '../testing/test-app.js';
import { zgwConfigFromEnv } from './zgw-config.js';

let fake: ZgwFake;
let t: StaffTest;
const MINUTE = 60_000;

beforeEach(async () => {
  fake = await startZgwFake();
  const targets = zgwConfigFromEnv({ ZGW_CONFIG: JSON.stringify({ kustdorp: fake.target() }) }, ['kustdorp']);
  t = await staffTest({}, undefined, {
    config: {
      treeDirs: [KUSTDORP_DIR],
      zgw: { ...DEFAULTS.zgw, targets, timeoutMs: 2000 },
      rateLimits: { ...DEFAULTS.rateLimits, concerns: { limit: 100, windowMs: MINUTE } },
    },
  });
});
afterEach(async () => {
  await t.close();
  await fake.close();
});

const outbox = () => meldingModule(t.deps).outbox;

/** A resident's melding; the kick after 201 is awaited, so the test decides every later pass. */
async function melding() {
  const s = await startSession(t, { tree: 'kustdorp/start' });
  await walkToMelding((path, body) => t.request('POST', path, body, s.auth), s, 'zelf');
  const res = await t.request('POST', '/api/meldingen', { sessionId: s.id, ...meldingFields() }, s.auth);
  expect(res.status).toBe(201);
  const receipt = await res.json();
  await outbox().registerDue();
  return receipt as { reference: string; statusToken: string; delivery: string };
}

const registration = (reference: string) =>
  (t.db.kysely as unknown as MeldingDb)
    .selectFrom('zgw_registrations as r')
    .innerJoin('meldingen as m', 'm.id', 'r.melding_id')
    .selectAll('r')
    .where('m.reference', '=', reference)
    .executeTakeFirstOrThrow();

describe('ZGW registration', () => {
  it('makes one complete zaak: kenmerk, first status by volgnummer, initiator rol, the PDF and its link; the status page shows the identificatie', async () => {
    const { reference, statusToken, delivery } = await melding();
    expect(delivery).toBe('zaaksysteem');
    expect(fake.refused).toEqual([]);
    const { zaken, statussen, rollen, documenten, zios } = fake.store;
    expect(zaken).toHaveLength(1);
    expect(zaken[0]).toMatchObject({
      bronorganisatie: fake.rsin,
      verantwoordelijkeOrganisatie: fake.rsin,
      startdatum: '2026-11-22',
      omschrijving: 'Wmo-melding via Vraagwijzer',
      kenmerken: [{ kenmerk: reference, bron: 'Vraagwijzer' }],
    });
    expect(statussen).toHaveLength(1);
    expect(statussen[0]!.statustype).toMatch(/statustypen\/s1$/);
    expect(rollen).toHaveLength(1);
    expect(rollen[0]).toMatchObject({
      betrokkeneType: 'natuurlijk_persoon',
      omschrijvingGeneriek: 'initiator',
      betrokkeneIdentificatie: { geslachtsnaam: 'Anna de Vries' },
      roltoelichting: 'Melding door de persoon zelf. Adres: postcode 2011 AB, huisnummer 12-2.',
      contactpersoonRol: { telefoonnummer: '06 12345678' },
    });
    expect(documenten).toHaveLength(1);
    expect(documenten[0]).toMatchObject({ identificatie: reference, taal: 'dut', formaat: 'application/pdf' });
    expect(Buffer.from(String(documenten[0]!.inhoud), 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(zios).toEqual([expect.objectContaining({ zaak: zaken[0]!.url, informatieobject: documenten[0]!.url })]);
    const status = await (await t.request('GET', `/api/meldingen/status/${statusToken}`)).json();
    expect(status).toMatchObject({ delivery: 'zaaksysteem', zaakIdentificatie: zaken[0]!.identificatie });
    // A second pass has nothing to do.
    expect(await outbox().registerDue()).toEqual({ registered: 0, retrying: 0, failed: 0 });
    expect(fake.store.zaken).toHaveLength(1);
  });

  it('made by a medewerker on behalf of a caller: a medewerker rol beside the initiator', async () => {
    await t.addAccount('mila', 'medewerker');
    const mila = await t.login('mila');
    const started = await (await mila.call('POST', '/api/staff/sessions', { tree: 'kustdorp/start', channel: 'telefoon' })).json();
    const headers = { 'x-session-token': started.token };
    await walkToMelding(
      (path, body) => mila.call('POST', path, body, { headers }),
      started,
      'zelf',
      `/api/staff/sessions/${started.id}/answers`,
      {
        channel: 'telefoon',
      },
    );
    expect(
      (await mila.call('POST', `/api/staff/sessions/${started.id}/melding`, { channel: 'telefoon', ...meldingFields() }, { headers }))
        .status,
    ).toBe(201);
    await outbox().registerDue();
    expect(fake.refused).toEqual([]);
    expect(fake.store.rollen.map((r) => r.betrokkeneType).sort()).toEqual(['medewerker', 'natuurlijk_persoon']);
    expect(fake.store.rollen.find((r) => r.betrokkeneType === 'medewerker')).toMatchObject({
      omschrijvingGeneriek: 'klantcontacter',
      roltoelichting: expect.stringMatching(/telefoon/),
    });
    expect(fake.store.zaken[0]!.toelichting).toMatch(/door Mila/);
  });

  it('the case system down for an hour: retried with growing waits, visible to staff, then registered once', async () => {
    fake.down = true;
    const { reference, statusToken } = await melding();
    let reg = await registration(reference);
    expect(reg).toMatchObject({ status: 'opnieuw-proberen', attempts: 1, last_error: expect.stringMatching(/HTTP 503/) });
    const waits: number[] = [];
    let last = t.clock.now.getTime();
    // An hour of the injected clock, a pass whenever a retry is due.
    while (t.clock.now.getTime() - Date.parse('2026-11-22T10:00:00.000Z') < 60 * MINUTE) {
      const due = Date.parse((await registration(reference)).next_attempt_at!);
      waits.push(due - last);
      t.clock.now = new Date(due);
      last = due;
      await outbox().registerDue();
    }
    reg = await registration(reference);
    expect(reg.status).toBe('opnieuw-proberen');
    expect(waits.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30 * MINUTE);
    expect(fake.store.zaken).toHaveLength(0);

    await t.addAccount('bart', 'behandelaar');
    const bart = await t.login('bart');
    const listed = (await (await bart.call('GET', '/api/staff/meldingen')).json()).items[0];
    expect(listed.zgw).toMatchObject({ status: 'opnieuw-proberen', attempts: reg.attempts, lastError: expect.stringMatching(/503/) });
    expect((await (await t.request('GET', `/api/meldingen/status/${statusToken}`)).json()).zaakIdentificatie).toBeNull();

    fake.down = false;
    t.clock.now = new Date(Date.parse(reg.next_attempt_at!));
    expect(await outbox().registerDue()).toEqual({ registered: 1, retrying: 0, failed: 0 });
    expect(
      [fake.store.zaken, fake.store.statussen, fake.store.rollen, fake.store.documenten, fake.store.zios].map((x) => x.length),
    ).toEqual([1, 1, 1, 1, 1]);
    expect((await (await t.request('GET', `/api/meldingen/status/${statusToken}`)).json()).zaakIdentificatie).toBe(
      fake.store.zaken[0]!.identificatie,
    );
  });

  it('a step that keeps failing ends as "mislukt"; staff retry it and it goes on where it stopped', async () => {
    fake.fault('document', 'error', 100);
    const { reference } = await melding();
    for (let i = 0; i < 25 && (await registration(reference)).status !== 'mislukt'; i++) {
      t.clock.advance(31 * MINUTE);
      await outbox().registerDue();
    }
    const reg = await registration(reference);
    expect(reg).toMatchObject({
      status: 'mislukt',
      attempts: 20,
      next_attempt_at: null,
      last_error: expect.stringMatching(/enkelvoudiginformatieobjecten: HTTP 500/),
    });
    // The zaak, status and rol were made once, on the first attempt, and looked up never again.
    expect(fake.log.filter((l) => l === 'POST /zaken/api/v1/zaken')).toHaveLength(1);

    await t.addAccount('bart', 'behandelaar');
    const bart = await t.login('bart');
    const id = (await (await bart.call('GET', '/api/staff/meldingen')).json()).items[0].id;
    fake.heal();
    expect((await bart.call('POST', `/api/staff/meldingen/${id}/zgw-retry`)).status).toBe(200);
    await outbox().registerDue();
    expect((await registration(reference)).status).toBe('geregistreerd');
    expect((await bart.call('POST', `/api/staff/meldingen/${id}/zgw-retry`)).status).toBe(409);
    expect(
      [fake.store.zaken, fake.store.statussen, fake.store.rollen, fake.store.documenten, fake.store.zios].map((x) => x.length),
    ).toEqual([1, 1, 1, 1, 1]);
  });

  it('a wrong secret is refused by the case system and shown as such', async () => {
    const wrong = zgwConfigFromEnv(
      { ZGW_CONFIG: JSON.stringify({ kustdorp: { ...fake.target(), secret: 'not-the-right-secret-at-all' } }) },
      ['kustdorp'],
    );
    t.deps.config.zgw.targets.kustdorp = wrong.kustdorp!;
    const { reference } = await melding();
    expect(await registration(reference)).toMatchObject({ status: 'opnieuw-proberen', last_error: expect.stringMatching(/HTTP 403/) });
    expect(fake.refused.some((r) => r.startsWith('jwt'))).toBe(true);
    expect(fake.store.zaken).toHaveLength(0);
  });
});

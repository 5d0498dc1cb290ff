// Concern reports registered as zaken at their receiver's zaaktype (issue 21 point 3), against the
// ZGW fake, on the kustdorp fixture (trees: kustdorp/zorgen; test/fixtures/kustdorp/signalering/zgw.json).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INFORMATIEOBJECTTYPE, startZgwFake, ZAAKTYPEN, type ZgwFake } from '../../test/zgw-fake/zgw-fake.js';
import { DEFAULTS } from '../config.js';
import { KUSTDORP_DIR } from '../melding/melding-test-kit.js';
import { meldingModule } from '../melding/melding-module.js';
import { staffTest, type StaffAgent, type StaffTest } from '../staff/staff-test-kit.js';
import { key, startSession } from '../testing/test-app.js';
import { concernZgwConfig } from '../zgw/zgw-concern-config.js';
import { zgwConfigFromEnv } from '../zgw/zgw-config.js';
import type { ZgwRegistrationsTable } from '../zgw/zgw-outbox-rows.js';

let fake: ZgwFake;
let t: StaffTest;
let bas: StaffAgent;
let temp: string | undefined;
const MINUTE = 60_000;

/** The server on the given kustdorp folder, connected to the fake; its signalering/zgw.json decides per receiver. */
async function boot(dir = KUSTDORP_DIR) {
  const targets = zgwConfigFromEnv({ ZGW_CONFIG: JSON.stringify({ kustdorp: fake.target() }) }, ['kustdorp']);
  t = await staffTest({}, undefined, {
    config: {
      treeDirs: [dir],
      zgw: { ...DEFAULTS.zgw, targets, concerns: concernZgwConfig([dir], targets), timeoutMs: 2000 },
      rateLimits: { ...DEFAULTS.rateLimits, concerns: { limit: 100, windowMs: MINUTE } },
    },
  });
  await t.addAccount('bas', 'behandelaar');
  bas = await t.login('bas');
}

/** A copy of the kustdorp fixture whose signalering/zgw.json configures only these receivers. */
function kustdorpWith(receivers: Record<string, string>) {
  temp = mkdtempSync(join(tmpdir(), 'vw-concern-zgw-'));
  const dir = join(temp, 'kustdorp');
  cpSync(KUSTDORP_DIR, dir, { recursive: true });
  const entry = (uuid: string) => ({
    zaaktype: `zaaktypen/${uuid}`,
    informatieobjecttype: `informatieobjecttypen/${INFORMATIEOBJECTTYPE}`,
    zaakOmschrijving: 'Zorgmelding via Vraagwijzer',
    documentTitel: 'Zorgmelding',
  });
  writeFileSync(
    join(dir, 'signalering', 'zgw.json'),
    JSON.stringify({
      gemeente: 'kustdorp',
      receivers: Object.fromEntries(Object.entries(receivers).map(([id, uuid]) => [id, entry(uuid)])),
      sources: [{ seed: '001', lines: '1279' }],
    }),
  );
  return dir;
}

beforeEach(async () => {
  fake = await startZgwFake();
});
afterEach(async () => {
  await t.close();
  await fake.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

const outbox = () => meldingModule(t.deps).outbox;

/** A resident walks kustdorp/zorgen to its concern-report advice (receiver: wijkteam) and reports. */
async function report(reporter: Record<string, string> | null) {
  const s = await startSession(t, { tree: 'kustdorp/zorgen' });
  const walked = await t.request(
    'POST',
    `/api/sessions/${s.id}/answers`,
    { node: 'zorg', value: true, version: 0, idempotencyKey: key() },
    s.auth,
  );
  expect(walked.status).toBe(200);
  const res = await t.request(
    'POST',
    '/api/concerns',
    {
      sessionId: s.id,
      about: 'oudere',
      noticed: 'Mevrouw doet de deur niet meer open en de post stapelt zich op.',
      urgency: 'binnen-een-week',
      area: 'Duinbuurt',
      reporter,
      idempotencyKey: key(),
    },
    s.auth,
  );
  expect(res.status).toBe(201);
  const receipt = (await res.json()) as { reference: string; statusToken: string; receiver: { id: string } };
  expect(receipt.receiver.id).toBe('wijkteam');
  await outbox().registerDue();
  const { id } = await t.db.kysely.selectFrom('concerns').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
  return { ...receipt, id };
}

const registration = (id: string) =>
  (t.db.kysely as unknown as import('kysely').Kysely<{ zgw_registrations: ZgwRegistrationsTable }>)
    .selectFrom('zgw_registrations')
    .selectAll()
    .where('melding_id', '=', id)
    .executeTakeFirst();
const status = async (token: string) => (await (await t.request('GET', `/api/concerns/status/${token}`)).json()) as Record<string, unknown>;
const counts = () =>
  [fake.store.zaken, fake.store.statussen, fake.store.rollen, fake.store.documenten, fake.store.zios].map((x) => x.length);
const documentText = (i = 0) => Buffer.from(String(fake.store.documenten[i]!.inhoud), 'base64').toString('utf8');

describe('concern reports in the receiver’s case system', () => {
  it('a report to a configured receiver becomes exactly one zaak of its zaaktype, with the reporter as initiator and the report as text; the status page shows the identificatie', async () => {
    await boot();
    const { reference, statusToken } = await report({ name: 'Piet Jansen', phone: '06 11112222' });
    expect(fake.refused).toEqual([]);
    expect(counts()).toEqual([1, 1, 1, 1, 1]);
    const [zaak] = fake.store.zaken;
    expect(zaak).toMatchObject({
      zaaktype: `${fake.base}catalogi/api/v1/zaaktypen/${ZAAKTYPEN[1]}`,
      bronorganisatie: fake.rsin,
      verantwoordelijkeOrganisatie: fake.rsin,
      omschrijving: 'Zorgmelding via Vraagwijzer',
      kenmerken: [{ kenmerk: reference, bron: 'Vraagwijzer' }],
      toelichting: expect.stringMatching(/oudere.*binnen-een-week.*melder bekend/),
    });
    // The report's own words are in the document, not in the zaak's fields.
    expect(JSON.stringify(zaak)).not.toContain('deur niet meer open');
    expect(fake.store.statussen[0]!.statustype).toMatch(/statustypen\/t1$/);
    expect(fake.store.rollen[0]).toMatchObject({
      betrokkeneType: 'natuurlijk_persoon',
      omschrijvingGeneriek: 'initiator',
      roltype: expect.stringMatching(/roltypen\/r3$/),
      betrokkeneIdentificatie: { geslachtsnaam: 'Piet Jansen' },
      contactpersoonRol: { naam: 'Piet Jansen', telefoonnummer: '06 11112222' },
    });
    expect(fake.store.documenten[0]).toMatchObject({ formaat: 'text/plain', taal: 'dut', titel: `Zorgmelding ${reference}` });
    expect(documentText()).toContain('Mevrouw doet de deur niet meer open en de post stapelt zich op.');
    expect(documentText()).toContain('Ontvanger: Sociaal Wijkteam Kustdorp');
    expect(documentText()).toContain('Buurt of straat: Duinbuurt');
    expect(fake.store.zios[0]).toMatchObject({ zaak: zaak!.url, informatieobject: fake.store.documenten[0]!.url });
    expect(await status(statusToken)).toMatchObject({
      reference,
      receiver: 'Sociaal Wijkteam Kustdorp',
      zaakIdentificatie: zaak!.identificatie,
    });
    // Nothing left to do: a second pass makes nothing.
    expect(await outbox().registerDue()).toEqual({ registered: 0, retrying: 0, failed: 0 });
    expect(counts()).toEqual([1, 1, 1, 1, 1]);
  });

  it('an anonymous report gets a zaak, a status and the document, but no natuurlijk_persoon rol', async () => {
    await boot();
    const { id, statusToken } = await report(null);
    expect(fake.refused).toEqual([]);
    expect(counts()).toEqual([1, 1, 0, 1, 1]);
    expect(fake.log.some((l) => l.endsWith('/rollen'))).toBe(false);
    expect(documentText()).toContain('Melder: anoniem');
    expect(fake.store.zaken[0]!.toelichting).toMatch(/anoniem/);
    expect(await registration(id)).toMatchObject({ status: 'geregistreerd', subject: 'concern', receiver: 'wijkteam', rol_url: null });
    expect((await status(statusToken)).zaakIdentificatie).toBe(fake.store.zaken[0]!.identificatie);
  });

  it('a receiver without a zaaktype configured keeps its reports local: no outbox row, nothing sent, no identificatie', async () => {
    await boot(kustdorpWith({ meldpunt: ZAAKTYPEN[1] }));
    const { id, statusToken } = await report({ name: 'Piet Jansen' });
    expect(await registration(id)).toBeUndefined();
    expect(fake.log).toEqual([]);
    const st = await status(statusToken);
    expect(st).toMatchObject({ status: 'ontvangen', receiver: 'Sociaal Wijkteam Kustdorp' });
    expect(st).not.toHaveProperty('zaakIdentificatie');
    // It is in the local inbox as any report.
    const inbox = (await (await bas.call('GET', '/api/staff/concerns')).json()) as { items: { id: string }[] };
    expect(inbox.items.map((i) => i.id)).toContain(id);
  });

  it('the case system down for an hour: retried with growing waits, nothing lost, then exactly one zaak', async () => {
    await boot();
    fake.down = true;
    const { id, statusToken } = await report({ email: 'melder@example.nl' });
    expect(await registration(id)).toMatchObject({
      status: 'opnieuw-proberen',
      attempts: 1,
      last_error: expect.stringMatching(/HTTP 503/),
    });
    const start = t.clock.now.getTime();
    const waits: number[] = [];
    while (t.clock.now.getTime() - start < 60 * MINUTE) {
      const due = Date.parse((await registration(id))!.next_attempt_at!);
      waits.push(due - t.clock.now.getTime());
      t.clock.now = new Date(due);
      await outbox().registerDue();
    }
    expect(waits.slice(0, 3)).toEqual([30_000, 60_000, 120_000]);
    expect(await registration(id)).toMatchObject({ status: 'opnieuw-proberen' });
    expect(await status(statusToken)).not.toHaveProperty('zaakIdentificatie');
    expect(fake.store.zaken).toHaveLength(0);

    fake.down = false;
    t.clock.now = new Date(Date.parse((await registration(id))!.next_attempt_at!));
    expect(await outbox().registerDue()).toEqual({ registered: 1, retrying: 0, failed: 0 });
    expect(fake.refused).toEqual([]);
    expect(counts()).toEqual([1, 1, 1, 1, 1]);
    // Only an e-mail address: an initiator to reach, without inventing a name.
    expect(fake.store.rollen[0]).toMatchObject({ contactpersoonRol: { naam: 'Melder', emailadres: 'melder@example.nl' } });
    expect((await status(statusToken)).zaakIdentificatie).toBe(fake.store.zaken[0]!.identificatie);
  });
});

describe('staff and a failing registration', () => {
  it('a step that keeps failing ends as "mislukt": the report shows it to the behandelaar, who retries it; it goes on where it stopped', async () => {
    await boot();
    fake.fault('document', 'error', 100);
    const { id } = await report({ name: 'Piet Jansen' });
    for (let i = 0; i < 25 && (await registration(id))!.status !== 'mislukt'; i++) {
      t.clock.advance(31 * MINUTE);
      await outbox().registerDue();
    }
    // Hours passed on the test clock: the behandelaar signs in again (staff sessions end when idle).
    bas = await t.login('bas');
    const detail = async () =>
      ((await (await bas.call('GET', `/api/staff/concerns/${id}`)).json()) as { zgw: Record<string, unknown> }).zgw;
    expect(await detail()).toEqual({
      status: 'mislukt',
      receiver: 'wijkteam',
      zaakIdentificatie: fake.store.zaken[0]!.identificatie,
      attempts: 20,
      lastError: expect.stringMatching(/enkelvoudiginformatieobjecten: HTTP 500/),
    });
    fake.heal();
    expect((await bas.call('POST', `/api/staff/concerns/${id}/zgw-retry`)).status).toBe(200);
    await outbox().registerDue();
    expect(await detail()).toMatchObject({ status: 'geregistreerd', lastError: null });
    expect((await bas.call('POST', `/api/staff/concerns/${id}/zgw-retry`)).status).toBe(409);
    expect(counts()).toEqual([1, 1, 1, 1, 1]);
    expect((await t.kit.audit.forTarget('concern', id)).map((a) => a.action)).toContain('concern.zgw-retry');
  });
});

describe('forwarding a report to another receiver', () => {
  it('after registration, to a receiver without a case system: the zaak stays with the first receiver, the report goes on locally; the audit entry names the zaak', async () => {
    await boot();
    const { id, statusToken } = await report({ name: 'Piet Jansen' });
    const first = fake.store.zaken[0]!.identificatie;
    expect((await bas.call('POST', `/api/staff/concerns/${id}/claim`)).status).toBe(200);
    expect((await bas.call('POST', `/api/staff/concerns/${id}/forward`, { serviceId: 'meldpunt' })).status).toBe(200);
    expect(await registration(id)).toBeUndefined();
    await outbox().registerDue();
    expect(counts()).toEqual([1, 1, 1, 1, 1]);
    const st = await status(statusToken);
    expect(st).toMatchObject({ receiver: 'Meldpunt Zorg Kustdorp' });
    expect(st).not.toHaveProperty('zaakIdentificatie');
    const forward = (await t.kit.audit.forTarget('concern', id)).find((a) => a.action === 'concern.forward')!;
    expect(forward.detail).toEqual({ from: 'wijkteam', to: 'meldpunt', registration: 'ended', earlierZaak: first });
  });

  it('before registration finished (case system down), to another configured receiver: the one zaak is made at the new receiver’s zaaktype', async () => {
    await boot(kustdorpWith({ wijkteam: ZAAKTYPEN[1], meldpunt: ZAAKTYPEN[0] }));
    fake.down = true;
    const { id, statusToken } = await report({ name: 'Piet Jansen' });
    expect(await registration(id)).toMatchObject({ status: 'opnieuw-proberen', receiver: 'wijkteam' });
    expect((await bas.call('POST', `/api/staff/concerns/${id}/claim`)).status).toBe(200);
    // Back up before the forward: the forward starts a pass at once.
    fake.down = false;
    expect((await bas.call('POST', `/api/staff/concerns/${id}/forward`, { serviceId: 'meldpunt' })).status).toBe(200);
    await outbox().registerDue();
    expect(fake.refused).toEqual([]);
    expect(counts()).toEqual([1, 1, 1, 1, 1]);
    expect(fake.store.zaken[0]!.zaaktype).toBe(`${fake.base}catalogi/api/v1/zaaktypen/${ZAAKTYPEN[0]}`);
    expect(documentText()).toContain('Ontvanger: Meldpunt Zorg Kustdorp');
    expect((await status(statusToken)).zaakIdentificatie).toBe(fake.store.zaken[0]!.identificatie);
    expect(await registration(id)).toMatchObject({ status: 'geregistreerd', receiver: 'meldpunt', attempts: 1, last_error: null });
  });

  it('from a local receiver to a configured one: registered at the new receiver', async () => {
    await boot(kustdorpWith({ meldpunt: ZAAKTYPEN[1] }));
    const { id, statusToken } = await report(null);
    expect(await registration(id)).toBeUndefined();
    await bas.call('POST', `/api/staff/concerns/${id}/claim`);
    expect((await bas.call('POST', `/api/staff/concerns/${id}/forward`, { serviceId: 'meldpunt' })).status).toBe(200);
    await outbox().registerDue();
    expect(counts()).toEqual([1, 1, 0, 1, 1]);
    expect((await status(statusToken)).zaakIdentificatie).toBe(fake.store.zaken[0]!.identificatie);
    const forward = (await t.kit.audit.forTarget('concern', id)).find((a) => a.action === 'concern.forward')!;
    expect(forward.detail).toEqual({ from: 'wijkteam', to: 'meldpunt', registration: 'started', earlierZaak: null });
  });
});

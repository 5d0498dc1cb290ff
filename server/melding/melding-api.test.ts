import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { DEFAULTS } from '../config.js';
import { staffTest, type StaffTest } from '../staff/staff-test-kit.js';
import { allTableCounts, startSession } from '../testing/test-app.js';
import { MELDING_SCOPE, type MeldingDb } from './melding-repo.js';
import { KUSTDORP_DIR, meldingFields, walkToMelding } from './melding-test-kit.js';

let t: StaffTest;
beforeEach(async () => {
  t = await staffTest({}, undefined, {
    config: {
      treeDirs: [KUSTDORP_DIR],
      zgw: DEFAULTS.zgw,
      rateLimits: { ...DEFAULTS.rateLimits, concerns: { limit: 100, windowMs: 60_000 } },
    },
  });
});
afterEach(() => t.close());

async function resident(forWhom: 'zelf' | 'ander') {
  const s = await startSession(t, { tree: 'kustdorp/start' });
  await walkToMelding((path, body) => t.request('POST', path, body, s.auth), s, forWhom);
  return s;
}

const pdfText = async (res: Response) => {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true });
  return text;
};

describe('a Wmo melding from the resident', () => {
  it('check-answers page: who it is for from the profile, the answers as question and label, the next steps', async () => {
    const s = await resident('zelf');
    const res = await t.request('GET', `/api/sessions/${s.id}/melding`, undefined, s.auth);
    expect(res.status).toBe(200);
    const preview = await res.json();
    expect(preview).toMatchObject({ available: true, forWhom: 'zelf', made: null, contact: { phone: '0255 11 22 33' } });
    expect(preview.summary.answers).toEqual([
      { question: 'Voor wie', answer: 'Voor mezelf' },
      { question: 'Schoonmaken', answer: 'Nee' },
    ]);
    expect(preview.nextSteps.join(' ')).toMatch(/hooguit 6 weken/);
    expect(preview.nextSteps.join(' ')).toMatch(/beslist de gemeente/);
    const en = await (await t.request('GET', `/api/sessions/${s.id}/melding?lang=en`, undefined, s.auth)).json();
    expect(en.summary.answers[0]).toEqual({ question: 'For whom', answer: 'For myself' });
  });

  it('is stored once: 201 with reference and status token; the same key again gets the same receipt; a new key is refused', async () => {
    const s = await resident('zelf');
    const body = { sessionId: s.id, ...meldingFields() };
    const first = await t.request('POST', '/api/meldingen', body, s.auth);
    expect(first.status).toBe(201);
    const receipt = await first.json();
    expect(receipt).toMatchObject({ reference: expect.stringMatching(/^VW-/), forWhom: 'zelf', delivery: 'inbox' });
    const again = await t.request('POST', '/api/meldingen', body, s.auth);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(receipt);
    const other = await t.request('POST', '/api/meldingen', { ...body, idempotencyKey: 'another-key-123' }, s.auth);
    expect(other.status).toBe(409);
    expect((await other.json()).code).toBe('melding-already-made');
    const status = await (await t.request('GET', `/api/meldingen/status/${receipt.statusToken}`)).json();
    expect(status).toMatchObject({
      reference: receipt.reference,
      status: 'ontvangen',
      delivery: 'inbox',
      zaakIdentificatie: null,
      channel: 'web',
    });
    const rows = await (t.db.kysely as unknown as MeldingDb).selectFrom('meldingen').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.person)).toEqual({
      name: 'Anna de Vries',
      postcode: '2011 AB',
      huisnummer: 12,
      toevoeging: '2',
    });
  });

  it('simultaneous sends (a double click, a second tab) make one melding; every 201 names it', async () => {
    const s = await resident('zelf');
    const body = { sessionId: s.id, ...meldingFields() };
    const responses = await Promise.all([
      t.request('POST', '/api/meldingen', body, s.auth),
      t.request('POST', '/api/meldingen', body, s.auth),
      t.request('POST', '/api/meldingen', { ...body, idempotencyKey: 'second-tab-key-1' }, s.auth),
    ]);
    const ok = responses.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const references = new Set(await Promise.all(ok.map(async (r) => ((await r.json()) as { reference: string }).reference)));
    expect(references.size).toBe(1);
    expect(await (t.db.kysely as unknown as MeldingDb).selectFrom('meldingen').select('reference').execute()).toEqual([
      { reference: [...references][0] },
    ]);
  });

  it('the receipt (it holds the status token) is purged after the retry window; the melding stays', async () => {
    const s = await resident('zelf');
    const body = { sessionId: s.id, ...meldingFields() };
    expect((await t.request('POST', '/api/meldingen', body, s.auth)).status).toBe(201);
    expect(await t.deps.store.sessions.stored(MELDING_SCOPE, body.idempotencyKey)).toBeDefined();
    const long = '2000-01-01T00:00:00.000Z';
    await t.deps.store.retention.purge({
      now: '2026-11-22T10:00:00.000Z',
      closedConcerns: long,
      receipts: '2026-11-23T10:00:00.000Z',
      openConcerns: long,
      coachPlans: long,
      audit: long,
    });
    expect(await t.deps.store.sessions.stored(MELDING_SCOPE, body.idempotencyKey)).toBeUndefined();
    expect(await (t.db.kysely as unknown as MeldingDb).selectFrom('meldingen').select('id').execute()).toHaveLength(1);
  });

  it('bad input gets a clear error at the field and changes nothing', async () => {
    const s = await resident('zelf');
    const before = await allTableCounts(t.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ person: { name: 'A', postcode: '0123 AB', huisnummer: 1 } }, '/person/postcode'],
      [{ person: { name: 'A', postcode: '2011 SS', huisnummer: 1 } }, '/person/postcode'],
      [{ person: { name: 'A', postcode: '2011 AB', huisnummer: 0 } }, '/person/huisnummer'],
      [{ contact: { when: 'ochtend' } }, '/contact/phone'],
      [{ contact: { email: 'geen-mail', when: 'ochtend' } }, '/contact/email'],
      [{ bsn: '123456782' }, '/bsn'],
    ];
    for (const [over, pointer] of cases) {
      const res = await t.request('POST', '/api/meldingen', { sessionId: s.id, ...meldingFields(over) }, s.auth);
      expect(res.status).toBe(422);
      const problem = await res.json();
      expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    const wrongWho = await t.request(
      'POST',
      '/api/meldingen',
      { sessionId: s.id, ...meldingFields({ forWhom: 'ander', consent: true }) },
      s.auth,
    );
    expect((await wrongWho.json()).code).toBe('for-whom-differs');
    expect(await allTableCounts(t.db)).toEqual(before);
  });

  it('for someone else: their consent is asked explicitly, and whom to call back', async () => {
    const s = await resident('ander');
    const preview = await (await t.request('GET', `/api/sessions/${s.id}/melding`, undefined, s.auth)).json();
    expect(preview.forWhom).toBe('ander');
    expect(preview.consentText).toMatch(/weet ervan en vindt het goed/);
    const noConsent = await t.request(
      'POST',
      '/api/meldingen',
      { sessionId: s.id, ...meldingFields({ contact: { name: 'Kees', phone: '0612345678', when: 'middag' } }) },
      s.auth,
    );
    expect(noConsent.status).toBe(422);
    expect((await noConsent.json()).errors[0].pointer).toBe('/consent');
    const noName = await t.request('POST', '/api/meldingen', { sessionId: s.id, ...meldingFields({ consent: true }) }, s.auth);
    expect((await noName.json()).errors[0].pointer).toBe('/contact/name');
    const ok = await t.request(
      'POST',
      '/api/meldingen',
      {
        sessionId: s.id,
        ...meldingFields({
          consent: true,
          person: { name: 'Şükrü Łęcki-Zoë', postcode: '2011 AB', huisnummer: 5 },
          contact: { name: 'Kees', phone: '0612345678', when: 'middag' },
        }),
      },
      s.auth,
    );
    expect(ok.status).toBe(201);
    const { statusToken } = await ok.json();
    const text = await pdfText(await t.request('GET', `/api/meldingen/status/${statusToken}/pdf`));
    expect(text).toContain('Voor iemand anders');
    expect(text).toContain('Toestemming: ja');
    expect(text).toContain('Contactpersoon: Kees');
    // Outside the standard fonts' letters: the base letter where there is one, the rest of the name kept.
    expect(text).toContain('Naam: Sükrü ?ecki-Zoë');
  });

  it('is refused where the plan has no Wmo-melding item', async () => {
    const s = await startSession(t, { tree: 'kustdorp/start' });
    const res = await t.request('POST', '/api/meldingen', { sessionId: s.id, ...meldingFields({ forWhom: 'zelf' }) }, s.auth);
    expect(res.status).toBe(422);
    expect((await res.json()).code).toBe('melding-not-in-plan');
    expect((await (await t.request('GET', `/api/sessions/${s.id}/melding`, undefined, s.auth)).json()).available).toBe(false);
  });

  it('the PDF copy holds the answers, the plan, consent, channel and date, read back as text', async () => {
    const s = await resident('zelf');
    const { statusToken, reference } = await (
      await t.request('POST', '/api/meldingen', { sessionId: s.id, ...meldingFields() }, s.auth)
    ).json();
    const res = await t.request('GET', `/api/meldingen/status/${statusToken}/pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(res);
    for (const part of [
      'Samenvatting Wmo-melding',
      `Kenmerk: ${reference}`,
      'Datum: 22 november 2026',
      'Gedaan via: online (Vraagwijzer)',
      'Voor de persoon zelf',
      'postcode 2011 AB, huisnummer 12-2',
      'Voor wie: Voor mezelf',
      'Schoonmaken: Nee',
      'Vraag de gemeente om hulp',
      'Telefoon: 06 12345678',
    ])
      expect(text).toContain(part);
  });
});

describe('a Wmo melding from the staff console, and the meldingen inbox', () => {
  it('a medewerker makes it on behalf of a caller; a behandelaar claims, closes and exports it', async () => {
    await t.addAccount('mila', 'medewerker');
    await t.addAccount('bart', 'behandelaar');
    const mila = await t.login('mila');
    const started = await (await mila.call('POST', '/api/staff/sessions', { tree: 'kustdorp/start', channel: 'telefoon' })).json();
    const headers = { 'x-session-token': started.token };
    await walkToMelding(
      (path, body) => mila.call('POST', path, body, { headers }),
      started,
      'zelf',
      `/api/staff/sessions/${started.id}/answers`,
      { channel: 'telefoon' },
    );
    const fields = { channel: 'telefoon', ...meldingFields() };
    const made = await mila.call('POST', `/api/staff/sessions/${started.id}/melding`, fields, { headers });
    expect(made.status).toBe(201);
    // The same request again (a lost answer): the same receipt.
    const again = await mila.call('POST', `/api/staff/sessions/${started.id}/melding`, fields, { headers });
    expect(again.status).toBe(201);
    const { reference, statusToken } = await made.json();
    expect((await (await t.request('GET', `/api/meldingen/status/${statusToken}`)).json()).channel).toBe('telefoon');
    // A medewerker is not an inbox role.
    expect((await mila.call('GET', '/api/staff/meldingen')).status).toBe(403);

    const bart = await t.login('bart');
    const list = await (await bart.call('GET', '/api/staff/meldingen')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ reference, channel: 'telefoon', madeBy: 'Mila', status: 'ontvangen', zgw: null });
    const id = list.items[0].id;
    const detail = await (await bart.call('GET', `/api/staff/meldingen/${id}`)).json();
    expect(detail).toMatchObject({ madeBy: 'Mila', person: { name: 'Anna de Vries' }, contact: { phone: '06 12345678' } });
    expect(await pdfText(await bart.call('GET', `/api/staff/meldingen/${id}/pdf`))).toContain(
      'Gedaan via: telefoon, door een medewerker (Mila)',
    );
    expect((await bart.call('POST', `/api/staff/meldingen/${id}/close`, { note: 'gebeld' })).status).toBe(409);
    expect((await bart.call('POST', `/api/staff/meldingen/${id}/claim`)).status).toBe(200);
    expect((await bart.call('POST', `/api/staff/meldingen/${id}/claim`)).status).toBe(409);
    expect((await bart.call('POST', `/api/staff/meldingen/${id}/close`, { note: 'Gebeld, afspraak gemaakt.' })).status).toBe(200);
    const csv = await (await bart.call('GET', '/api/staff/meldingen/export')).text();
    expect(csv.split('\r\n')[0]).toBe('kenmerk,datum,kanaal,voor,naam,postcode,huisnummer,telefoon,email,bereikbaar,status');
    expect(csv).toContain(`${reference},2026-11-22T10:00:00.000Z,telefoon,zelf,Anna de Vries,2011 AB,12-2,06 12345678,,ochtend,afgerond`);
    const audit = await t.kit.audit.forTarget('melding', reference);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['melding.create', 'melding.claim', 'melding.close']),
    );
    // The repeat is neither a second melding nor recorded as one.
    expect(audit.filter((a: { action: string }) => a.action === 'melding.create')).toHaveLength(1);
  });

  it('a staff melding needs consent to the session first', async () => {
    await t.addAccount('mila', 'medewerker');
    await t.addAccount('joost', 'medewerker');
    const mila = await t.login('mila');
    const started = await (await mila.call('POST', '/api/staff/sessions', { tree: 'kustdorp/start', channel: 'loket' })).json();
    const joost = await t.login('joost');
    const res = await joost.call(
      'POST',
      `/api/staff/sessions/${started.id}/melding`,
      { channel: 'loket', ...meldingFields() },
      { headers: { 'x-session-token': started.token } },
    );
    expect(res.status).toBe(403);
  });
});

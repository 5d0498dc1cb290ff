// The Wmo melding at the kitchen table, in Chromium, keyboard only and axe clean: the coach walks a
// domain's advice to the Wmo-melding item, the connection drops, the coach makes the melding with
// the resident – kept on the device – and once the connection is back it is sent exactly once and
// the household plan (and its print) shows the reference.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KUSTDORP_DIR } from '../server/melding/melding-test-kit.js';
import { activeElement, tabTo } from './support/browser.js';
import { axe, startStaffServer, type StaffServer } from './support/staff-server.js';

let s: StaffServer;
beforeAll(async () => {
  s = await startStaffServer([['wim', 'wijkcoach']], { trees: [KUSTDORP_DIR], staff: { coachTrees: { huishouden: 'kustdorp/start' } } });
}, 180_000);
afterAll(() => s?.close());

async function press(page: Page, label: string) {
  await tabTo(page, label, 150);
  await page.keyboard.press('Enter');
}

/** Tab into a radio group, arrow to the option (arrows also select). */
async function radio(page: Page, label: string) {
  let a = await activeElement(page);
  for (let i = 0; i < 60 && a.type !== 'radio'; i++) {
    await page.keyboard.press('Tab');
    a = await activeElement(page);
  }
  for (let i = 0; i < 10 && !a.label.startsWith(label); i++) {
    await page.keyboard.press('ArrowDown');
    a = await activeElement(page);
  }
  expect(a.label.startsWith(label), `option "${label}"`).toBe(true);
  if (!a.checked) await page.keyboard.press('Space');
}

async function type(page: Page, label: string, text: string) {
  const a = await tabTo(page, label);
  expect(a.tag).toBe('input');
  await page.keyboard.type(text);
}

const meldingen = () =>
  s.db.kysely
    .selectFrom('meldingen' as never)
    .selectAll()
    .execute() as Promise<Record<string, unknown>[]>;

/** A new plan with the huishouden domain, saved on the server. */
async function planWithHuishouden(page: Page, label: string) {
  await tabTo(page, 'Huishouden (initialen of dossiernummer)');
  await page.keyboard.type(label);
  await tabTo(page, 'Hulpvraag');
  await page.keyboard.type('Schoonmaken lukt niet meer.');
  await press(page, 'Plan maken');
  await page.getByRole('heading', { name: `Plan: ${label}` }).waitFor();
  await tabTo(page, 'Huishouden');
  await page.keyboard.press('Space');
  await press(page, 'Toevoegen aan plan');
  await page.locator('form[data-domain="huishouden"]').waitFor();
  await page.getByText('Alles is bewaard op de server.').waitFor();
  return page.locator('form[data-domain="huishouden"]');
}

/** From "Wmo-melding doen met de inwoner" to the melding kept on the device, axe on every screen. */
async function meldingKeptOnDevice(page: Page) {
  await press(page, 'Wmo-melding doen met de inwoner');
  const flow = page.locator('vw-melding-flow');
  await flow.getByRole('heading', { name: 'Hulp vragen bij de gemeente' }).waitFor();
  await expect.poll(async () => (await activeElement(page)).text).toBe('Hulp vragen bij de gemeente');
  await axe(page, 'coach melding form offline');
  await type(page, 'Naam', 'Anna de Vries');
  await type(page, 'Postcode', '2011 AB');
  await type(page, 'Huisnummer', '12');
  await type(page, 'Telefoonnummer', '06 12345678');
  await radio(page, "'s Ochtends");
  await press(page, 'Controleer je melding');
  await flow.getByRole('heading', { name: 'Klopt alles?' }).waitFor();
  const check = await flow.locator('[part="melding-check"]').innerText();
  expect(check).toContain('Schoonmaken');
  expect(check).toContain('Vraag de gemeente om hulp');
  await axe(page, 'coach melding check offline');
  await press(page, 'Verstuur je melding');
  const kept = page.locator('vw-coach-melding');
  await kept.getByRole('heading', { name: 'De melding is bewaard op dit apparaat' }).waitFor();
  await expect.poll(async () => (await activeElement(page)).text).toBe('De melding is bewaard op dit apparaat');
  await axe(page, 'coach melding kept on the device');
  expect(await meldingen()).toEqual([]);
  await press(page, 'Terug naar het plan');
}

/** Back online: the melding is sent once and the plan (and its print) shows its reference. */
async function sentOnce(page: Page, domain: Locator) {
  const made = domain.locator('.melding-made');
  await made.waitFor();
  await page.getByText('Alles is bewaard op de server.').waitFor();
  const rows = await meldingen();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ channel: 'wijkcoach', made_by_name: 'Wim', for_whom: 'zelf' });
  expect(await made.innerText()).toBe(`Wmo-melding gedaan, kenmerk ${String(rows[0]!.reference)}.`);
  await axe(page, 'coach plan with the melding reference');
  await page.emulateMedia({ media: 'print' });
  expect(await made.isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });
  // Reloaded, the plan still shows it and nothing is sent again.
  await page.reload();
  await domain.locator('.melding-made').waitFor();
  await page.getByText('Alles is bewaard op de server.').waitFor();
  expect(await meldingen()).toHaveLength(1);
  return rows[0]!;
}

/** The household domain's tree advice walked with a connection: for oneself, cleaning no longer works. */
async function walkHuishouden(page: Page, domain: Locator) {
  await press(page, 'Advies uit de beslisboom');
  const session = page.locator('vw-staff-session');
  await session.getByRole('heading', { name: 'Voor wie zoek je hulp?' }).waitFor();
  await radio(page, 'Voor mezelf');
  await press(page, 'Volgende');
  await session.getByRole('heading', { name: 'Lukt het schoonmaken nog?' }).waitFor();
  await radio(page, 'Nee');
  await press(page, 'Volgende');
  await session.getByText('Het advies is compleet.').waitFor();
  await press(page, 'Klaar met advies');
  await domain.locator('.walked').waitFor();
}

describe('Wmo melding at the kitchen table', () => {
  afterEach(() => s.db.kysely.deleteFrom('meldingen' as never).execute());

  it('made offline with the resident, kept on the device, sent once when the connection is back; the plan shows its reference', async () => {
    const { context, page } = await s.signIn('wim', '/coach');
    const domain = await planWithHuishouden(page, 'Fam. H.');
    await walkHuishouden(page, domain);

    // No connection at the kitchen table any more.
    await context.setOffline(true);
    await meldingKeptOnDevice(page);
    await domain.getByText('Wmo-melding bewaard op dit apparaat.').waitFor();
    await context.setOffline(false);
    await sentOnce(page, domain);
    await context.close();
  }, 150_000);

  it('with a connection: sent at once, the confirmation with its reference, one melding', async () => {
    const { context, page } = await s.signIn('wim', '/coach');
    const domain = await planWithHuishouden(page, 'Fam. L.');
    await walkHuishouden(page, domain);
    await press(page, 'Wmo-melding doen met de inwoner');
    const flow = page.locator('vw-melding-flow');
    await flow.getByRole('heading', { name: 'Hulp vragen bij de gemeente' }).waitFor();
    await type(page, 'Naam', 'Anna de Vries');
    await type(page, 'Postcode', '2011 AB');
    await type(page, 'Huisnummer', '12');
    await type(page, 'Telefoonnummer', '06 12345678');
    await radio(page, "'s Ochtends");
    await press(page, 'Controleer je melding');
    await flow.getByRole('heading', { name: 'Klopt alles?' }).waitFor();
    await press(page, 'Verstuur je melding');
    await flow.getByRole('heading', { name: 'Je melding is verstuurd' }).waitFor();
    await axe(page, 'coach melding sent at once');
    const rows = await meldingen();
    expect(rows).toHaveLength(1);
    await flow.getByText(String(rows[0]!.reference)).first().waitFor();
    await domain.locator('.melding-made').getByText(String(rows[0]!.reference)).waitFor();
    await context.close();
  }, 150_000);

  it('on advice walked on the device without a connection: the walk is sent first, then the melding, once, on its session', async () => {
    const { context, page } = await s.signIn('wim', '/coach');
    const domain = await planWithHuishouden(page, 'Fam. K.');
    await context.setOffline(true);
    await press(page, 'Advies uit de beslisboom');
    const walk = page.locator('vw-coach-offline-walk');
    await walk.getByRole('heading', { name: 'Voor wie zoek je hulp?' }).waitFor();
    await radio(page, 'Voor mezelf');
    await press(page, 'Volgende');
    await walk.getByRole('heading', { name: 'Lukt het schoonmaken nog?' }).waitFor();
    await radio(page, 'Nee');
    await press(page, 'Volgende');
    await walk.getByRole('heading', { name: 'Advies (op dit apparaat)' }).waitFor();
    await press(page, 'Klaar met advies');
    await meldingKeptOnDevice(page);
    await domain.getByText('Wmo-melding bewaard op dit apparaat.').waitFor();
    await context.setOffline(false);
    const row = await sentOnce(page, domain);
    const linked = await s.sdb().selectFrom('coach_entries').select('session_id').where('domain', '=', 'huishouden').execute();
    expect(linked.map((e) => e.session_id)).toContain(row.session_id);
    await context.close();
  }, 150_000);
});

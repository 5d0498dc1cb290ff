// The Wmo melding in real Chromium against the real app (in-process, SQLite in memory) and the ZGW
// fake: a resident walks to the Wmo-melding advice, makes the melding with the keyboard alone (axe
// on every screen), sees the confirmation; the case system then holds one complete zaak and the
// status page shows its identificatie.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../scripts/build-staff.js';
import { buildWidget } from '../scripts/build-widget.js';
import { DEFAULTS } from '../server/config.js';
import { KUSTDORP_DIR } from '../server/melding/melding-test-kit.js';
import { PASSWORD, staffTest, type StaffTest } from '../server/staff/staff-test-kit.js';
import { zgwConfigFromEnv } from '../server/zgw/zgw-config.js';
import { activeElement, axeViolations, launchChromium, tabTo } from './support/browser.js';
import { startZgwFake, type ZgwFake } from './zgw-fake/zgw-fake.js';

let fake: ZgwFake;
let t: StaffTest;
let http: ServerType;
let url: string;
let browser: Browser;

beforeAll(async () => {
  await Promise.all([buildWidget(), buildStaff()]);
  fake = await startZgwFake();
  const generous = { limit: 10_000, windowMs: 60_000 };
  t = await staffTest({}, undefined, {
    config: {
      treeDirs: [KUSTDORP_DIR],
      staticDir: resolve('server/static'),
      widgetDir: join(resolve('dist/widget')),
      rateLimits: { sessions: generous, resume: generous, concerns: generous },
      zgw: { ...DEFAULTS.zgw, targets: zgwConfigFromEnv({ ZGW_CONFIG: JSON.stringify({ kustdorp: fake.target() }) }, ['kustdorp']) },
    },
  });
  await t.addAccount('mila', 'medewerker');
  await t.addAccount('bart', 'behandelaar');
  // The test app's clock stands still; a browser needs time to pass.
  t.clock.now = new Date();
  setInterval(() => (t.clock.now = new Date()), 200).unref();
  http = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
  await t?.close();
  await fake?.close();
});

async function heading(page: Page, text: string) {
  await page.getByRole('heading', { name: text, exact: true }).waitFor({ timeout: 10_000 });
  await expect.poll(async () => (await activeElement(page)).text, { timeout: 5_000 }).toBe(text);
}
const axe = async (page: Page, what: string) => expect(await axeViolations(page, what)).toEqual([]);

/** Tab into a radio group, arrow to the option (arrows also select). */
async function radio(page: Page, label: string) {
  let a = await activeElement(page);
  for (let i = 0; i < 40 && a.type !== 'radio'; i++) {
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

describe('Wmo melding in Chromium', () => {
  it('resident: keyboard only from the advice to the confirmation; one zaak; the status page shows its identificatie', async () => {
    const page = await (await browser.newContext({ viewport: { width: 900, height: 1000 }, locale: 'nl-NL' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/?tree=kustdorp/start`);
    await page.getByRole('heading', { name: 'Voor wie zoek je hulp?' }).waitFor();
    await radio(page, 'Voor mezelf');
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await heading(page, 'Lukt het schoonmaken nog?');
    await radio(page, 'Nee');
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await heading(page, 'Jouw advies');

    await tabTo(page, 'Doe je melding hier');
    await page.keyboard.press('Enter');
    await heading(page, 'Hulp vragen bij de gemeente');
    await axe(page, 'melding form');
    await type(page, 'Naam', 'Anna de Vries');
    await type(page, 'Postcode', '123');
    await type(page, 'Huisnummer', '12');
    await type(page, 'Telefoonnummer', '06 12345678');
    await radio(page, "'s Ochtends");
    await tabTo(page, 'Controleer je melding');
    await page.keyboard.press('Enter');
    // The fault is named at the field, and focus goes there.
    await expect.poll(async () => (await activeElement(page)).label).toBe('Postcode');
    await page.locator('vw-melding-flow #postcode-err').getByText('Vul een postcode in zoals 2011 AB.').waitFor({ timeout: 5_000 });
    await axe(page, 'melding form with an error');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2011 AB');
    await tabTo(page, 'Controleer je melding');
    await page.keyboard.press('Enter');
    await heading(page, 'Klopt alles?');
    const check = await page.locator('vw-melding-flow [part="melding-check"]').innerText();
    expect(check).toContain('Anna de Vries');
    expect(check).toMatch(/Schoonmaken\s+Nee/);
    await axe(page, 'check answers');

    await tabTo(page, 'Verstuur je melding');
    await page.keyboard.press('Enter');
    await heading(page, 'Je melding is verstuurd');
    const done = await page.locator('vw-melding-flow [part="melding-done"]').innerText();
    const reference = /Je kenmerk is (VW-[A-Z0-9-]+)\./.exec(done)?.[1];
    expect(reference).toBeDefined();
    expect(done).toContain('hooguit 6 weken');
    expect(done).toContain('beslist de gemeente');
    await axe(page, 'confirmation');

    // The case system: exactly one complete zaak.
    await expect.poll(() => fake.store.zios.length, { timeout: 20_000 }).toBe(1);
    expect([fake.store.zaken, fake.store.statussen, fake.store.rollen, fake.store.documenten].map((x) => x.length)).toEqual([1, 1, 1, 1]);
    expect(fake.store.zaken[0]!.kenmerken).toEqual([{ kenmerk: reference, bron: 'Vraagwijzer' }]);
    expect(fake.refused).toEqual([]);

    const link = await page.locator('vw-melding-flow a[href*="melding-status"]').getAttribute('href');
    await page.goto(link!);
    await page.getByText(`Je zaaknummer bij de gemeente is ${fake.store.zaken[0]!.identificatie}.`).waitFor({ timeout: 10_000 });
    await axe(page, 'status page');
    expect(errors).toEqual([]);
  }, 120_000);

  it('in English: the form, the check page (answers in English) and the confirmation, axe clean', async () => {
    const page = await (await browser.newContext({ viewport: { width: 900, height: 1000 }, locale: 'en-GB' })).newPage();
    await page.goto(`${url}/?tree=kustdorp/start&lang=en`);
    const widget = page.locator('vraag-wijzer');
    // The widget's own question: the server-rendered first paint asks it too, until the upgrade.
    await widget.locator('vw-question').getByRole('heading', { name: 'Who are you looking for help for?' }).waitFor();
    await widget.locator('vw-question').getByLabel('For someone else').check();
    await widget.getByRole('button', { name: 'Next' }).click();
    await widget.getByRole('heading', { name: 'Can they still do the cleaning?' }).waitFor();
    await widget.locator('vw-question').getByLabel('No', { exact: true }).check();
    await widget.getByRole('button', { name: 'Next' }).click();
    await widget.getByRole('heading', { name: 'Your advice' }).waitFor();
    await widget.getByRole('button', { name: 'Make your report here' }).click();
    await widget.getByRole('heading', { name: 'Ask the municipality for support' }).waitFor();
    await widget.getByLabel('The person I am making this report for knows about it and agrees.').check();
    await widget.getByLabel('Your name').fill('Kees');
    await widget.getByLabel('Name', { exact: true }).fill('Truus Bakker');
    await widget.getByLabel('Postcode').fill('2011 AB');
    await widget.getByLabel('House number').fill('7');
    await widget.getByLabel('E-mail address').fill('kees@example.com');
    await widget.getByLabel('Any time').check();
    await axe(page, 'melding form in English, for someone else');
    await widget.getByRole('button', { name: 'Check your report' }).click();
    await widget.getByRole('heading', { name: 'Is everything right?' }).waitFor();
    const check = await page.locator('vw-melding-flow [part="melding-check"]').innerText();
    expect(check).toMatch(/For whom\s+For someone else/);
    expect(check).toMatch(/Cleaning\s+No/);
    await widget.getByRole('button', { name: 'Send your report' }).click();
    await widget.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
    expect(await page.locator('vw-melding-flow [part="melding-done"]').innerText()).toContain('at most 6 weeks');
    await axe(page, 'confirmation in English');
  }, 120_000);

  it('staff console: a medewerker makes the melding for a caller, keyboard only; the zaak has the medewerker rol', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/staff`);
    await page.waitForURL(/\/staff\/login/);
    await page.getByLabel('Naam').fill('mila');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${url}/staff`);
    await page.getByLabel('Onderwerp').selectOption('kustdorp/start');
    await page.getByRole('button', { name: 'Start gesprek' }).click();
    await page.getByRole('heading', { name: 'Voor wie zoek je hulp?' }).waitFor();
    await page.getByLabel('Voor mezelf').check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('heading', { name: 'Lukt het schoonmaken nog?' }).waitFor();
    await page.getByLabel('Nee').check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Het advies is compleet.').waitFor();

    const before = fake.store.zaken.length;
    await tabTo(page, 'Doe je melding hier', 80);
    await page.keyboard.press('Enter');
    await heading(page, 'Hulp vragen bij de gemeente');
    await axe(page, 'console with the melding form');
    await type(page, 'Naam', 'Piet Jansen');
    await type(page, 'Postcode', '2011 AB');
    await type(page, 'Huisnummer', '3');
    await type(page, 'Telefoonnummer', '023 1234567');
    await radio(page, 'Maakt niet uit');
    await tabTo(page, 'Controleer je melding');
    await page.keyboard.press('Enter');
    await heading(page, 'Klopt alles?');
    await tabTo(page, 'Verstuur je melding');
    await page.keyboard.press('Enter');
    await heading(page, 'Je melding is verstuurd');
    await axe(page, 'console, melding sent');
    const reference = /Je kenmerk is (VW-[A-Z0-9-]+)\./.exec(await page.locator('vw-melding-flow [part="melding-done"]').innerText())?.[1];

    await expect.poll(() => fake.store.zios.length, { timeout: 20_000 }).toBe(before + 1);
    const zaak = fake.store.zaken.find((z) => (z.kenmerken as { kenmerk: string }[])[0]!.kenmerk === reference)!;
    expect(zaak.toelichting).toMatch(/Gedaan via telefoon door Mila/);
    const rollen = fake.store.rollen.filter((r) => r.zaak === zaak.url);
    expect(rollen.map((r) => [r.betrokkeneType, r.omschrijvingGeneriek]).sort()).toEqual([
      ['medewerker', 'klantcontacter'],
      ['natuurlijk_persoon', 'initiator'],
    ]);
    expect(fake.refused).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('meldingen inbox: a behandelaar sees the meldingen made above, each with its zaak, and claims one, keyboard only', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/staff/meldingen`);
    await page.waitForURL(/\/staff\/login/);
    await page.getByLabel('Naam').fill('bart');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${url}/staff/meldingen`);
    await page.getByRole('heading', { name: 'Wmo-meldingen (3)' }).waitFor();
    const rows = await page.locator('vw-staff-meldingen tbody tr').allInnerTexts();
    for (const zaak of fake.store.zaken) expect(rows.some((r) => r.includes(`${zaak.identificatie} staat in het zaaksysteem`))).toBe(true);
    expect(rows.some((r) => r.includes('telefoon (Mila)'))).toBe(true);
    await axe(page, 'meldingen inbox');
    const reference = (fake.store.zaken[0]!.kenmerken as { kenmerk: string }[])[0]!.kenmerk;
    await tabTo(page, reference, 60);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await activeElement(page)).text).toBe(`Melding ${reference}`);
    const detail = await page.locator('vw-staff-meldingen section[aria-labelledby="m-h"]').innerText();
    expect(detail).toContain('Anna de Vries');
    expect(detail).toMatch(/Schoonmaken\s+Nee/);
    await axe(page, 'melding opened');
    await tabTo(page, 'Oppakken');
    await page.keyboard.press('Enter');
    await page.locator('vw-staff-meldingen').getByText('U heeft deze melding opgepakt.').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});

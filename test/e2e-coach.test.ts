// Kitchen-table mode on a shared tablet, in Chromium, keyboard only: the device's store belongs to
// the signed-in coach, signing out wipes it (after asking, when answers still wait for a
// connection), and the next coach on the same tablet starts with nothing of the previous one's.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tabTo } from './support/browser.js';
import { axe, PASSWORD, startStaffServer, type StaffServer } from './support/staff-server.js';

let s: StaffServer;
beforeAll(async () => {
  s = await startStaffServer([
    ['wim', 'wijkcoach'],
    ['ria', 'wijkcoach'],
  ]);
}, 180_000);
afterAll(() => s?.close());

const stores = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('vraagwijzer-coach')));
const kept = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('vw-coach')));

async function makePlan(page: Page, label: string) {
  await tabTo(page, 'Huishouden (initialen of dossiernummer)');
  await page.keyboard.type(label);
  await tabTo(page, 'Hulpvraag');
  await page.keyboard.type('Hulp bij de administratie.');
  await tabTo(page, 'Plan maken');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Plan: ${label}` }).waitFor();
}

describe('kitchen table on a shared tablet', () => {
  it("keeps the device's store per coach and wipes it on sign-out, asking first while answers wait", async () => {
    const { context, page } = await s.signIn('wim', '/coach');
    await makePlan(page, 'Fam. W.');
    await page.getByText('Alles is bewaard op de server.').waitFor();
    expect(await stores(page)).toEqual(['vraagwijzer-coach:wim']);

    // Offline, a new plan waits on the device: signing out asks, and "Annuleren" keeps it.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Ander plan' }).focus();
    await page.keyboard.press('Enter');
    await makePlan(page, 'Fam. X.');
    await page.getByText(/wacht op verbinding|wachten op verbinding/).waitFor();
    const asked: string[] = [];
    page.once('dialog', (d) => (asked.push(d.message()), void d.dismiss()));
    await tabTo(page, 'Uitloggen', 80);
    await page.keyboard.press('Enter');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('Er wacht nog 1 antwoord op verbinding');
    expect(page.url()).toContain('/coach');
    expect(await stores(page)).toEqual(['vraagwijzer-coach:wim']);
    await axe(page, 'coach offline, sign-out refused');

    await context.setOffline(false);
    await page.getByText('Alles is bewaard op de server.').waitFor();
    expect(await s.sdb().selectFrom('coach_plans').select('label').orderBy('label').execute()).toEqual([
      { label: 'Fam. W.' },
      { label: 'Fam. X.' },
    ]);
    page.on('dialog', () => {
      throw new Error('nothing waits: signing out must not ask');
    });
    await tabTo(page, 'Uitloggen', 80);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/login/);
    expect(await stores(page)).toEqual([]);
    expect(await kept(page)).toEqual([]);

    // Ria on the same tablet: her own, empty store; nothing of Wim's households on the device.
    await page.goto(`${s.url}/coach`);
    await page.waitForURL(/\/staff\/login/);
    await page.getByLabel('Naam').fill('ria');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${s.url}/coach`);
    await page.getByLabel('Hulpvraag').waitFor();
    await expect.poll(() => stores(page)).toEqual(['vraagwijzer-coach:ria']);
    expect(await page.locator('vw-coach-app').getByText('Fam. W.').count()).toBe(0);
    await context.close();
  }, 120_000);

  it("shows each domain's walked advice in the plan and its print, and continues that session instead of a second one", async () => {
    const { context, page } = await s.signIn('wim', '/coach');
    await makePlan(page, 'Fam. V.');
    await tabTo(page, 'Zelf verplaatsen en vervoer');
    await page.keyboard.press('Space');
    await tabTo(page, 'Toevoegen aan plan');
    await page.keyboard.press('Enter');
    const form = page.locator('form[data-domain="vervoer"]');
    await form.waitFor();
    await page.getByText('Alles is bewaard op de server.').waitFor();
    await tabTo(page, 'Advies uit de beslisboom', 80);
    await page.keyboard.press('Enter');
    const session = page.locator('vw-staff-session');
    await session.getByRole('heading', { name: 'Hoe oud ben je?' }).waitFor();
    await tabTo(page, 'Hoe oud ben je?');
    await page.keyboard.type('80');
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await session.getByText('We stellen nu vragen per onderwerp.', { exact: true }).waitFor();
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Ja');
    await page.keyboard.press('ArrowDown'); // "Nee"
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await session.getByText('Het advies is compleet.').waitFor();
    await tabTo(page, 'Klaar met advies', 120);
    await page.keyboard.press('Enter');
    const walked = form.locator('.walked');
    await walked.getByRole('heading', { name: 'Advies uit de beslisboom' }).waitFor();
    expect(await walked.locator('li').allTextContents()).toEqual(['Buurthuis (vervoer)', 'Huisbezoek']);
    await axe(page, 'coach plan with walked advice');
    await page.emulateMedia({ media: 'print' });
    expect(await walked.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    const sessions = () => s.db.kysely.selectFrom('sessions').select('id').execute();
    const before = await sessions();
    await tabTo(page, 'Advies uit de beslisboom', 80);
    await page.keyboard.press('Enter');
    await session.getByRole('heading', { name: 'Verloop (4)' }).waitFor();
    await session.getByText('Het advies is compleet.').waitFor();
    expect(await sessions()).toEqual(before);
    await context.close();
  }, 120_000);
});

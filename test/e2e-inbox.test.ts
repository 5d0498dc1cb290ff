// The concern inbox in Chromium, keyboard only: oldest first with how long each report waited,
// internal notes, forwarding to another organisation (the reporter's status names it), and a
// confirmation before closing. The page's clock is set to the server's, which runs three days on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeElement, tabTo } from './support/browser.js';
import { axe, startStaffServer, type StaffServer } from './support/staff-server.js';

let s: StaffServer;
beforeAll(async () => {
  s = await startStaffServer([['bas', 'behandelaar']]);
}, 180_000);
afterAll(() => s?.close());

const DAY = 24 * 3600_000;

async function report(urgency: string, noticed: string, key: string) {
  const res = await fetch(`${s.url}/api/concerns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ gemeente: 'demo', about: 'oudere', noticed, urgency, idempotencyKey: key }),
  });
  return (await res.json()) as { reference: string; statusToken: string };
}

describe('concern inbox in Chromium, keyboard only', () => {
  it('sorts by age, keeps internal notes, forwards to another organisation and asks before closing', async () => {
    const old = await report('niet-dringend', 'De tuin van de buren is erg verwaarloosd.', 'inbox-e2e-old-0001');
    s.skip(3 * DAY);
    const urgent = await report('dringend', 'Mijn buurvrouw valt vaak en is alleen.', 'inbox-e2e-new-0001');
    const { context, page } = await s.signIn('bas', '/staff/concerns', (p) => p.clock.install({ time: new Date(Date.now() + 3 * DAY) }));
    const inbox = page.locator('vw-staff-inbox');
    const references = () => inbox.locator('tbody tr td:first-child').allTextContents();
    await expect.poll(references).toEqual([urgent.reference, old.reference]); // most urgent first

    await tabTo(page, 'Volgorde');
    await page.keyboard.press('ArrowDown'); // "Oudste eerst"
    expect(await inbox.getByLabel('Volgorde').inputValue()).toBe('oldest');
    await tabTo(page, 'Filteren');
    await page.keyboard.press('Enter');
    await expect.poll(references).toEqual([old.reference, urgent.reference]);
    const waited = await inbox.locator('tbody tr td:last-child').allTextContents();
    expect(waited).toEqual(['3 dagen', 'minder dan een uur']);

    await tabTo(page, urgent.reference);
    await page.keyboard.press('Enter');
    await inbox.getByRole('heading', { name: `Melding ${urgent.reference}` }).waitFor();
    await tabTo(page, 'Nieuwe aantekening');
    await page.keyboard.type('Huisarts gebeld: komt morgen langs.');
    await tabTo(page, 'Aantekening opslaan');
    await page.keyboard.press('Enter');
    await inbox.getByText('Interne aantekening opgeslagen.').waitFor();
    await inbox.getByText('Huisarts gebeld: komt morgen langs.').waitFor();
    await tabTo(page, 'Oppakken');
    await page.keyboard.press('Enter');
    await inbox.getByText('U heeft deze melding opgepakt.').waitFor();

    await tabTo(page, 'Doorsturen naar');
    await page.keyboard.press('ArrowDown'); // the first organisation: the buurthuis
    await tabTo(page, 'Doorsturen');
    await page.keyboard.press('Enter');
    await inbox.getByText('Doorgestuurd naar Stichting Buurthuis.', { exact: false }).waitFor();
    const status = (await (await fetch(`${s.url}/api/concerns/status/${encodeURIComponent(urgent.statusToken)}`)).json()) as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({ status: 'opgepakt', pickedUpBy: 'Stichting Buurthuis' });
    expect(JSON.stringify(status)).not.toContain('Huisarts');
    await axe(page, 'inbox with notes, forwarded');

    // Closing asks first; "Nog niet" changes nothing.
    await tabTo(page, 'Terugkoppeling voor de melder');
    await page.keyboard.type('De buurvrouw krijgt nu hulp van het buurthuis. Dank voor uw melding.');
    await tabTo(page, 'Afronden');
    await page.keyboard.press('Enter');
    await inbox.getByRole('heading', { name: 'Melding afronden?' }).waitFor();
    expect((await activeElement(page)).text).toBe('Melding afronden?');
    await axe(page, 'inbox, confirm closing');
    await tabTo(page, 'Nog niet');
    await page.keyboard.press('Enter');
    await inbox.getByRole('heading', { name: 'Melding afronden?' }).waitFor({ state: 'detached' });
    const row = () => s.sdb().selectFrom('concerns').select('status').where('reference', '=', urgent.reference).executeTakeFirstOrThrow();
    expect((await row()).status).toBe('opgepakt');
    await tabTo(page, 'Afronden');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Ja, afronden');
    await page.keyboard.press('Enter');
    await inbox.getByText('Afgerond. De melder ziet uw terugkoppeling').waitFor();
    expect((await row()).status).toBe('afgerond');
    await context.close();
  }, 120_000);
});

// The staff idle logout in Chromium, keyboard only (WCAG 2.2.1): a warning before the session ends
// that one key press answers, and after it has ended a sign-in on top of the page that keeps what
// was typed, in Dutch. The page's timers run on Playwright's clock and the server's clock is moved
// on with them, so nobody waits 30 minutes and no assertion depends on timing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeElement, tabTo } from './support/browser.js';
import { axe, PASSWORD, startStaffServer, type StaffServer } from './support/staff-server.js';

let s: StaffServer;
beforeAll(async () => {
  s = await startStaffServer([['mila', 'medewerker']]);
}, 180_000);
afterAll(() => s?.close());

const MIN = 60_000;
/** Time passes for the page and for the server alike. */
async function wait(page: Page, ms: number) {
  s.skip(ms);
  await page.clock.fastForward(ms);
}

describe('staff idle logout in Chromium, keyboard only', () => {
  it('warns before the session ends, extends on one key press, and after the end signs in again keeping the typed note', async () => {
    const { context, page } = await s.signIn('mila', '/staff', (p) => p.clock.install());
    await tabTo(page, 'Start gesprek');
    await page.keyboard.press('Enter');
    const session = page.locator('vw-staff-session');
    await session.getByRole('heading', { name: 'Verloop (0)' }).waitFor();
    await tabTo(page, 'Aantekening');
    const note = 'Beller belt vanaf het werk, liever na vijf uur terugbellen.';
    await page.keyboard.type(note);

    // 28½ minutes later: the warning, with focus on the one button it needs.
    await wait(page, 28.5 * MIN);
    const warning = page.getByRole('alertdialog', { name: 'U wordt bijna uitgelogd' });
    await warning.waitFor();
    expect((await activeElement(page)).text).toBe('Ingelogd blijven');
    await axe(page, 'idle warning');
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'detached' });
    expect((await activeElement(page)).label).toBe('Aantekening'); // focus back where the medewerker was
    // The server restarted its idle clock: 28½ minutes on, the session is still there.
    await wait(page, 28.5 * MIN);
    await warning.waitFor();
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'detached' });

    // Gone for lunch: the warning goes unanswered and the session ends.
    await wait(page, 28.5 * MIN);
    await warning.waitFor();
    await wait(page, 3 * MIN);
    const out = page.getByRole('dialog', { name: 'U bent uitgelogd' });
    await out.waitFor();
    expect(await s.kit.audit.recent().then((rows) => rows.map((r) => r.action))).toContain('logout.idle');
    await axe(page, 'signed out after idle');
    expect(await out.getByLabel('Naam').inputValue()).toBe('mila');
    await tabTo(page, 'Wachtwoord');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await out.waitFor({ state: 'detached' });
    expect(await session.getByLabel('Aantekening', { exact: true }).inputValue()).toBe(note);
    await tabTo(page, 'Aantekening opslaan');
    await page.keyboard.press('Enter');
    await session.getByText(`Aantekening (Mila): ${note}`).waitFor();
    await context.close();
  }, 120_000);

  it('a save after the session ended unnoticed (a sleeping laptop) asks to sign in, in Dutch, and then saves', async () => {
    const { context, page } = await s.signIn('mila', '/staff', (p) => p.clock.install());
    await tabTo(page, 'Start gesprek');
    await page.keyboard.press('Enter');
    const session = page.locator('vw-staff-session');
    await session.getByRole('heading', { name: 'Verloop (0)' }).waitFor();
    await tabTo(page, 'Aantekening');
    await page.keyboard.type('Terugbellen over de huur.');
    s.skip(40 * MIN); // only the server's time: the page's timers slept
    await tabTo(page, 'Aantekening opslaan');
    await page.keyboard.press('Enter');
    const out = page.getByRole('dialog', { name: 'U bent uitgelogd' });
    await out.waitFor();
    const alert = await session.getByRole('alert').textContent();
    expect(alert).toContain('U bent uitgelogd');
    expect(alert).not.toMatch(/Sign in|session may have ended/);
    await tabTo(page, 'Wachtwoord');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await out.waitFor({ state: 'detached' });
    await tabTo(page, 'Aantekening opslaan');
    await page.keyboard.press('Enter');
    await session.getByText('Aantekening (Mila): Terugbellen over de huur.').waitFor();
    // Notes default to the step the call is at: here the first question (the first tree's), not yet answered.
    const notes = await s.sdb().selectFrom('staff_notes').select(['node', 'text']).where('text', 'like', 'Terugbellen%').execute();
    expect(notes).toEqual([{ node: 'domeinen', text: 'Terugbellen over de huur.' }]);
    await context.close();
  }, 120_000);
});

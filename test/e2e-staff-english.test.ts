// The staff UI in English, in Chromium (issue 19: "the staff UI itself has English too"): the
// member switches with the keyboard, <html lang> follows, the choice survives a reload, dates use
// the English format, server problems arrive in English, and no Dutch UI text is left on the
// sign-in page, the console, a session, the idle dialogs, the concern inbox or the meldingen inbox.
// Resident-facing parts keep the caller's language and are marked with it (lang="nl"): they are
// left out of the check until the caller's language is switched to English too.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../widget/staff/staff-messages-en.js';
import { nl } from '../widget/staff/staff-messages-nl.js';
import { activeElement, tabTo } from './support/browser.js';
import { axe, PASSWORD, startStaffServer, type StaffServer } from './support/staff-server.js';

let s: StaffServer;
beforeAll(async () => {
  s = await startStaffServer([
    ['mila', 'medewerker'],
    ['bas', 'behandelaar'],
  ]);
}, 180_000);
afterAll(() => s?.close());

const MIN = 60_000;

/** Every text of the Dutch table (or a fixed part of it around a {placeholder}) that English words differently. */
const DUTCH_FRAGMENTS = (() => {
  const english = new Set(Object.values(en).flatMap((t) => t.split(/\{\w+\}/).map((f) => f.trim())));
  // The switch names each language in itself ("English" on the Dutch page): not Dutch UI text.
  const all = Object.entries(nl)
    .filter(([k]) => k !== 'switchTo')
    .flatMap(([, t]) => t.split(/\{\w+\}/).map((f) => f.trim()));
  return new Set(all.filter((f) => /\p{L}{2}/u.test(f) && !english.has(f)));
})();
/** Whole Dutch messages with their placeholders filled by anything. */
const DUTCH_MESSAGES = Object.entries(nl)
  .filter(([k, t]) => t !== en[k as keyof typeof en] && /\{\w+\}/.test(t))
  .map(
    ([, t]) =>
      new RegExp(
        `^${t
          .split(/\{\w+\}/)
          .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+')}$`,
        's',
      ),
  );
/** Words that English UI text does not use, for Dutch that never made it into the table at all. */
const DUTCH_WORDS =
  /(?:^|[^\p{L}])(de|het|een|uw|niet|naar|voor|met|bij|wordt|geen|nog|deze|heeft|kunt|gesprek|melding|vraag|antwoord)(?=$|[^\p{L}])/iu;

/**
 * The UI text of the page through the shadow roots: rendered text nodes, option labels and
 * aria-labels, leaving out the parts marked with a language other than the page's.
 */
function uiTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const out: string[] = [];
    const walk = (n: Node) => {
      if (n instanceof Element) {
        if (n.hasAttribute('lang') && n.getAttribute('lang') !== lang) return;
        if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(n.tagName)) return;
        if (n.tagName !== 'OPTION' && !n.checkVisibility()) return;
        const label = n.getAttribute('aria-label');
        if (label) out.push(label);
        if (n.shadowRoot) walk(n.shadowRoot);
      }
      if (n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) out.push(n.textContent!.replace(/\s+/g, ' ').trim());
      n.childNodes.forEach(walk);
    };
    walk(document.body);
    out.push(document.title);
    return out;
  });
}

/** The Dutch UI texts left on an English page (an empty list is a pass). */
async function dutchLeft(page: Page): Promise<string[]> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  return (await uiTexts(page)).filter((t) => DUTCH_FRAGMENTS.has(t) || DUTCH_MESSAGES.some((r) => r.test(t)) || DUTCH_WORDS.test(t));
}

async function signInInEnglish(page: Page, name: string) {
  await tabTo(page, 'Name');
  await page.keyboard.type(name);
  await tabTo(page, 'Password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
}

describe('staff UI in English, in Chromium', () => {
  it('switches by keyboard on the sign-in page and keeps English through the console, a session, a reload and the idle dialogs', async () => {
    const context = await s.browser.newContext({ viewport: { width: 1200, height: 1000 } });
    const page = await context.newPage();
    await page.clock.install();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${s.url}/staff/login`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');

    // The switch names the other language in itself and is reached with Tab.
    const toggle = await tabTo(page, 'English');
    expect(toggle.tag).toBe('button');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await dutchLeft(page)).toEqual([]);
    expect(await page.title()).toBe('Vraagwijzer – staff');
    await axe(page, 'sign-in in English');

    await signInInEnglish(page, 'mila');
    await page.waitForURL(`${s.url}/staff`);
    const console_ = page.locator('vw-staff-console');
    await page.getByRole('heading', { name: 'Phone and service desk console' }).waitFor();
    await console_.getByRole('heading', { name: 'New conversation' }).waitFor();
    await console_.getByRole('heading', { name: /^Your conversations today \(/ }).waitFor();
    expect(await dutchLeft(page)).toEqual([]);
    await axe(page, 'console start in English');

    // A server problem, by its code, in English – not the server's developer text.
    await tabTo(page, 'Code');
    await page.keyboard.type('2345-6789');
    await tabTo(page, 'The resident gives consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'Open conversation');
    await page.keyboard.press('Enter');
    const alert = console_.getByRole('alert');
    await alert.waitFor();
    expect([en['problem_resume-code-unknown'], en['problem_session-not-found'], en['problem_invalid-code']]).toContain(
      (await alert.textContent())!.trim(),
    );
    expect(await dutchLeft(page)).toEqual([]);

    // A new conversation: the staff frame in English, the caller's part in Dutch and marked so.
    await tabTo(page, 'Topic');
    const topic = console_.getByLabel('Topic');
    for (const key of ['ArrowUp', 'ArrowDown'] as const)
      for (let i = 0; i < 10 && (await topic.inputValue()) !== 'demo/start'; i++) await page.keyboard.press(key);
    expect(await topic.inputValue()).toBe('demo/start');
    await tabTo(page, 'Start conversation');
    await page.keyboard.press('Enter');
    const session = page.locator('vw-staff-session');
    await session
      .getByRole('heading', { name: 'Wat wil je doen?' })
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        console.error(await session.innerText().catch(() => ''), await page.locator('vw-staff-console').innerText());
        throw e;
      });
    expect(await session.locator('vw-step').getAttribute('lang')).toBe('nl');
    await tabTo(page, 'Ik zoek een oplossing');
    await page.keyboard.press('ArrowDown'); // → "Ik wil helpen"
    await tabTo(page, 'Volgende'); // the caller's screen, as the resident would see it
    await page.keyboard.press('Enter');
    await session.getByText('The advice is complete.').waitFor();
    await session.getByRole('heading', { name: 'History (1)' }).waitFor();
    await session.getByText(/conversation started by phone \(14 023\), by Mila, /).waitFor(); // the consent record, in words
    // Dates as an English reader writes them (day/month/year), not the Dutch 04-12-2026.
    expect((await session.locator('tbody tr td').nth(4).textContent())!.trim()).toMatch(/^\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}$/);
    // An error of the console's own: in English, with focus on the field.
    await tabTo(page, 'See the summary');
    await page.keyboard.press('Enter');
    await session.getByText(en.handoverServiceMissing).waitFor();
    expect((await activeElement(page)).label).toBe(en.handoverService);
    await page.keyboard.press('ArrowDown'); // the first organisation on the kaart
    await tabTo(page, 'See the summary');
    await page.keyboard.press('Enter');
    await session.getByRole('heading', { name: /^Check the handover to / }).waitFor();
    expect(await session.locator('pre.summary').getAttribute('lang')).toBe('nl'); // goes to the organisation as written
    expect(await dutchLeft(page)).toEqual([]);
    await axe(page, 'session in English, caller in Dutch');
    await page.screenshot({ path: 'test-artifacts/staff-console-english.png', fullPage: true });

    // The caller's texts switched to English too: now nothing Dutch is left at all.
    await tabTo(page, 'English');
    await page.keyboard.press('Enter');
    await session.getByText('I want to help').first().waitFor();
    expect(await session.locator('vw-advice-plan').getAttribute('lang')).toBe('en');
    const everything = await uiTexts(page);
    expect(everything.filter((t) => DUTCH_FRAGMENTS.has(t) || DUTCH_WORDS.test(t))).toEqual([]);

    // The printed plan is the caller's: in the caller's language, here English as well.
    await tabTo(page, 'Print the plan for the caller');
    await page.keyboard.press('Enter');
    const printed = session.getByRole('region', { name: 'Printout for the caller' });
    await session.locator('section.print-only').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    const text = (await printed.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/^Your plan – /);
    expect(text).toMatch(/Date: \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain('Helped by: ');
    expect(text).toMatch(/You can continue with the code [2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4} \(valid until /);
    expect(text).not.toMatch(DUTCH_WORDS);
    await page.emulateMedia({ media: 'screen' });

    // A reload: still English (the open conversation is kept by the tab, the language by the member).
    await page.reload();
    await page.getByRole('heading', { name: 'Phone and service desk console' }).waitFor();
    await session.getByRole('heading', { name: /^History/ }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('vw-staff-lang:mila'))).toBeNull(); // chosen before sign-in: the device's
    expect(await dutchLeft(page)).toEqual([]);

    // The idle warning and the sign-in on top of the page, in English.
    s.skip(28.5 * MIN);
    await page.clock.fastForward(28.5 * MIN);
    const warning = page.getByRole('alertdialog', { name: 'You will be signed out soon' });
    await warning.waitFor();
    expect((await activeElement(page)).text).toBe('Stay signed in');
    expect(await dutchLeft(page)).toEqual([]);
    await axe(page, 'idle warning in English');
    s.skip(2 * MIN);
    await page.clock.fastForward(2 * MIN);
    await page.getByRole('dialog', { name: 'You have been signed out' }).waitFor();
    expect(await dutchLeft(page)).toEqual([]);
    await axe(page, 'signed out in English');

    // Back to Dutch with the same switch, by keyboard: <html lang> follows at once.
    await page.keyboard.press('Tab'); // into the dialog's sign-in form
    await tabTo(page, 'Password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.locator('vw-staff-app header button[lang]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Console telefoon en loket' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await page.evaluate(() => localStorage.getItem('vw-staff-lang:mila'))).toBe('nl');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('keeps a member’s English in the concern inbox and the meldingen inbox, with nothing Dutch left', async () => {
    const res = await fetch(`${s.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        gemeente: 'demo',
        about: 'oudere',
        noticed: 'Mijn buurvrouw valt vaak.',
        urgency: 'dringend',
        idempotencyKey: 'staff-english-0001',
      }),
    });
    const { reference } = (await res.json()) as { reference: string };
    const { context, page } = await s.signIn('bas', '/staff/concerns');
    const inbox = page.locator('vw-staff-inbox');
    await inbox.getByRole('heading', { name: 'Meldingen' }).waitFor();
    await tabTo(page, 'English');
    await page.keyboard.press('Enter');
    await inbox.getByRole('heading', { name: 'Reports' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('vw-staff-lang:bas'))).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'Concern reports' }).waitFor();
    await inbox.getByText(reference).waitFor();
    expect(await dutchLeft(page)).toEqual([]);
    await axe(page, 'concern inbox in English');

    await tabTo(page, reference);
    await page.keyboard.press('Enter');
    await inbox.getByRole('heading', { name: `Report ${reference}` }).waitFor();
    await tabTo(page, 'Pick up');
    await page.keyboard.press('Enter');
    await inbox.getByText(en.claimed).waitFor();
    await tabTo(page, 'Close', 60);
    await page.keyboard.press('Enter');
    await inbox.getByText(en.feedbackMissing).waitFor();
    // The reporter's own words are content, not UI: the check leaves out that one field.
    const words = await inbox.locator('dd', { hasText: 'Mijn buurvrouw' }).count();
    expect(words).toBe(1);
    expect((await dutchLeft(page)).filter((t) => t !== 'Mijn buurvrouw valt vaak.')).toEqual([]);
    await axe(page, 'concern report in English');

    await page.goto(`${s.url}/staff/meldingen`);
    await page.getByRole('heading', { name: 'Wmo requests (0)' }).waitFor();
    expect(await dutchLeft(page)).toEqual([]);
    await axe(page, 'meldingen inbox in English');
    await context.close();
  }, 120_000);
});

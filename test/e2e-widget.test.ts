// The resident widget in real Chromium against the real server (in-process, SQLite in memory; the
// contract fake only if the real one cannot start). Each door is walked with the keyboard alone;
// axe checks every question type, the advice, the concern form; screenshots go to test-artifacts/.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../scripts/build-widget.js';
import { startServer, type RunningServer } from './e2e-server.js';
import { activeElement, axeViolations, launchChromium, tabTo } from './support/browser.js';

const ARTIFACTS = 'test-artifacts';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await buildWidget();
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const active = activeElement;

async function heading(page: Page, text: string) {
  await page.getByRole('heading', { name: text, exact: true }).waitFor({ timeout: 10_000 });
  // The step's heading has focus: the resident (and the screen reader) starts reading there.
  await expect.poll(async () => (await active(page)).text, { timeout: 5_000 }).toBe(text);
}

async function axe(page: Page, what: string) {
  expect(await axeViolations(page, what)).toEqual([]);
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/widget-${name}.png`, fullPage: true });

async function open(tree: string, query = '', viewport = { width: 900, height: 1000 }) {
  const page = await (await browser.newContext({ viewport, locale: 'nl-NL' })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/${query ? `${query}&` : '?'}tree=${tree}`);
  return { page, errors };
}

/** Choose a radio option by keyboard: Tab into the group, arrows to the option (arrows also select). */
async function radio(page: Page, label: string) {
  let a = await active(page);
  for (let i = 0; i < 40 && a.type !== 'radio'; i++) {
    await page.keyboard.press('Tab');
    a = await active(page);
  }
  for (let i = 0; i < 10 && !a.label.startsWith(label); i++) {
    await page.keyboard.press('ArrowDown');
    a = await active(page);
  }
  expect(a.label.startsWith(label), `option "${label}"`).toBe(true);
  if (!a.checked) await page.keyboard.press('Space');
}

async function nextStep(page: Page, expectHeading: string) {
  await tabTo(page, 'Volgende');
  await page.keyboard.press('Enter');
  await heading(page, expectHeading);
}

describe(`<vraag-wijzer> in Chromium`, () => {
  it('runs against the real server, not the contract fake', () => {
    expect(server.kind).toBe('real');
  });

  it('door "Ik wil helpen": keyboard only to the advice', async () => {
    const { page, errors } = await open('demo/start');
    await page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await shot(page, 'single');
    await axe(page, 'single choice question');
    await radio(page, 'Ik wil helpen');
    await nextStep(page, 'Jouw advies');
    await expect.poll(() => page.getByRole('heading', { level: 4, name: 'Help in de buurt' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('door "Ik zoek een oplossing": keyboard only through multi, number, info, yes/no to the advice', async () => {
    const { page, errors } = await open('demo/start');
    await page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await radio(page, 'Ik zoek een oplossing');
    await nextStep(page, 'Waar wil je hulp bij?');
    await shot(page, 'multi');
    await axe(page, 'multi choice question');
    await tabTo(page, 'Vervoer');
    await page.keyboard.press('Space');
    await tabTo(page, 'Huishouden');
    await page.keyboard.press('Space');
    await nextStep(page, 'Hoe oud ben je?');
    // A wrong number first: the error is shown, tied to the field, and axe still finds nothing.
    await tabTo(page, 'Hoe oud ben je?');
    await page.keyboard.type('200');
    await page.keyboard.press('Enter');
    await page.getByText('Vul een getal in van 0 tot en met 120.').waitFor();
    await shot(page, 'number-error');
    await axe(page, 'number question with an error');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('82');
    await page.keyboard.press('Enter');
    await heading(page, 'Goed om te weten');
    await shot(page, 'info');
    await axe(page, 'info screen');
    await nextStep(page, 'Kan iemand uit je omgeving helpen?');
    await shot(page, 'yesno');
    await axe(page, 'yes/no question');
    await radio(page, 'Ja');
    await nextStep(page, 'Kan iemand uit je omgeving helpen?'); // huishouden asks the same
    await radio(page, 'Nee');
    await nextStep(page, 'Jouw advies');
    const titles = await page
      .locator('vraag-wijzer')
      .evaluate((el) =>
        [...el.shadowRoot!.querySelector('vw-advice-plan')!.shadowRoot!.querySelectorAll('article h4')].map((h) => h.textContent),
      );
    expect(titles).toEqual(['Vraag je omgeving (vervoer)', 'Buurthuis (huishouden)', 'Huisbezoek']);
    // The first screen is one line per item: open the first, then its reasons, by keyboard.
    await tabTo(page, 'Lees meer over: Vraag je omgeving (vervoer)');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Waarom krijg ik dit advies?');
    await page.keyboard.press('Enter');
    await shot(page, 'advice');
    await axe(page, 'advice plan with an open "why"');
    // The overview: change an earlier answer with the keyboard.
    await tabTo(page, 'Wijzig – Hoe oud ben je?');
    await page.keyboard.press('Enter');
    await heading(page, 'Hoe oud ben je?');
    // One change, one request: the later answers still fit, so the advice comes straight back – without the home visit.
    await tabTo(page, 'Hoe oud');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('40');
    await page.keyboard.press('Enter');
    await heading(page, 'Jouw advies');
    const after = await page
      .locator('vraag-wijzer')
      .evaluate((el) =>
        [...el.shadowRoot!.querySelector('vw-advice-plan')!.shadowRoot!.querySelectorAll('article h4')].map((h) => h.textContent),
      );
    expect(after).toEqual(['Vraag je omgeving (vervoer)', 'Buurthuis (huishouden)']);
    await page.emulateMedia({ media: 'print' });
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('door "Ik maak me zorgen": date, text, concern report form and status – keyboard only', async () => {
    const { page, errors } = await open('demo/proef');
    await page.getByRole('heading', { name: 'Is er nu direct gevaar?' }).waitFor();
    await radio(page, 'Nee');
    await nextStep(page, 'Over wie maak je je zorgen?');
    await radio(page, 'Een buurman');
    await nextStep(page, 'Sinds wanneer maak je je zorgen?');
    await shot(page, 'date');
    await axe(page, 'date question');
    await tabTo(page, 'Sinds wanneer');
    // Debian's headless Chromium orders the date fields mm-dd-yyyy whatever the locale (checked).
    await page.keyboard.type('03152026');
    await page.keyboard.press('Enter');
    await heading(page, 'Wat zie je?');
    await tabTo(page, 'De persoon is veel alleen');
    await page.keyboard.press('Space');
    await nextStep(page, 'Hoeveel uur per week help je nu?');
    await tabTo(page, 'Hoeveel uur');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await heading(page, 'Goed om te weten');
    await nextStep(page, 'Wil je nog iets vertellen?');
    await tabTo(page, 'Wil je nog iets vertellen?');
    await page.keyboard.type('Ze doet de deur niet meer open.');
    await shot(page, 'text');
    await axe(page, 'text question');
    await nextStep(page, 'Jouw advies'); // Enter in a textarea is a new line, so Tab to "Volgende"

    expect(
      await page.locator('vraag-wijzer').evaluate((el) => el.shadowRoot!.querySelector('vw-answers')!.shadowRoot!.textContent),
    ).toContain('15 maart 2026');
    await shot(page, 'advice-concern');
    await axe(page, 'advice with service cards and a concern action');
    await tabTo(page, 'Zorg melden');
    await page.keyboard.press('Enter');
    await heading(page, 'Je zorg melden');
    await tabTo(page, 'Verstuur melding');
    await page.keyboard.press('Enter'); // what the answers did not fill in: every field explains itself
    await page.getByRole('heading', { name: 'Er is een probleem' }).waitFor();
    await shot(page, 'concern-errors');
    await axe(page, 'concern form with errors');
    // Focus went to the error summary (GOV.UK); its first link leads to the "about" radio group.
    expect((await active(page)).text).toContain('Er is een probleem');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await active(page)).label).toBe('Een kind of jongere (tot 23 jaar)');
    await page.keyboard.press('ArrowDown');
    expect(await active(page)).toMatchObject({ label: 'Een oudere die alleen woont', checked: true });
    await tabTo(page, 'Wat heb je gezien of gehoord?');
    await page.keyboard.type('Ik zie haar niet meer buiten.');
    await tabTo(page, 'Het is niet dringend');
    await page.keyboard.press('Space');
    await tabTo(page, 'Ja, ze mogen me bellen');
    await page.keyboard.press('ArrowDown'); // "Nee, ik meld anoniem"
    await shot(page, 'concern');
    await axe(page, 'concern form');
    await tabTo(page, 'Verstuur melding');
    await page.keyboard.press('Enter');
    await heading(page, 'Je melding is ontvangen');
    await page.getByText(/Ontvangen\. Nog niet opgepakt\./).waitFor();
    await shot(page, 'concern-receipt');
    await axe(page, 'concern receipt');
    const href = await page.getByRole('link', { name: 'Bekijk later hoe het met je melding gaat' }).getAttribute('href');
    expect(href).toMatch(/\/demo\/status#t=/);
    const status = await (await browser.newContext()).newPage();
    await status.goto(href!);
    await status.getByText(/Ontvangen\. Nog niet opgepakt\./).waitFor();
    await axe(status, 'status page');
    await status.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('save and continue later: the code, large; resumed in another browser context', async () => {
    const { page } = await open('demo/start');
    await page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await radio(page, 'Ik zoek een oplossing');
    await nextStep(page, 'Waar wil je hulp bij?');
    await tabTo(page, 'Bewaar en ga later verder');
    await page.keyboard.press('Enter');
    await heading(page, 'Later verder gaan');
    await shot(page, 'resume-code');
    await axe(page, 'resume code');
    const code = await page
      .locator('vraag-wijzer')
      .evaluate((el) => el.shadowRoot!.querySelector('vw-resume-code')!.shadowRoot!.querySelector('.code')!.textContent!);
    const other = await browser.newContext();
    const p2 = await other.newPage();
    await p2.goto(`${server.url}/?tree=demo/start`);
    await p2.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await tabTo(p2, 'Verder met een code');
    await p2.keyboard.press('Enter');
    await heading(p2, 'Verder met een code');
    await tabTo(p2, 'Jouw code');
    await p2.keyboard.type(code.toLowerCase());
    await p2.keyboard.press('Enter');
    await heading(p2, 'Waar wil je hulp bij?');
    await other.close();
    await page.close();
  });

  it('reflows at 320 px, works right-to-left and in English, and the Haarlem theme passes axe', async () => {
    const { page } = await open('demo/proef', '?lang=en', { width: 320, height: 800 });
    await page.getByRole('heading', { name: 'Is there danger right now?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shot(page, 'en-320px');
    await page.close();
    const rtl = await open('demo/start', '?dir=rtl');
    await rtl.page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    const side = await rtl.page.locator('vraag-wijzer').evaluate((el) => {
      const radio = el.shadowRoot!.querySelector('vw-step')!.shadowRoot!.querySelector('vw-question')!.shadowRoot!.querySelector('input')!;
      return radio.getBoundingClientRect().left > el.getBoundingClientRect().left + el.getBoundingClientRect().width / 2;
    });
    expect(side, 'radios sit on the right in RTL').toBe(true);
    await shot(rtl.page, 'rtl');
    await rtl.page.close();
    const haarlem = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    const external: string[] = [];
    haarlem.on('request', (r) => (new URL(r.url()).origin !== server.url ? external.push(r.url()) : undefined));
    await haarlem.goto(`${server.url}/demo/haarlem?tree=demo/start`);
    await haarlem.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await shot(haarlem, 'haarlem');
    await axe(haarlem, 'Haarlem-themed page');
    expect(external).toEqual([]);
    await haarlem.close();
  });
});

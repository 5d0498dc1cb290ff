// The resident's side of issue 19 in real Chromium against the real server: "Snel weg", the
// language kept across a reload and a resume, what a screen reader gets (read from Chromium's own
// accessibility tree), "Opnieuw beginnen" with a question first, "Mijn gegevens" and withdrawing a
// concern report. Keyboard only; axe on every new screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../scripts/build-widget.js';
import { startServer, type RunningServer } from './e2e-server.js';
import { activeElement, axeViolations, launchChromium, tabTo } from './support/browser.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await buildWidget();
  server = await startServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const NEUTRAL = 'https://www.google.nl/';

async function open(tree: string, query = '') {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 }, locale: 'nl-NL' });
  // The default neutral page, answered here: the sandbox has no outside network.
  await context.route(`${NEUTRAL}**`, (r) =>
    r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Google</title><p>neutraal</p>' }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/healthz`);
  await page.goto(`${server.url}/${query ? `${query}&` : '?'}tree=${tree}`);
  return { page, errors };
}

async function heading(page: Page, text: string) {
  await page.getByRole('heading', { name: text, exact: true }).waitFor({ timeout: 10_000 });
  await expect.poll(async () => (await activeElement(page)).text, { timeout: 5_000 }).toBe(text);
}

async function axe(page: Page, what: string) {
  expect(await axeViolations(page, what)).toEqual([]);
}

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

async function press(page: Page, name: string, expectHeading?: string) {
  await tabTo(page, name, 120);
  await page.keyboard.press('Enter');
  if (expectHeading) await heading(page, expectHeading);
}

/** Chromium's accessibility tree (what a screen reader is given), shadow roots included. */
async function axTree(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; description?: { value: string } }[];
  };
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored)
    .map((n) => ({ role: n.role?.value ?? '', name: n.name?.value ?? '', description: n.description?.value ?? '' }));
}

const liveRegion = (page: Page) =>
  page.locator('vraag-wijzer').evaluate((el) => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim());

const handleKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('vraagwijzer:')));

describe('resident widget in Chromium', () => {
  it('"Snel weg" is the first thing Tab reaches, replaces the page and its history entry, and forgets the session', async () => {
    const { page, errors } = await open('demo/start');
    await page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await axe(page, 'first question with the quick exit');
    // The page's own skip link comes first; then "Snel weg", before anything of the widget.
    await page.keyboard.press('Tab');
    if ((await activeElement(page)).tag === 'a') await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatchObject({ tag: 'button', text: 'Snel weg' });
    // Fixed: it stays on screen when the page scrolls.
    const box = await page.getByRole('button', { name: 'Snel weg' }).boundingBox();
    expect(box!.y).toBeLessThan(60);
    expect(await handleKeys(page)).toHaveLength(1);
    await page.keyboard.press('Enter');
    await page.waitForURL(NEUTRAL);
    // Back goes to the page before the widget, not to the widget.
    await page.goBack();
    expect(page.url()).toBe(`${server.url}/healthz`);
    expect(await handleKeys(page)).toEqual([]);
    // The status page has it too.
    await page.goto(`${server.url}/demo/status`);
    await page.getByRole('button', { name: 'Snel weg' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the language: a reload and a resume by code come back in English, buttons and questions alike', async () => {
    const { page } = await open('demo/start');
    await page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await press(page, 'English');
    await page.getByRole('heading', { name: 'What do you want to do?' }).waitFor();
    await radio(page, 'I look for a solution');
    await press(page, 'Next', 'What do you need help with?');
    await page.reload();
    await page.getByRole('heading', { name: 'What do you need help with?' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Next' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Leave this page' }).count()).toBe(1);
    await press(page, 'Save and continue later');
    const code = await page
      .locator('vraag-wijzer')
      .evaluate((el) => el.shadowRoot!.querySelector('vw-resume-code')!.shadowRoot!.querySelector('.code')!.textContent!);
    // Another browser, in Dutch: the resumed session speaks English.
    const other = await browser.newContext({ locale: 'nl-NL' });
    const p2 = await other.newPage();
    await p2.goto(`${server.url}/?tree=demo/start`);
    await p2.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await press(p2, 'Verder met een code', 'Verder met een code');
    await tabTo(p2, 'Jouw code');
    await p2.keyboard.type(code);
    await p2.keyboard.press('Enter');
    await heading(p2, 'What do you need help with?');
    expect(await p2.getByRole('button', { name: 'Next' }).count()).toBe(1);
    await other.close();
    await page.context().close();
  });

  it('screen readers: one main landmark, plain-text announcements with the progress, hints read once, the wrong code field focused', async () => {
    const { page } = await open('demo/proef');
    await page.getByRole('heading', { name: 'Is er nu direct gevaar?' }).waitFor();
    const tree = await axTree(page);
    expect(tree.filter((n) => n.role === 'main')).toHaveLength(1); // the page's own
    expect(tree.filter((n) => n.role === 'region' && n.name === 'Vraagwijzer')).toHaveLength(1);
    await radio(page, 'Nee');
    await press(page, 'Volgende', 'Over wie maak je je zorgen?');
    expect(await liveRegion(page)).toMatch(/^Stap 2 van ongeveer \d+\. Nieuwe vraag: Over wie maak je je zorgen\?$/);
    // The option's hint is its description only, not part of its name too.
    const buur = (await axTree(page)).find((n) => n.role === 'radio' && n.name.startsWith('Een buurman'))!;
    expect(buur).toMatchObject({ name: 'Een buurman of buurvrouw', description: 'Iemand die dichtbij woont.' });
    await radio(page, 'Een buurman');
    await press(page, 'Volgende', 'Sinds wanneer maak je je zorgen?');
    await tabTo(page, 'Sinds wanneer');
    await page.keyboard.type('03152026');
    await page.keyboard.press('Enter');
    await heading(page, 'Wat zie je?');
    await tabTo(page, 'De persoon is veel alleen');
    await page.keyboard.press('Space');
    await press(page, 'Volgende', 'Hoeveel uur per week help je nu?');
    await tabTo(page, 'Hoeveel uur');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await heading(page, 'Goed om te weten');
    const info = await liveRegion(page);
    expect(info).toMatch(/^Stap 6 van ongeveer \d+\. Goed om te weten: Goed dat je dit meldt\. Wat gebeurt er nu\? Je krijgt een advies\./);
    expect(info).not.toMatch(/\*\*|Nieuwe vraag|\]\(|^- /m);
    // A wrong resume code: focus lands in the field in error, which says why.
    await press(page, 'Verder met een code', 'Verder met een code');
    expect(await page.getByText('Bijvoorbeeld K7MW 4QPX').count()).toBe(1);
    await tabTo(page, 'Jouw code');
    await page.keyboard.type('ABCD-EFGH');
    await page.keyboard.press('Enter');
    await page.getByText('Deze code kennen we niet').waitFor();
    await expect.poll(async () => (await activeElement(page)).label).toBe('Jouw code');
    const field = (await axTree(page)).find((n) => n.role === 'textbox' && n.name === 'Jouw code')!;
    expect(field.description).toContain('Deze code kennen we niet');
    await axe(page, 'resume form with a wrong code');
    await page.context().close();
  });

  it('the step counter shows the changed question\'s own place, and "Opnieuw beginnen" asks first', async () => {
    const { page } = await open('demo/start');
    await page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await radio(page, 'Ik zoek een oplossing');
    await press(page, 'Volgende', 'Waar wil je hulp bij?');
    await tabTo(page, 'Vervoer');
    await page.keyboard.press('Space');
    await press(page, 'Volgende', 'Hoe oud ben je?');
    await tabTo(page, 'Hoe oud ben je?');
    await page.keyboard.type('82');
    await page.keyboard.press('Enter');
    await heading(page, 'Goed om te weten');
    await press(page, 'Volgende', 'Kan iemand uit je omgeving helpen?');
    await radio(page, 'Ja');
    await press(page, 'Volgende', 'Jouw advies');
    await press(page, 'Wijzig – Hoe oud ben je?', 'Hoe oud ben je?');
    // Question 3 of the walk, not "Stap 5 van 5" (where the walk had got to).
    await expect.poll(() => page.getByText(/^Stap 3 van ongeveer \d+$/).count()).toBe(1);
    await press(page, 'Niet wijzigen', 'Jouw advies');
    await press(page, 'Opnieuw beginnen', 'Opnieuw beginnen?');
    await axe(page, 'restart confirmation');
    await press(page, 'Nee, ga terug', 'Jouw advies');
    await press(page, 'Opnieuw beginnen', 'Opnieuw beginnen?');
    await press(page, 'Ja, begin opnieuw', 'Wat wil je doen?');
    await page.context().close();
  });

  it('"Mijn gegevens": a readable page, a JSON download, staff access stopped, everything deleted – keyboard only', async () => {
    const { page, errors } = await open('demo/start');
    await page.getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await radio(page, 'Ik zoek een oplossing');
    await press(page, 'Volgende', 'Waar wil je hulp bij?');
    const [key] = await handleKeys(page);
    const handle = JSON.parse((await page.evaluate((k) => sessionStorage.getItem(k), key!))!) as { id: string; token: string };
    await press(page, 'Mijn gegevens', 'Mijn gegevens');
    await page.locator('vw-my-data dd').getByText('Ik zoek een oplossing').waitFor();
    expect(await page.getByText('Geen medewerker heeft dit gesprek geopend.').count()).toBe(1);
    await axe(page, 'my data');
    const download = page.waitForEvent('download');
    await press(page, 'Download alles (JSON-bestand)');
    const file = await download;
    const json = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
    expect(json).toMatchObject({
      session: { id: handle.id },
      answers: [{ question: 'Wat wil je doen?', answer: 'Ik zoek een oplossing', channel: 'web' }],
    });
    await press(page, 'Medewerkers geen toegang meer geven');
    await page.getByText('Medewerkers hebben geen toegang meer tot dit gesprek.').waitFor();
    await press(page, 'Alles verwijderen');
    // The question has focus first: Enter twice does not delete.
    await expect.poll(async () => (await activeElement(page)).text).toContain('Weet je het zeker?');
    await axe(page, 'erase confirmation');
    await press(page, 'Ja, verwijder alles', 'Je gegevens zijn verwijderd.');
    const gone = await fetch(`${server.url}/api/sessions/${handle.id}`, { headers: { authorization: `Bearer ${handle.token}` } });
    expect(gone.status).toBe(404);
    expect(await handleKeys(page)).toEqual([]);
    await press(page, 'Ja, begin opnieuw', 'Wat wil je doen?');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("concern form in English: answers filled in, a server refusal in the resident's words linked to its field, a receipt naming the organisation, the status page in English", async () => {
    const { page, errors } = await open('demo/proef', '?lang=en');
    await page.getByRole('heading', { name: 'Is there danger right now?' }).waitFor();
    await radio(page, 'No');
    await press(page, 'Next', 'Who are you worried about?');
    await radio(page, 'A family member');
    await press(page, 'Next', 'Since when have you been worried?');
    await tabTo(page, 'Since when');
    await page.keyboard.type('03152026');
    await page.keyboard.press('Enter');
    await heading(page, 'What do you see?');
    await tabTo(page, 'The person is alone a lot');
    await page.keyboard.press('Space');
    await press(page, 'Next', 'How many hours a week do you help now?');
    await tabTo(page, 'How many hours');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await heading(page, 'Good to know');
    await press(page, 'Next', 'Anything else you want to tell?');
    await tabTo(page, 'Anything else');
    await page.keyboard.type('She no longer opens the door.');
    await press(page, 'Next', 'Your advice');
    await press(page, 'Report a concern', 'Report your concern');
    const form = page.locator('vw-concern-form');
    // What was answered is there already, editable; every field shows its limit.
    expect(await form.locator('#noticed').inputValue()).toBe('Signs: The person is alone a lot\nShe no longer opens the door.');
    expect(await form.locator('#area').getAttribute('maxlength')).toBe('100');
    await axe(page, 'concern form, prefilled');
    await tabTo(page, 'A child or young person');
    await page.keyboard.press('ArrowDown'); // an older person living alone
    await tabTo(page, 'It is not urgent');
    await page.keyboard.press('Space');
    await tabTo(page, 'In which neighbourhood');
    await page.keyboard.type('Schalkwijk');
    await tabTo(page, 'Yes, they may call or e-mail me');
    await page.keyboard.press('Space');
    await tabTo(page, 'Phone number');
    await page.keyboard.type('023 555 1234');
    // The server refuses the area (as a proxy with stricter limits might): the answer is in English
    // for developers; the resident gets the form's own words, linked to the field.
    await page.route('**/api/concerns', (r) =>
      r.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Unprocessable',
          status: 422,
          code: 'validation-failed',
          detail: 'The body does not fit: /area Too big',
          errors: [{ pointer: '/area', code: 'too_big', message: 'Too big: expected string to have <=100 characters' }],
        }),
      }),
    );
    await press(page, 'Send report');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.getByText('Too big').count()).toBe(0);
    expect(await page.getByText('The body does not fit').count()).toBe(0);
    expect((await activeElement(page)).text).toContain('Your report has not been sent yet.');
    await axe(page, 'concern form with a server refusal');
    await page.keyboard.press('Tab');
    expect((await activeElement(page)).text).toBe('Use at most 100 characters.');
    await page.keyboard.press('Enter');
    expect((await activeElement(page)).label).toContain('In which neighbourhood');
    await page.unroute('**/api/concerns');
    await press(page, 'Send report', 'Your report has been received');
    await page.getByText('Your report is with: GGD Demo.').waitFor();
    expect(await page.getByText('The organisation may contact you if they want to ask something.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).count()).toBeGreaterThan(0);
    await axe(page, 'receipt');
    const link = page.getByRole('link', { name: /Check later how your report is doing/ });
    expect(await link.getAttribute('target')).toBe('_blank');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/#t=[A-Za-z0-9_-]+&lang=en$/);
    // Opened beside the advice: the widget keeps its receipt.
    const [status] = await Promise.all([page.context().waitForEvent('page'), link.press('Enter')]);
    await status.getByRole('heading', { name: 'How is your report doing?' }).waitFor();
    await status.getByText('Your report is with: GGD Demo.').waitFor();
    expect(await status.getByRole('button', { name: 'Leave this page' }).count()).toBe(1);
    expect(await status.evaluate(() => document.documentElement.lang)).toBe('en');
    await axe(status, 'status page in English');
    expect(await page.getByRole('heading', { name: 'Your report has been received' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a reporter withdraws a concern report on the status page', async () => {
    const res = await fetch(`${server.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({
        about: 'oudere',
        noticed: 'Zie haar niet meer.',
        urgency: 'niet-dringend',
        reporter: null,
        gemeente: 'demo',
        idempotencyKey: 'e2e-withdraw-1',
      }),
    });
    expect(res.status).toBe(201);
    const { statusToken } = (await res.json()) as { statusToken: string };
    const { page } = await open('demo/start');
    await page.goto(`${server.url}/demo/status#t=${statusToken}`);
    await page.getByText('Ontvangen. Nog niet opgepakt.').waitFor();
    await press(page, 'Melding intrekken');
    await expect.poll(async () => (await activeElement(page)).text).toContain('Weet je het zeker?');
    await axe(page, 'withdraw confirmation');
    await press(page, 'Ja, trek mijn melding in');
    await page.getByText('Je melding is ingetrokken en verwijderd.').waitFor();
    expect((await fetch(`${server.url}/api/concerns/status/${statusToken}`)).status).toBe(404);
    await page.context().close();
  });
});

// The 14 023 / loket console in Chromium, keyboard only: a complete plan is changed (a topic added
// after the advice was complete, earlier answers kept), "Vorige vraag" at the end, and a warm
// handover to an organisation without a connection – no default target, the console says before
// confirming that nothing is sent and shows the summary to read out, and promises no call back.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeElement, tabTo } from './support/browser.js';
import { axe, startStaffServer, type StaffServer } from './support/staff-server.js';

let s: StaffServer;
beforeAll(async () => {
  s = await startStaffServer([['mila', 'medewerker']]);
}, 180_000);
afterAll(() => s?.close());

const session = (page: Page) => page.locator('vw-staff-session');
const heading = (page: Page) => session(page).locator('#q-h');
const trail = (page: Page) =>
  session(page)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('.q')!.textContent!.trim(), tr.querySelectorAll('td')[1]!.textContent!.trim()]),
    );

/** Tab to a radio group (its first or checked radio), move with the arrows, then "Volgende". */
async function pick(page: Page, first: string, arrows: 'ArrowDown' | 'ArrowUp' | null) {
  const a = await tabTo(page, first);
  if (arrows) await page.keyboard.press(arrows);
  else if (!a.checked) await page.keyboard.press('Space');
  await tabTo(page, 'Volgende');
  await page.keyboard.press('Enter');
}

/** A closed <select> with focus: arrow keys move through the options (Chromium on Linux). */
async function chooseByKeys(page: Page, select: Locator, value: string) {
  for (const key of ['ArrowUp', 'ArrowDown'] as const)
    for (let i = 0; i < 10 && (await select.inputValue()) !== value; i++) await page.keyboard.press(key);
  expect(await select.inputValue()).toBe(value);
}

/** A promise that the organisation will contact the resident: never said (issue 19). */
const NO_CALL_BACK = /nemen .*contact met u op|bellen u|belt u terug|neemt contact met u op/i;

/** All text on the page, through the shadow roots. */
function pageText(page: Page): Promise<string> {
  return page.locator('body').evaluate((b) => {
    const all: string[] = [];
    const walk = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) all.push(n.textContent!);
      if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
      n.childNodes.forEach(walk);
    };
    walk(b);
    return all.join(' ');
  });
}

describe('console in Chromium, keyboard only', () => {
  it('changes answers after the plan is complete, goes back, and hands over by phone when there is no connection', async () => {
    const { context, page } = await s.signIn('mila', '/staff');
    await page.getByRole('heading', { name: 'Nieuw gesprek' }).waitFor();
    await tabTo(page, 'Onderwerp');
    await chooseByKeys(page, page.getByLabel('Onderwerp'), 'demo/start');
    await tabTo(page, 'Start gesprek');
    await page.keyboard.press('Enter');
    await session(page).getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await pick(page, 'Ik zoek een oplossing', 'ArrowDown'); // → "Ik wil helpen"
    await page.getByText('Het advies is compleet.').waitFor();
    expect(await trail(page)).toEqual([['Wat wil je doen?', 'Ik wil helpen']]);

    // Complete, and still changeable: the caller wants a solution after all.
    await tabTo(page, 'Wijzig');
    await page.keyboard.press('Enter');
    await heading(page).getByText('Antwoord wijzigen').waitFor();
    expect((await activeElement(page)).text).toBe('Antwoord wijzigen');
    expect(await session(page).getByLabel('Ik wil helpen').isChecked()).toBe(true);
    await pick(page, 'Ik wil helpen', 'ArrowUp'); // → "Ik zoek een oplossing"
    await session(page).getByRole('heading', { name: 'Waar wil je hulp bij?' }).waitFor();
    await pick(page, 'Vervoer', null);
    await session(page).getByRole('heading', { name: 'Hoe oud ben je?' }).waitFor();
    await tabTo(page, 'Hoe oud ben je?');
    await page.keyboard.type('80');
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await session(page).getByText('We stellen nu vragen per onderwerp.', { exact: true }).waitFor();
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await session(page).getByRole('heading', { name: 'Kan iemand uit je omgeving helpen?' }).waitFor();
    await pick(page, 'Ja', 'ArrowDown'); // → "Nee"
    await page.getByText('Het advies is compleet.').waitFor();
    expect(await session(page).locator('vw-advice-plan article h4').allTextContents()).toEqual(['Buurthuis (vervoer)', 'Huisbezoek']);

    // A topic added after the plan was complete: only the new topic's question is asked.
    await tabTo(page, 'Wijzig – Hulp bij');
    await page.keyboard.press('Enter');
    await heading(page).getByText('Antwoord wijzigen').waitFor();
    await tabTo(page, 'Huishouden');
    await page.keyboard.press('Space');
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await page.getByText('Antwoord gewijzigd. Latere antwoorden die nog passen, zijn bewaard.').waitFor();
    await heading(page).getByText('Huidige vraag').waitFor();
    expect(await trail(page)).toEqual([
      ['Wat wil je doen?', 'Ik zoek een oplossing'],
      ['Hulp bij', 'Vervoer, Huishouden'],
      ['Hoe oud ben je?', '80 jaar'],
      ['We stellen nu vragen per onderwerp.', 'Gelezen'],
      ['Hulp van je omgeving', 'Nee'],
    ]);
    await session(page).getByRole('heading', { name: 'Kan iemand uit je omgeving helpen?' }).waitFor();
    await pick(page, 'Ja', null);
    await page.getByText('Het advies is compleet.').waitFor();
    expect(await session(page).locator('vw-advice-plan article h4').allTextContents()).toContain('Vraag je omgeving (huishouden)');
    await axe(page, 'console, plan complete with changes');

    // "Vorige vraag" at the end: the last question again, with the answer given.
    await tabTo(page, 'Vorige vraag');
    await page.keyboard.press('Enter');
    await session(page).getByRole('heading', { name: 'Kan iemand uit je omgeving helpen?' }).waitFor();
    expect(await session(page).getByLabel('Ja').isChecked()).toBe(true);
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    await page.getByText('Het advies is compleet.').waitFor();

    // Warm handover: nothing chosen by default; choosing nothing is said, with focus on the field.
    const handover = page.locator('vw-staff-handover');
    expect(await handover.getByLabel('Naar organisatie (sociale kaart)').inputValue()).toBe('');
    await tabTo(page, 'Samenvatting bekijken');
    await page.keyboard.press('Enter');
    await handover.getByRole('alert').getByText('Kies eerst de organisatie').waitFor();
    expect((await activeElement(page)).label).toBe('Naar organisatie (sociale kaart)');
    await page.keyboard.press('ArrowDown'); // the first organisation: the buurthuis
    expect(await handover.getByLabel('Naar organisatie (sociale kaart)').inputValue()).toBe('buurthuis');
    await tabTo(page, 'Samenvatting bekijken');
    await page.keyboard.press('Enter');
    await handover.getByRole('heading', { name: 'Controleer de overdracht aan Stichting Buurthuis' }).waitFor();
    await handover.getByText('Stichting Buurthuis heeft geen koppeling met Vraagwijzer. Er wordt niets verstuurd.').waitFor();
    const summary = await handover.locator('pre.summary').textContent();
    expect(summary).toContain('- Hulp bij: Vervoer, Huishouden');
    expect(summary).toContain('Advies:');
    expect(await s.sdb().selectFrom('staff_handovers').selectAll().execute()).toEqual([]); // nothing recorded yet
    await handover.getByText(/Dan hoeft u uw verhaal daar niet opnieuw te vertellen\./).waitFor(); // the consent text
    expect(await pageText(page)).not.toMatch(NO_CALL_BACK);
    await axe(page, 'console, handover preview without a connection');
    await tabTo(page, 'De inwoner geeft toestemming');
    await page.keyboard.press('Space');
    await tabTo(page, 'Overdracht vastleggen');
    await page.keyboard.press('Enter');
    await handover.getByRole('heading', { name: 'Overdracht aan Stichting Buurthuis vastgelegd' }).waitFor();
    await handover.getByText(/Bel nu Stichting Buurthuis .*en lees de samenvatting hieronder voor\./).waitFor();
    await handover.getByText(/Stichting Buurthuis: Vragen en antwoorden, Advies – niet verstuurd \(geen koppeling\)/).waitFor();
    const rows = await s.sdb().selectFrom('staff_handovers').select(['service_id', 'status', 'summary']).execute();
    expect(rows).toEqual([{ service_id: 'buurthuis', status: 'geen-koppeling', summary }]);
    // No promise that the organisation will call, anywhere on the page or in what was agreed to.
    expect(await pageText(page)).not.toMatch(NO_CALL_BACK);
    await axe(page, 'console, handover recorded');
    await page.screenshot({ path: 'test-artifacts/staff-console-handover.png', fullPage: true });
    await context.close();
  }, 180_000);

  it('shows a web answer live, without "Vernieuwen", with its channel and who gave it', async () => {
    const api = (path: string, body: unknown, token?: string) =>
      fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const resident = (await api('/api/sessions', { tree: 'demo/start' })) as { id: string; token: string; resumeCode: string };
    const { context, page } = await s.signIn('mila', '/staff');
    await page.getByRole('heading', { name: 'Verder met code' }).waitFor();
    await tabTo(page, 'Code');
    await page.keyboard.type(resident.resumeCode);
    await tabTo(page, 'De inwoner geeft toestemming');
    await page.keyboard.press('Space');
    await tabTo(page, 'Gesprek openen');
    await page.keyboard.press('Enter');
    await session(page).getByRole('heading', { name: 'Verloop (0)' }).waitFor();

    const versionOnPage = () =>
      page.locator('vw-staff-session').evaluate((el) => (el as unknown as { view?: { state: { version: number } } }).view?.state.version);
    await expect.poll(versionOnPage).toBe(0);
    // The resident answers on the website while the medewerker watches.
    await api(
      `/api/sessions/${resident.id}/answers`,
      { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: 'live-web-answer-0001' },
      resident.token,
    );
    await session(page).getByRole('heading', { name: 'Verloop (1)' }).waitFor();
    await session(page)
      .getByRole('status')
      .getByText('Nieuw antwoord via website, door de inwoner: Wat wil je doen? – Ik zoek een oplossing.')
      .waitFor();
    await session(page).getByRole('heading', { name: 'Waar wil je hulp bij?' }).waitFor();
    // The medewerker answers on the phone: the row says who.
    await pick(page, 'Vervoer', null);
    await session(page).getByRole('heading', { name: 'Verloop (2)' }).waitFor();
    const rows = await session(page)
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent!.trim())));
    expect(rows).toEqual([
      ['Ik zoek een oplossing', 'website', 'inwoner'],
      ['Vervoer', 'telefoon (14 023)', 'Mila'],
    ]);
    await axe(page, 'console after a live update');
    await context.close();
  }, 120_000);

  it("finds a session by a concern reference, lists and reopens the day's sessions, and prints the plan for the caller", async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const resident = (await post('/api/sessions', { tree: 'demo/start' })) as { id: string; token: string };
    await post(
      `/api/sessions/${resident.id}/answers`,
      { node: 'deur', value: 'helpen', version: 0, idempotencyKey: 'find-web-answer-0001' },
      resident.token,
    );
    const { reference } = (await post(
      '/api/concerns',
      {
        gemeente: 'demo',
        about: 'oudere',
        noticed: 'Mijn buurvrouw neemt de telefoon niet op.',
        urgency: 'binnen-een-week',
        sessionId: resident.id,
        idempotencyKey: 'find-concern-00001',
      },
      resident.token,
    )) as { reference: string };

    const { context, page } = await s.signIn('mila', '/staff');
    // The count shows once the list has loaded.
    await page.getByRole('heading', { name: /Uw gesprekken van vandaag \(\d+\)/ }).waitFor();
    const before = await page
      .locator('vw-staff-console')
      .getByRole('button', { name: /^Openen/ })
      .count();
    await tabTo(page, 'Code');
    await page.keyboard.type(reference);
    await tabTo(page, 'De inwoner geeft toestemming');
    await page.keyboard.press('Space');
    await tabTo(page, 'Gesprek openen');
    await page.keyboard.press('Enter');
    await session(page).getByRole('heading', { name: 'Verloop (1)' }).waitFor();
    expect(await trail(page)).toEqual([['Wat wil je doen?', 'Ik wil helpen']]);
    await tabTo(page, 'Aantekening');
    await page.keyboard.type('Beller is de melder; wil anoniem blijven.');
    await tabTo(page, 'Aantekening opslaan');
    await page.keyboard.press('Enter');
    await session(page).getByText('Aantekening (Mila): Beller is de melder; wil anoniem blijven.').waitFor();

    // Printed for the caller: date, a fresh code, the team – no notes, no medewerker's name.
    await tabTo(page, 'Plan afdrukken voor de beller');
    await page.keyboard.press('Enter');
    await session(page).locator('section.print-only').waitFor({ state: 'attached' });
    const printed = session(page).getByRole('region', { name: 'Afdruk voor de beller' });
    expect(await printed.count()).toBe(0); // on screen it stays out of the way (and out of the accessibility tree)
    await page.emulateMedia({ media: 'print' });
    await printed.waitFor();
    const text = (await printed.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Jouw plan – Gemeente Demo');
    expect(text).toContain('Geholpen door: Klant Contact Centrum van Gemeente Demo (14 023)');
    expect(text).toMatch(/met de code [2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4} \(geldig tot /);
    expect(text).toContain(`Plannummer: ${resident.id}`);
    expect(await printed.locator('vw-advice-plan article h4').allTextContents()).toEqual(['Help in de buurt']);
    expect(await printed.locator('vw-answers dt').allTextContents()).toEqual(['Wat wil je doen?']);
    expect(await printed.locator('vw-advice-plan').isVisible()).toBe(true);
    expect(text).not.toContain('Mila');
    expect(await session(page).getByText('wil anoniem blijven').isVisible()).toBe(false);
    expect(await session(page).getByRole('heading', { name: 'Warme overdracht' }).isVisible()).toBe(false);
    await page.screenshot({ path: 'test-artifacts/staff-console-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Closed, then picked up again from the list of today without a code.
    await page.getByRole('button', { name: 'Gesprek sluiten' }).focus();
    await page.keyboard.press('Enter');
    const mine = page.locator('vw-staff-console').getByRole('button', { name: /^Openen/ });
    await expect.poll(() => mine.count()).toBe(before + 1);
    await axe(page, 'console start with the sessions of today');
    await tabTo(page, 'Openen', 80);
    await page.keyboard.press('Enter');
    await session(page)
      .getByRole('heading', { name: /Verloop/ })
      .waitFor();
    await context.close();
  }, 120_000);

  it("reads the consent out in the caller's language and switches the resident-facing texts", async () => {
    const res = await fetch(`${s.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tree: 'demo/start', locale: 'en' }),
    });
    const resident = (await res.json()) as { id: string; resumeCode: string };
    const { context, page } = await s.signIn('mila', '/staff');
    const console_ = page.locator('vw-staff-console');
    await tabTo(page, 'Nederlands');
    await page.keyboard.press('ArrowDown'); // → English
    await console_.getByText(/^You have already answered some questions online/).waitFor();
    await tabTo(page, 'Code');
    await page.keyboard.type(resident.resumeCode);
    await tabTo(page, 'De inwoner geeft toestemming');
    await page.keyboard.press('Space');
    await tabTo(page, 'Gesprek openen');
    await page.keyboard.press('Enter');
    await session(page).getByText('Taal van de beller:').waitFor();
    expect(await session(page).locator('p', { hasText: 'Taal van de beller' }).textContent()).toContain('English');
    await session(page).getByRole('heading', { name: 'What do you want to do?' }).waitFor();
    const [consent] = await s.sdb().selectFrom('staff_consents').select('consent_text').where('session_id', '=', resident.id).execute();
    expect(consent!.consent_text).toMatch(/^You have already answered/);
    await axe(page, 'console in the caller’s language');
    await tabTo(page, 'Nederlands');
    await page.keyboard.press('Enter');
    await session(page).getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await context.close();
  }, 120_000);
});

// The staff side in real Chromium against the real server (in-process on a free port, SQLite in
// memory, the demo and Haarlem trees): a resident and a 14 023 medewerker in one session, the
// concern inbox closing a report the reporter then sees, the wijkcoach offline and back, and axe.
import { serve, type ServerType } from '@hono/node-server';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../scripts/build-staff.js';
import { buildWidget } from '../scripts/build-widget.js';
import { createApp } from '../server/app.js';
import { DEFAULTS, type Config } from '../server/config.js';
import { createDeps } from '../server/boot.js';
import type { Db } from '../server/db/connect.js';
import type { Role, StaffDb } from '../server/db/staff-repo.js';
import { cryptoIds } from '../server/ids.js';
import { createLogger } from '../server/logger.js';
import { mountStaff } from '../server/staff/index.js';
import type { StaffKit } from '../server/staff/context.js';
import { hashPassword } from '../server/staff/password.js';

const PASSWORD = 'kitchen table twenty three';
let browser: Browser;
let server: ServerType;
let db: Db;
let kit: StaffKit;
let url: string;

beforeAll(async () => {
  await Promise.all([buildWidget(), buildStaff(), mkdir('test-artifacts', { recursive: true })]);
  const config: Config = {
    ...DEFAULTS,
    treeDirs: [resolve('test/fixtures/demo'), resolve('trees/haarlem')],
    databaseUrl: 'sqlite::memory:',
    logLevel: 'warn',
  };
  const logger = createLogger('warn', new Writable({ write: (_c, _e, done) => done() }));
  const deps = await createDeps(config, { logger });
  db = deps.db;
  const app = createApp(deps);
  kit = mountStaff(app, deps, { coachGemeente: 'haarlem' });
  for (const [name, role] of [
    ['mila', 'medewerker'],
    ['bas', 'behandelaar'],
    ['wim', 'wijkcoach'],
  ] as [string, Role][]) {
    await kit.repo.addAccount(
      {
        id: cryptoIds.id(),
        name,
        displayName: name[0]!.toUpperCase() + name.slice(1),
        role,
        passwordHash: await hashPassword(PASSWORD),
        oidcSubject: null,
      },
      new Date().toISOString(),
    );
  }
  server = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  await db?.close();
});

const sdb = () => db.kysely as unknown as StaffDb;

/** The coach app signed in as wim, its service worker in control (so it works offline). */
async function coachSignedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await signIn('wim', '/coach');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  return { context, page };
}

/** A new household plan through the coach app's form; resolves once its page shows. */
async function makePlan(page: Page, label: string, question: string): Promise<void> {
  await page.getByLabel('Huishouden (initialen of dossiernummer)').fill(label);
  await page.getByLabel('Hulpvraag').fill(question);
  await page.getByRole('button', { name: 'Plan maken' }).click();
  await page.getByRole('heading', { name: `Plan: ${label}` }).waitFor();
}

async function signIn(name: string, path: string, checkLoginPage = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${name}] pageerror`, e.message));
  if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`[${name}] ${m.type()} ${m.text()}`));
  await page.goto(`${url}${path}`);
  await page.waitForURL(/\/staff\/login/);
  if (checkLoginPage) {
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').waitFor(); // empty fields: 401, said in words
    await axe(page, 'sign-in page with an error');
  }
  await page.getByLabel('Naam').fill(name);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${url}${path}`);
  return { context, page };
}

async function axe(page: Page, what: string) {
  expect(await axeViolations(page, what)).toEqual([]);
}

const next = (page: Page) => page.getByRole('button', { name: 'Volgende' }).click();

describe('staff console, inbox and kitchen-table mode in Chromium', () => {
  it('a resident starts online, a medewerker resumes by code after consent, and both see the same trail and advice', async () => {
    const resident = await browser.newContext();
    const rp = await resident.newPage();
    await rp.goto(`${url}/?tree=demo/start`);
    // The widget's own question: the page's server-rendered first paint asks it too, until the upgrade.
    await rp.locator('vw-question').getByRole('heading', { name: 'Wat wil je doen?' }).waitFor();
    await rp.locator('vw-question').getByLabel('Ik zoek een oplossing').check();
    await next(rp);
    await rp.getByRole('heading', { name: 'Waar wil je hulp bij?' }).waitFor();
    await rp.getByLabel('Vervoer').check();
    await next(rp);
    await rp.getByRole('heading', { name: 'Hoe oud ben je?' }).waitFor();
    await rp.getByLabel('Hoe oud ben je?').fill('80');
    await next(rp);
    await rp.getByText('We stellen nu vragen per onderwerp.', { exact: true }).waitFor();
    await rp.getByRole('button', { name: 'Bewaar en ga later verder' }).click();
    const shown = await rp.locator('vw-resume-code .code').textContent();
    const code = shown!.replace(/[\s-]/g, '');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

    const { context, page } = await signIn('mila', '/staff');
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Gesprek openen' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('toestemming');
    await page.getByLabel('De inwoner geeft toestemming').check();
    await page.getByRole('button', { name: 'Gesprek openen' }).click();
    await page.getByRole('heading', { name: /Verloop \(3\)/ }).waitFor();
    const rows = async (p: Page) =>
      p
        .locator('vw-staff-session')
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.querySelector('.q')!, ...[...tr.querySelectorAll('td')].slice(1, 3)].map((el) => el.textContent!.trim())),
        );
    expect(await rows(page)).toEqual([
      ['Wat wil je doen?', 'Ik zoek een oplossing', 'website'],
      ['Hulp bij', 'Vervoer', 'website'],
      ['Hoe oud ben je?', '80 jaar', 'website'],
    ]);
    // The medewerker continues on the phone: the info step, then the vervoer sub-flow.
    await page.getByText('We stellen nu vragen per onderwerp.', { exact: true }).waitFor();
    await next(page);
    await page.getByRole('heading', { name: 'Kan iemand uit je omgeving helpen?' }).waitFor();
    await page.getByLabel('Nee').check();
    await next(page);
    await page.getByText('Het advies is compleet.').waitFor();
    const staffAdvice = await page.locator('vw-advice-plan article h4').allTextContents();
    expect(staffAdvice).toEqual(['Buurthuis (vervoer)', 'Huisbezoek']);
    expect((await rows(page)).at(-1)).toEqual(['Hulp van je omgeving', 'Nee', 'telefoon (14 023)']); // the number from the demo's gemeente.json
    await page.getByLabel('Aantekening', { exact: true }).fill('Beller wil graag teruggebeld worden.');
    await page.getByRole('button', { name: 'Aantekening opslaan' }).click();
    await page.getByText('Aantekening (Mila): Beller wil graag teruggebeld worden.').waitFor();
    await axe(page, 'console with an open session');
    await page.screenshot({ path: 'test-artifacts/staff-console.png', fullPage: true });

    // The resident's window (same session, in its tab storage) shows the same advice after a reload.
    await rp.reload();
    await rp.getByRole('heading', { name: 'Jouw advies' }).waitFor();
    expect(await rp.locator('vw-advice-plan article h4').allTextContents()).toEqual(staffAdvice);
    expect(await rp.locator('vw-answers dt').allTextContents()).toEqual([
      'Wat wil je doen?',
      'Hulp bij',
      'Hoe oud ben je?',
      'Hulp van je omgeving',
    ]);
    expect(await rp.content()).not.toContain('teruggebeld');
    const consent = await sdb().selectFrom('staff_consents').selectAll().where('purpose', '=', 'resume').execute();
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({ channel: 'telefoon' });
    await resident.close();

    // A new call: the console starts Haarlem's tree for the caller and shows the staff wording.
    await page.getByRole('button', { name: 'Gesprek sluiten' }).click();
    await page.getByLabel('Onderwerp').selectOption('haarlem/start');
    await page.getByRole('region', { name: 'Nieuw gesprek' }).getByLabel('Loket').check();
    await page.getByRole('button', { name: 'Start gesprek' }).click();
    await page.getByRole('heading', { name: 'Waar kunnen we je mee helpen?' }).waitFor();
    await page.getByText(/^Vraag: waarvoor belt u\?/).waitFor();
    await axe(page, 'console, new loket session');
    await page.getByRole('button', { name: 'Gesprek sluiten' }).click();
    await page.getByRole('heading', { name: 'Verder met code' }).waitFor();
    await axe(page, 'console start');
    // A medewerker may not open the inbox.
    const inbox = await page.goto(`${url}/staff/concerns`);
    expect(inbox!.status()).toBe(403);
    const api = await page.request.get(`${url}/api/staff/concerns`);
    expect(api.status()).toBe(403);
    await context.close();
  }, 120_000);

  it("a behandelaar claims and closes a concern; the reporter's status page shows the feedback", async () => {
    const res = await fetch(`${url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        gemeente: 'demo',
        about: 'oudere',
        noticed: 'De buurman haalt zijn post niet meer op.',
        urgency: 'binnen-een-week',
        area: 'Schalkwijk',
        idempotencyKey: cryptoIds.token().slice(0, 32),
      }),
    });
    const receipt = (await res.json()) as { reference: string; statusToken: string };
    const { context, page } = await signIn('bas', '/staff/concerns', true);
    await page.getByRole('button', { name: receipt.reference }).click();
    await page.getByRole('heading', { name: `Melding ${receipt.reference}` }).waitFor();
    await page.getByText('De buurman haalt zijn post niet meer op.').waitFor();
    await axe(page, 'inbox with a report open');
    await page.getByRole('button', { name: 'Oppakken' }).click();
    const feedback = 'We zijn bij uw buurman langs geweest. Er is hulp geregeld. Dank voor uw melding.';
    await page.getByLabel('Terugkoppeling voor de melder').fill(feedback);
    await page.getByRole('button', { name: 'Afronden' }).click();
    await page.getByRole('button', { name: 'Ja, afronden' }).click(); // closing asks first
    await page.getByText('Afgerond. De melder ziet uw terugkoppeling').waitFor();
    await axe(page, 'inbox after closing');
    await page.screenshot({ path: 'test-artifacts/staff-inbox.png', fullPage: true });
    const reporter = await browser.newPage();
    await reporter.goto(`${url}/demo/status#t=${receipt.statusToken}`);
    await reporter.getByText(feedback).waitFor();
    const audit = await kit.audit.forTarget(
      'concern',
      (await sdb().selectFrom('concerns').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id,
    );
    expect(audit.map((a) => a.action)).toEqual(['concern.read', 'concern.claim', 'concern.read', 'concern.close', 'concern.read']);
    await reporter.close();
    await context.close();
  }, 120_000);

  it('the coach answers with the network cut, reconnects, and every answer arrives exactly once; conflicts are shown', async () => {
    const { context, page } = await coachSignedIn();
    await makePlan(page, 'Fam. J.', 'Vervoer naar het ziekenhuis en de huur betalen.');
    await page.getByLabel('Huishouden', { exact: true }).check();
    await page.getByLabel('Geld, schulden en formulieren').check();
    await page.getByRole('button', { name: 'Toevoegen aan plan' }).click();
    await page.getByText('Alles is bewaard op de server.').waitFor();
    await axe(page, 'coach plan');
    const planId = (await sdb().selectFrom('coach_plans').select('id').executeTakeFirstOrThrow()).id;
    const changes = () => sdb().selectFrom('coach_changes').select(['key', 'domain']).where('plan_id', '=', planId).execute();
    expect(await changes()).toHaveLength(2);

    // Offline: the page itself comes from the service worker, the plan from IndexedDB.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Plan: Fam. J.' }).waitFor();
    const form = (domain: string) => page.locator(`form[data-domain="${domain}"]`);
    await form('huishouden').getByLabel('2 – Niet zelfredzaam').check();
    await form('huishouden').getByLabel('Afspraken en aantekening').fill('Dochter doet de was.');
    await form('huishouden').getByRole('button', { name: 'Opslaan' }).click();
    await form('geld').getByLabel('3 – Beperkt zelfredzaam').check();
    await form('geld').getByRole('button', { name: 'Opslaan' }).click();
    await form('huishouden').getByLabel('3 – Beperkt zelfredzaam').check();
    await form('huishouden').getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('3 antwoorden wachten op verbinding.').waitFor();
    expect(await changes()).toHaveLength(2);
    await axe(page, 'coach offline');

    // Meanwhile a colleague's device changed "geld": that queued answer must become a visible conflict.
    const cookies = await context.cookies();
    const csrf = cookies.find((c) => c.name === 'vw_csrf')!.value;
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const other = await fetch(`${url}/api/staff/coach/plans/${planId}/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ domain: 'geld', score: 4, note: 'Bewindvoering loopt', baseRevision: 1, idempotencyKey: 'other-device-0001' }),
    });
    expect(other.status).toBe(200);

    const sent: string[] = [];
    page.on(
      'request',
      (r) =>
        r.url().endsWith('/entries') && r.method() === 'POST' && sent.push((r.postDataJSON() as { idempotencyKey: string }).idempotencyKey),
    );
    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Conflicten (1)' }).waitFor();
    await page.getByText('Niet alles is bewaard: kies bij het conflict hieronder welke versie blijft.').waitFor();
    let rows = await changes();
    const count = (domain: string) => rows.filter((r) => r.domain === domain).length;
    expect([count('huishouden'), count('geld')]).toEqual([3, 2]); // 2 of mine, 1 of the other device
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    await page.getByText('op de server score 4 “Bewindvoering loopt”').waitFor();
    await axe(page, 'coach with a conflict');
    await page.screenshot({ path: 'test-artifacts/staff-coach-conflict.png', fullPage: true });
    await page.getByRole('button', { name: 'Mijn versie opslaan' }).click();
    await page.getByRole('heading', { name: /Conflicten/ }).waitFor({ state: 'detached' });
    await page.getByText('Alles is bewaard op de server.').waitFor();

    // A response lost on the way back: the same key is resent and applied once.
    let dropped = false;
    await page.route('**/api/staff/coach/plans/*/entries', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // reaches the server and commits…
      await route.abort('connectionreset'); // …but the answer never arrives
    });
    await form('geld').getByLabel('2 – Niet zelfredzaam').check();
    await form('geld').getByRole('button', { name: 'Opslaan' }).click();
    await page
      .getByText('1 antwoord wacht op verbinding.')
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    await context.setOffline(true);
    await context.setOffline(false);
    await page.getByText('Alles is bewaard op de server.').waitFor();
    rows = await changes();
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.key)).size).toBe(7);
    const last = sent.at(-1)!;
    expect(sent.filter((k) => k === last)).toHaveLength(2); // sent twice …
    expect(rows.filter((r) => r.key === last)).toHaveLength(1); // … stored once
    // Printable: one household, one plan – without the buttons.
    await page.emulateMedia({ media: 'print' });
    await page.getByText('Eén huishouden, één plan.').waitFor();
    expect(
      await page
        .getByRole('button', { name: /Opslaan/ })
        .first()
        .isVisible(),
    ).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    // Online again: the domain's advice starts in its own sub-flow, on the wijkcoach channel.
    await page.unroute('**/api/staff/coach/plans/*/entries');
    await form('huishouden').getByRole('button', { name: 'Advies uit de beslisboom' }).click();
    await page.getByRole('heading', { name: 'Verloop (1)' }).waitFor();
    const first = await page.locator('vw-staff-session tbody tr td').allTextContents();
    expect(first.slice(1, 3)).toEqual(['Huishouden', 'wijkcoach']);
    await axe(page, 'coach with tree advice open');
    const entries = await sdb()
      .selectFrom('coach_entries')
      .select(['domain', 'score', 'note', 'revision'])
      .where('plan_id', '=', planId)
      .orderBy('domain')
      .execute();
    expect(entries).toEqual([
      { domain: 'geld', score: 2, note: '', revision: 4 },
      { domain: 'huishouden', score: 3, note: 'Dochter doet de was.', revision: 3 },
    ]);
    await context.close();
  }, 120_000);
  it('a new household plan made at a kitchen table without internet reaches the server once, with its answers', async () => {
    const { context, page } = await coachSignedIn();
    await context.setOffline(true);
    await page.reload();
    await makePlan(page, 'Fam. K.', 'Eenzaam sinds de verhuizing.');
    await page.getByLabel('Ontmoeten en eenzaamheid').check();
    await page.getByRole('button', { name: 'Toevoegen aan plan' }).click();
    const form = page.locator('form[data-domain="ontmoeten"]');
    await form.getByLabel('2 – Niet zelfredzaam').check();
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(/wachten op verbinding/).waitFor();
    const plans = () => sdb().selectFrom('coach_plans').select(['id', 'label']).where('label', '=', 'Fam. K.').execute();
    expect(await plans()).toEqual([]);
    await axe(page, 'coach plan made offline');

    await context.setOffline(false);
    await page.getByText('Alles is bewaard op de server.').waitFor();
    const [plan] = await plans();
    expect(plan).toBeDefined();
    expect(await plans()).toHaveLength(1);
    const entries = await sdb().selectFrom('coach_entries').select(['domain', 'score']).where('plan_id', '=', plan!.id).execute();
    expect(entries).toEqual([{ domain: 'ontmoeten', score: 2 }]);
    await context.close();
  }, 120_000);

  it('the coach walks a domain’s tree advice without internet; the answers reach the server once, on the same tree version', async () => {
    const { context, page } = await coachSignedIn();
    await makePlan(page, 'Fam. M.', 'Naar het ziekenhuis komen.');
    await page.getByLabel('Zelf verplaatsen en vervoer').check();
    await page.getByRole('button', { name: 'Toevoegen aan plan' }).click();
    const planId = (await sdb().selectFrom('coach_plans').select('id').where('label', '=', 'Fam. M.').executeTakeFirstOrThrow()).id;
    const linked = () =>
      sdb()
        .selectFrom('coach_entries')
        .select('session_id')
        .where('plan_id', '=', planId)
        .where('domain', '=', 'vervoer')
        .executeTakeFirst();
    await expect.poll(async () => (await linked()) !== undefined, { timeout: 10_000 }).toBe(true);

    await context.setOffline(true);
    await page.locator('form[data-domain="vervoer"]').getByRole('button', { name: 'Advies uit de beslisboom' }).click();
    await page
      .getByText(/Geen verbinding: dit advies komt uit de beslisboom/)
      .first()
      .waitFor();
    const walker = page.locator('vw-coach-offline-walk');
    let steps = 0;
    for (; steps < 30; steps++) {
      if (await page.getByRole('heading', { name: 'Advies (op dit apparaat)' }).count()) break;
      const radios = walker.getByRole('radio');
      const boxes = walker.getByRole('checkbox');
      if ((await radios.count()) && !(await walker.getByRole('radio', { checked: true }).count())) await radios.first().check();
      else if ((await boxes.count()) && !(await walker.getByRole('checkbox', { checked: true }).count())) await boxes.first().check();
      await walker.getByRole('button', { name: 'Volgende' }).click();
    }
    await page.getByRole('heading', { name: 'Advies (op dit apparaat)' }).waitFor();
    expect(steps).toBeGreaterThan(0);
    expect(await walker.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await axe(page, 'coach advice walked offline');
    expect((await linked())!.session_id).toBeNull();

    await context.setOffline(false);
    await page.getByText('Alles is bewaard op de server.').waitFor();
    const sessionId = (await linked())!.session_id!;
    expect(sessionId).toBeTruthy();
    const events = await db.kysely.selectFrom('session_events').select(['channel']).where('session_id', '=', sessionId).execute();
    // The life-domain choice (made by the server, as online) and every answer given offline, once.
    expect(events).toHaveLength(steps + 1);
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['wijkcoach']));
    await context.close();
  }, 120_000);
});

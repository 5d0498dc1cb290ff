// What the resident sees of the case system, in real Chromium against the ZGW fake: a concern
// report's status page shows the zaak's number once the receiver's case system holds it; "Mijn
// gegevens" shows the Wmo melding with its zaak, and after "Alles verwijderen" says honestly that the
// zaak is still in the municipality's system. Keyboard only; axe on every new screen.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../scripts/build-widget.js';
import { DEFAULTS } from '../server/config.js';
import { KUSTDORP_DIR, meldingFields } from '../server/melding/melding-test-kit.js';
import { meldingModule } from '../server/melding/melding-module.js';
import { staffTest, type StaffTest } from '../server/staff/staff-test-kit.js';
import { key, startSession } from '../server/testing/test-app.js';
import { concernZgwConfig } from '../server/zgw/zgw-concern-config.js';
import { zgwConfigFromEnv } from '../server/zgw/zgw-config.js';
import { activeElement, axeViolations, launchChromium, tabTo } from './support/browser.js';
import { startZgwFake, type ZgwFake } from './zgw-fake/zgw-fake.js';

let fake: ZgwFake;
let t: StaffTest;
let http: ServerType;
let url: string;
let browser: Browser;

beforeAll(async () => {
  await buildWidget();
  fake = await startZgwFake();
  const targets = zgwConfigFromEnv({ ZGW_CONFIG: JSON.stringify({ kustdorp: fake.target() }) }, ['kustdorp']);
  const generous = { limit: 10_000, windowMs: 60_000 };
  t = await staffTest({}, undefined, {
    config: {
      treeDirs: [KUSTDORP_DIR],
      staticDir: resolve('server/static'),
      widgetDir: join(resolve('dist/widget')),
      rateLimits: { sessions: generous, resume: generous, concerns: generous },
      zgw: { ...DEFAULTS.zgw, targets, concerns: concernZgwConfig([KUSTDORP_DIR], targets) },
    },
  });
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

describe('concern status page with a zaak', () => {
  it('shows the zaak number once registered; "Bekijk de stand" by keyboard fetches it; axe clean', async () => {
    fake.down = true;
    const s = await startSession(t, { tree: 'kustdorp/zorgen' });
    await t.request('POST', `/api/sessions/${s.id}/answers`, { node: 'zorg', value: true, version: 0, idempotencyKey: key() }, s.auth);
    const res = await t.request(
      'POST',
      '/api/concerns',
      { sessionId: s.id, about: 'oudere', noticed: 'Zie haar niet meer.', urgency: 'niet-dringend', reporter: null, idempotencyKey: key() },
      s.auth,
    );
    expect(res.status).toBe(201);
    const { statusToken } = (await res.json()) as { statusToken: string };
    await meldingModule(t.deps).outbox.registerDue();

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/demo/status#t=${statusToken}`);
    await page.getByText('Je melding is bij: Sociaal Wijkteam Kustdorp.').waitFor();
    expect(await page.getByText(/onder nummer/).count()).toBe(0);

    // The case system is back; the next pass registers the report.
    fake.down = false;
    t.clock.advance(60_000);
    expect(await meldingModule(t.deps).outbox.registerDue()).toEqual({ registered: 1, retrying: 0, failed: 0 });
    const number = fake.store.zaken[0]!.identificatie as string;
    let focused = await activeElement(page);
    for (let i = 0; i < 10 && focused.text !== 'Bekijk de stand'; i++) {
      await page.keyboard.press('Tab');
      focused = await activeElement(page);
    }
    expect(focused.text).toBe('Bekijk de stand');
    await page.keyboard.press('Enter');
    await page.getByText(`Je melding staat in hun systeem onder nummer ${number}.`).waitFor();
    await axe(page, 'concern status with zaak number');
    // Withdrawing says where the report stays, and does not promise that nobody can read it.
    await tabTo(page, 'Melding intrekken');
    await page.keyboard.press('Enter');
    await page.getByText('Weet je het zeker? We verwijderen je melding hier.').waitFor();
    expect(await page.getByText(`je melding staat al in het systeem van Sociaal Wijkteam Kustdorp (nummer ${number})`).count()).toBe(1);
    expect(await page.getByText('Niemand kan hem daarna nog lezen.').count()).toBe(0);
    await context.close();
  });

  it('"Mijn gegevens" shows the Wmo melding with its zaak number; after erasing it says the zaak is still with the municipality', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 }, locale: 'nl-NL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/?tree=kustdorp/start`);
    await page.getByRole('heading', { name: 'Voor wie zoek je hulp?' }).waitFor();
    await radio(page, 'Voor mezelf');
    await press(page, 'Volgende', 'Lukt het schoonmaken nog?');
    await radio(page, 'Nee');
    await press(page, 'Volgende', 'Jouw advies');
    // The melding itself is made through the API here (e2e-melding.test.ts walks its form).
    const stored = await page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('vraagwijzer:'))![1]);
    const handle = JSON.parse(stored) as { id: string; token: string };
    const made = await fetch(`${url}/api/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${handle.token}` },
      body: JSON.stringify({ sessionId: handle.id, ...meldingFields() }),
    });
    expect(made.status).toBe(201);
    const { reference } = (await made.json()) as { reference: string };
    await meldingModule(t.deps).outbox.registerDue();
    const zaak = fake.store.zaken.find((z) => (z.kenmerken as { kenmerk: string }[])[0]!.kenmerk === reference)!.identificatie as string;

    await press(page, 'Mijn gegevens', 'Mijn gegevens');
    await page.getByRole('heading', { name: 'Je Wmo-melding' }).waitFor();
    expect(await page.getByText(`Staat in het systeem van de gemeente onder nummer ${zaak}.`).count()).toBe(1);
    expect(await page.getByText('Voor: Anna de Vries.', { exact: false }).count()).toBe(1);
    await axe(page, 'my data with a melding');
    await press(page, 'Alles verwijderen');
    await expect.poll(async () => (await activeElement(page)).text).toContain('Weet je het zeker?');
    await press(page, 'Ja, verwijder alles', 'Je gegevens zijn verwijderd.');
    await page
      .getByText(
        `${reference} staat al in het systeem van Gemeente Kustdorp, onder nummer ${zaak}. Daar konden wij het niet verwijderen.`,
        {
          exact: false,
        },
      )
      .waitFor();
    await axe(page, 'erased, zaak still with the municipality');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

const axe = async (page: Page, what: string) => expect(await axeViolations(page, what)).toEqual([]);

async function heading(page: Page, text: string) {
  await page.getByRole('heading', { name: text, exact: true }).waitFor({ timeout: 10_000 });
  await expect.poll(async () => (await activeElement(page)).text, { timeout: 5_000 }).toBe(text);
}

async function press(page: Page, name: string, expectHeading?: string) {
  await tabTo(page, name, 120);
  await page.keyboard.press('Enter');
  if (expectHeading) await heading(page, expectHeading);
}

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

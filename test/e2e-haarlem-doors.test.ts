// The product residents meet: every door of the real Haarlem trees, walked with the keyboard alone
// (Tab, arrows, Space, Enter) from the first question to the advice, axe on each advice page.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../scripts/build-widget.js';
import { testApp, type TestApp } from '../server/testing/test-app.js';
import { activeElement, axeViolations, launchChromium, tabTo } from './support/browser.js';

let t: TestApp;
let server: ServerType;
let url: string;
let browser: Browser;

beforeAll(async () => {
  await buildWidget();
  const generous = { limit: 10_000, windowMs: 60_000 };
  t = await testApp({
    config: {
      treeDirs: [resolve('trees/haarlem')],
      staticDir: resolve('server/static'),
      widgetDir: resolve('dist/widget'),
      rateLimits: { sessions: generous, resume: generous, concerns: generous },
    },
  });
  t.clock.now = new Date();
  server = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await t?.close();
});

const ADVICE = 'Jouw advies';

/**
 * Answers every step by keyboard until the advice: the first (or last) option of a choice, the
 * first box of a multiple choice, "Volgende" on info screens. Returns the headings passed.
 */
async function walkToAdvice(page: Page, pick: 'first' | 'last'): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < 60; i++) {
    if (await page.getByRole('heading', { name: ADVICE, exact: true }).count()) return passed;
    const heading = (await activeElement(page)).text;
    passed.push(heading);
    let a = await activeElement(page);
    for (let tab = 0; tab < 40 && a.type !== 'radio' && a.type !== 'checkbox' && !a.text.startsWith('Volgende'); tab++) {
      await page.keyboard.press('Tab');
      a = await activeElement(page);
    }
    // Arrow up from the first radio wraps to the last one and selects it, as in every browser.
    if (a.type === 'radio') await page.keyboard.press(pick === 'last' ? 'ArrowUp' : 'Space');
    if (a.type === 'checkbox') await page.keyboard.press('Space');
    const before = await progress(page);
    await tabTo(page, 'Volgende');
    await page.keyboard.press('Enter');
    // Done when the advice is there, or the step counter moved on and the new heading has focus
    // (headings can repeat between life domains, so the counter tells the steps apart).
    await expect
      .poll(
        async () =>
          (await page.getByRole('heading', { name: ADVICE, exact: true }).count()) > 0 ||
          ((await progress(page)) !== before && (await activeElement(page)).tag === 'h2'),
        { timeout: 10_000 },
      )
      .toBe(true);
  }
  throw new Error(`no advice after 60 steps: ${passed.join(' → ')}`);
}

/** "Stap 3 van ongeveer 8", read through the shadow roots: changes with every step. */
const progress = (page: Page) =>
  page.evaluate(() => {
    const find = (root: Document | ShadowRoot): string | undefined => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'VW-PROGRESS') return el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim();
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return undefined;
    };
    return find(document) ?? '';
  });

async function chooseDoor(page: Page, door: string) {
  await page.goto(`${url}/?tree=haarlem/start`);
  await page.getByRole('heading', { name: 'Waar kunnen we je mee helpen?' }).waitFor();
  let a = await activeElement(page);
  for (let tab = 0; tab < 40 && a.type !== 'radio'; tab++) {
    await page.keyboard.press('Tab');
    a = await activeElement(page);
  }
  for (let i = 0; i < 6 && !a.label.startsWith(door); i++) {
    await page.keyboard.press('ArrowDown');
    a = await activeElement(page);
  }
  expect(a.label).toMatch(new RegExp(`^${door}`));
  if (!a.checked) await page.keyboard.press('Space');
}

describe('the Haarlem doors, keyboard only, in Chromium', () => {
  it.each([
    ['Ik zoek een oplossing', 'first'],
    ['Ik wil iemand helpen', 'first'],
    ['Ik maak me zorgen om iemand', 'last'],
    ['Ik heb nu direct hulp nodig', 'first'],
  ] as const)(
    'door "%s" reaches its advice, with a human to contact and no axe violations',
    async (door, pick) => {
      const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'nl-NL' })).newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await chooseDoor(page, door);
      const passed = await walkToAdvice(page, pick);
      expect(passed.length).toBeGreaterThan(0);
      // Always a safety net: a phone number to call is on the advice page.
      expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
      expect(await axeViolations(page, `advice of "${door}"`)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    90_000,
  );
});

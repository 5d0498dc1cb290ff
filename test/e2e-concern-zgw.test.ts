// A concern report registered in the receiver's case system, in real Chromium: the reporter's status
// page shows the zaak's number once the ZGW fake holds the zaak, and says nothing of it before.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../scripts/build-widget.js';
import { DEFAULTS } from '../server/config.js';
import { KUSTDORP_DIR } from '../server/melding/melding-test-kit.js';
import { meldingModule } from '../server/melding/melding-module.js';
import { staffTest, type StaffTest } from '../server/staff/staff-test-kit.js';
import { key, startSession } from '../server/testing/test-app.js';
import { concernZgwConfig } from '../server/zgw/zgw-concern-config.js';
import { zgwConfigFromEnv } from '../server/zgw/zgw-config.js';
import { activeElement, axeViolations, launchChromium } from './support/browser.js';
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
    expect(await axeViolations(page, 'concern status with zaak number')).toEqual([]);
    await context.close();
  });
});

// The staff side's real server for browser tests (in-process on a free port, SQLite in memory, the
// demo tree – and Haarlem's when asked), with staff accounts, sign-in through the real login page
// and axe. Used by the console, inbox and coach e2e files; test/e2e-staff.test.ts has its own copy.
import { serve, type ServerType } from '@hono/node-server';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildStaff } from '../../scripts/build-staff.js';
import { buildWidget } from '../../scripts/build-widget.js';
import { createApp } from '../../server/app.js';
import { createDeps } from '../../server/boot.js';
import { DEFAULTS, type Config } from '../../server/config.js';
import type { Db } from '../../server/db/connect.js';
import type { Role, StaffDb } from '../../server/db/staff-repo.js';
import { cryptoIds } from '../../server/ids.js';
import { createLogger } from '../../server/logger.js';
import type { StaffConfig } from '../../server/staff/config.js';
import type { StaffKit } from '../../server/staff/context.js';
import { mountStaff } from '../../server/staff/index.js';
import { hashPassword } from '../../server/staff/password.js';
import { axeViolations, launchChromium } from './browser.js';

export const PASSWORD = 'kitchen table twenty three';

export interface StaffServer {
  url: string;
  db: Db;
  kit: StaffKit;
  browser: Browser;
  sdb(): StaffDb;
  /** Moves the server's clock on (idle timeouts) without waiting. */
  skip(ms: number): void;
  /** `before`: runs on the new page before it loads anything (e.g. page.clock.install()). */
  signIn(name: string, path: string, before?: (page: Page) => Promise<void>): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startStaffServer(
  accounts: [name: string, role: Role][],
  options: { staff?: Partial<StaffConfig>; haarlem?: boolean; trees?: string[] } = {},
): Promise<StaffServer> {
  await Promise.all([buildWidget(), buildStaff(), mkdir('test-artifacts', { recursive: true })]);
  const config: Config = {
    ...DEFAULTS,
    treeDirs: [resolve('test/fixtures/demo'), ...(options.haarlem ? [resolve('trees/haarlem')] : []), ...(options.trees ?? [])],
    databaseUrl: 'sqlite::memory:',
    logLevel: 'warn',
  };
  const logger = createLogger('warn', new Writable({ write: (_c, _e, done) => done() }));
  let offset = 0;
  const deps = await createDeps(config, { logger, clock: () => new Date(Date.now() + offset) });
  const app = createApp(deps);
  const kit = mountStaff(app, deps, options.staff ?? {});
  for (const [name, role] of accounts) {
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
  const server = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    url,
    db: deps.db,
    kit,
    browser,
    sdb: () => deps.db.kysely as unknown as StaffDb,
    skip: (ms) => void (offset += ms),
    async signIn(name, path, before) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
      const page = await context.newPage();
      await before?.(page);
      page.on('pageerror', (e) => console.error(`[${name}] pageerror`, e.message));
      await page.goto(`${url}${path}`);
      await page.waitForURL(/\/staff\/login/);
      await page.getByLabel('Naam').fill(name);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.waitForURL(`${url}${path}`);
      return { context, page };
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      await deps.db.close();
    },
  };
}

export async function axe(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page, what)).toEqual([]);
}

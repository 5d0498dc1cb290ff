import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config.js';
import { PASSWORD, staffTest } from '../staff/staff-test-kit.js';
import { PG_MISSING, PG_URL, freshDatabase, type FreshDatabase } from '../testing/postgres.js';
import { testApp, type TestApp } from '../testing/test-app.js';
import { postgresLimits, type LimitStore } from './limit-store.js';

// Two app instances on one PostgreSQL, each with its own connection to the limits as two server
// processes have: a client that spreads its requests over both nodes still gets the limit once.
const RULE = { limit: 3, windowMs: 60_000 };

describe.skipIf(!PG_URL)(`rate limits shared by two nodes on one PostgreSQL${PG_URL ? '' : ` (${PG_MISSING})`}`, () => {
  let fresh: FreshDatabase;
  const open: { close(): Promise<void> }[] = [];
  const node = async (limits?: LimitStore) => {
    const t = await testApp({ databaseUrl: fresh.url, config: { rateLimits: { ...DEFAULTS.rateLimits, sessions: RULE } }, limits });
    open.push(t);
    return t;
  };
  const shared = async () => {
    const limits = await postgresLimits(fresh.url);
    open.push(limits);
    return limits;
  };
  const create = (t: TestApp) => t.request('POST', '/api/sessions', { tree: 'demo/start' });
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(async () => {
    for (const o of open.reverse()) await o.close();
    await fresh?.drop();
  });

  it('session starts: the fourth within the window is refused, whichever node it reaches', async () => {
    const [a, b] = [await node(await shared()), await node(await shared())];
    expect([(await create(a)).status, (await create(b)).status, (await create(a)).status]).toEqual([201, 201, 201]);
    const refused = await create(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'rate-limited' });
    expect((await create(a)).status).toBe(429);
  });

  it('without shared limits each node counts its own (what the shared store prevents)', async () => {
    const [a, b] = [await node(), await node()];
    const statuses = [];
    for (const t of [a, b, a, b, a, b]) statuses.push((await create(t)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
  });

  it('staff sign-in attempts are counted across nodes too', async () => {
    const login = { loginRate: { limit: 2, windowMs: 60_000 } };
    const a = await staffTest(login, undefined, { databaseUrl: fresh.url, limits: await shared() });
    const b = await staffTest(login, undefined, { databaseUrl: fresh.url, limits: await shared() });
    open.push(a, b);
    const attempt = (t: TestApp) => t.request('POST', '/api/staff/login', { name: 'nobody', password: 'wrong password' });
    expect([(await attempt(a)).status, (await attempt(b)).status]).toEqual([401, 401]);
    expect((await attempt(a)).status).toBe(429);
  });

  it('a name locked by failures on two nodes is locked on both, also for the right password', async () => {
    const options = { loginRate: { limit: 1000, windowMs: 60_000 }, loginLockout: { failures: 3, windowMs: 60_000, lockMs: 60_000 } };
    const a = await staffTest(options, undefined, { databaseUrl: fresh.url, limits: await shared() });
    const b = await staffTest(options, undefined, { databaseUrl: fresh.url, limits: await shared() });
    open.push(a, b);
    await a.addAccount('mila', 'medewerker');
    const attempt = (t: TestApp, password: string) => t.request('POST', '/api/staff/login', { name: 'mila', password });
    expect([(await attempt(a, 'wrong one')).status, (await attempt(b, 'wrong two')).status]).toEqual([401, 401]);
    expect((await attempt(a, 'wrong three')).status).toBe(401);
    const locked = await attempt(b, PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'account-locked' });
    expect((await attempt(a, PASSWORD)).status).toBe(429);
    expect((await a.kit.audit.forTarget('account', (await a.kit.repo.accountByName('mila'))!.id)).map((r) => r.action)).toContain(
      'login.locked',
    );
  });
});

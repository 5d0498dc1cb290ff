import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, staffTest, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
beforeEach(async () => {
  t = await staffTest({ loginRate: { limit: 4, windowMs: 60_000 } });
  await t.addAccount('mila', 'medewerker');
});
afterEach(() => t.close());

const audit = async (action: string) => (await t.kit.audit.recent()).filter((r) => r.action === action);

describe('staff sign-in', () => {
  it('a disabled account is out at once: its open session ends and it cannot sign in again', async () => {
    const mila = await t.login('mila');
    expect((await mila.call('GET', '/api/staff/me')).status).toBe(200);
    expect(await t.kit.repo.setActive('mila', false)).toBe(true);
    expect((await mila.call('GET', '/api/staff/me')).status).toBe(401);
    expect((await t.request('POST', '/api/staff/login', { name: 'mila', password: PASSWORD })).status).toBe(401);
    await t.kit.repo.setActive('mila', true);
    expect((await t.request('POST', '/api/staff/login', { name: 'mila', password: PASSWORD })).status).toBe(200);
  });

  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie; the hash is scrypt with its parameters', async () => {
    const res = await t.request('POST', '/api/staff/login', { name: 'mila', password: PASSWORD });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('vw_staff='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\//);
    expect(cookies.find((c) => c.startsWith('vw_csrf='))).not.toMatch(/HttpOnly/);
    const account = await t.kit.repo.accountByName('mila');
    expect(account!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    // Only hashes of the cookie and the CSRF token are stored.
    const rows = await t.kit.db.selectFrom('staff_sessions').selectAll().execute();
    const value = session.split(';')[0]!.split('=')[1]!;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(value);
  });

  it('uses __Host- cookies with Secure on a non-localhost origin', async () => {
    const res = await t.app.request('https://vraagwijzer.haarlem.nl/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mila', password: PASSWORD }),
    });
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('__Host-vw_staff=') && /Secure/.test(c) && /HttpOnly/.test(c))).toBe(true);
    expect(cookies.some((c) => c.startsWith('__Host-vw_csrf=') && /Secure/.test(c))).toBe(true);
  });

  it('answers a wrong password and an unknown name alike with 401 and audits both', async () => {
    const wrong = await t.request('POST', '/api/staff/login', { name: 'mila', password: 'nope' });
    const unknown = await t.request('POST', '/api/staff/login', { name: 'nobody', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('login-failed');
    expect(wrong.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await audit('login.failed')).toHaveLength(2);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('rate-limits sign-in attempts with 429 and Retry-After, also for the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.request('POST', '/api/staff/login', { name: 'mila', password: 'guess' + i })).status);
    const blocked = await t.request('POST', '/api/staff/login', { name: 'mila', password: PASSWORD });
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect((await t.request('POST', '/api/staff/login', { name: 'mila', password: PASSWORD })).status).toBe(200);
  });

  it('ends the session after 30 minutes idle, but not while it is used', async () => {
    const mila = await t.login('mila');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(20 * 60_000);
      expect((await mila.call('GET', '/api/staff/me')).status).toBe(200);
    }
    t.clock.advance(31 * 60_000);
    const res = await mila.call('GET', '/api/staff/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('staff-login-required');
    expect(await audit('logout.idle')).toHaveLength(1);
  });

  it('purges ended staff sessions and the staff notes of sessions that retention deleted', async () => {
    await t.login('mila');
    const active = await t.login('mila');
    t.clock.advance(31 * 60_000);
    await active.call('GET', '/api/staff/me'); // ends one of them on use
    await t.login('mila');
    await t.kit.repo.addNote({ id: 'n1', session_id: 'gone', node: 'deur', text: 'x', account_id: 'a', at: t.clock.now.toISOString() });
    expect(await t.kit.purge()).toBe(2); // the idle session nobody used again, and the orphaned note
    expect(await t.kit.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(1);
    expect(await t.kit.db.selectFrom('staff_notes').selectAll().execute()).toHaveLength(0);
  });

  it('ends the session at the absolute expiry even when active', async () => {
    await t.close();
    t = await staffTest({ absoluteTimeoutMs: 60 * 60_000 });
    await t.addAccount('mila', 'medewerker');
    const mila = await t.login('mila');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(25 * 60_000);
      await mila.call('GET', '/api/staff/me');
    }
    expect((await mila.call('GET', '/api/staff/me')).status).toBe(401);
  });

  it('refuses a state change without the CSRF header, or with a header that does not match, with 403', async () => {
    const mila = await t.login('mila');
    const body = { tree: 'demo/start', channel: 'telefoon' };
    const missing = await mila.call('POST', '/api/staff/sessions', body, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await missing.json()) as { code: string }).code).toBe('csrf-token-invalid');
    const forged = await mila.call('POST', '/api/staff/sessions', body, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(forged.status).toBe(403);
    const crossSite = await mila.call('POST', '/api/staff/sessions', body, { headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await t.kit.db.selectFrom('sessions').selectAll().execute()).length).toBe(0);
    expect((await mila.call('POST', '/api/staff/sessions', body)).status).toBe(201);
  });

  it('logout ends the server-side session: the old cookie no longer works', async () => {
    const mila = await t.login('mila');
    const cookie = new Map(mila.cookies);
    expect((await mila.call('POST', '/api/staff/logout')).status).toBe(204);
    const res = await t.request('GET', '/api/staff/me', undefined, { cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join('; ') });
    expect(res.status).toBe(401);
  });

  it('sends pages to the sign-in page when not signed in, and gives 403 for the wrong role', async () => {
    const page = await t.request('GET', '/staff/concerns');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/staff/login?next=%2Fstaff%2Fconcerns');
    const mila = await t.login('mila');
    expect((await mila.call('GET', '/staff/concerns')).status).toBe(403);
    expect((await mila.call('GET', '/coach')).status).toBe(403);
    const consolePage = await mila.call('GET', '/staff');
    expect(consolePage.status).toBe(200);
    expect(consolePage.headers.get('cache-control')).toBe('no-store');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, agent, staffTest, type StaffTest } from './staff-test-kit.js';

// The audit log as a beheerder reads it: who did what, from which address, refusals included, and
// a hash chain that shows whether a row was changed afterwards.
let t: StaffTest;
beforeEach(async () => {
  t = await staffTest();
  await t.addAccount('bea', 'beheerder');
  await t.addAccount('mila', 'medewerker');
});
afterEach(() => t.close());

/** Signs in from a socket address, keeping the cookies, and calls on from that same address. */
async function signInFrom(name: string, address: string) {
  const env = { incoming: { socket: { remoteAddress: address } } };
  const res = await t.app.request(
    '/api/staff/login',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) },
    env,
  );
  expect(res.status).toBe(200);
  const cookies = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [k, ...v] = pair!.split('=');
    cookies.set(k!.trim(), v.join('='));
  }
  const me = agent(t, cookies);
  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    t.app.request(path, { method, headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...headers } }, env);
  return { me, call };
}

type Entry = { seq: number; action: string; accountId: string | null; address: string | null; targetId: string | null; detail: unknown };
const rows = (action: string) => t.kit.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('audit log', () => {
  it('records the source address, refused roles and refused CSRF attempts', async () => {
    const mila = await signInFrom('mila', '198.51.100.23');
    expect((await rows('login'))[0]).toMatchObject({ address: '198.51.100.23' });
    expect((await mila.call('GET', '/api/staff/concerns')).status).toBe(403);
    const refused = await rows('access.refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ role: 'medewerker', address: '198.51.100.23' });
    expect(JSON.parse(refused[0]!.detail!)).toMatchObject({ route: '/api/staff/concerns', needs: ['behandelaar', 'beheerder'] });
    // A change without the double-submit token.
    const forged = await mila.call('POST', '/api/staff/logout');
    expect(forged.status).toBe(403);
    expect(await rows('csrf.refused')).toEqual([expect.objectContaining({ role: 'medewerker', address: '198.51.100.23' })]);
  });

  it('a beheerder reads it newest first, a page at a time; nobody else may', async () => {
    const mila = await signInFrom('mila', '198.51.100.23');
    expect((await mila.call('GET', '/api/staff/audit')).status).toBe(403);
    const bea = await t.login('bea');
    const first = (await (await bea.call('GET', '/api/staff/audit?limit=2')).json()) as { entries: Entry[]; next: number | null };
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]!.seq).toBeGreaterThan(first.entries[1]!.seq);
    const all = (await (await bea.call('GET', '/api/staff/audit')).json()) as { entries: Entry[]; next: number | null };
    expect(all.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'access.refused', 'audit.read']));
    const rest = (await (await bea.call('GET', `/api/staff/audit?before=${first.next}`)).json()) as { entries: Entry[] };
    expect(rest.entries[0]!.seq).toBe(first.entries[1]!.seq - 1);
  });

  it('the chain check finds a row changed or removed afterwards', async () => {
    await signInFrom('mila', '198.51.100.23');
    const bea = await t.login('bea');
    const verify = async () =>
      (await (await bea.call('GET', '/api/staff/audit/verify')).json()) as { intact: boolean; checked: number; brokenAt?: number };
    expect(await verify()).toMatchObject({ intact: true });
    const login = (await rows('login'))[0]!;
    await t.kit.db.updateTable('audit_log').set({ address: '10.9.9.9' }).where('id', '=', login.id).execute();
    expect(await verify()).toMatchObject({ intact: false, brokenAt: Number(login.seq) });
    await t.kit.db.updateTable('audit_log').set({ address: login.address }).where('id', '=', login.id).execute();
    expect((await verify()).intact).toBe(true);
    await t.kit.db.deleteFrom('audit_log').where('id', '=', login.id).execute();
    expect(await verify()).toMatchObject({ intact: false, brokenAt: Number(login.seq) });
  });
});

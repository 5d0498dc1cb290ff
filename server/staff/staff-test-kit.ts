// Test support (not a test file): the real app + staff routes on SQLite in memory, and a staff
// "browser" that keeps its cookies and echoes the CSRF token like the staff pages do.
import type { Role } from '../db/staff-repo.js';
import type { Fetch } from './handover-delivery.js';
import { cryptoIds } from '../ids.js';
import type { CreatedSession } from '../api/contract.js';
import { key, testApp, type TestApp } from '../testing/test-app.js';
import type { StaffConfig } from './config.js';
import type { StaffKit } from './context.js';
import { mountStaff } from './index.js';
import { hashPassword } from './password.js';

export interface StaffTest extends TestApp {
  kit: StaffKit;
  addAccount(name: string, role: Role, password?: string): Promise<string>;
  login(name: string, password?: string): Promise<StaffAgent>;
}

export interface StaffAgent {
  cookies: Map<string, string>;
  csrf: string;
  /** Sends cookies and (for changes) the CSRF header unless `csrf: false`. */
  call(method: string, path: string, body?: unknown, opts?: { csrf?: boolean; headers?: Record<string, string> }): Promise<Response>;
}

export const PASSWORD = 'correct horse battery staple';

export async function staffTest(
  options: Partial<StaffConfig> = {},
  send?: Fetch,
  app: Parameters<typeof testApp>[0] = {},
): Promise<StaffTest> {
  const t = await testApp(app);
  const kit = mountStaff(t.app, { ...t.deps, db: t.db }, options, send);
  const addAccount = async (name: string, role: Role, password = PASSWORD) => {
    const id = cryptoIds.id();
    await kit.repo.addAccount(
      {
        id,
        name,
        displayName: name[0]!.toUpperCase() + name.slice(1),
        role,
        passwordHash: await hashPassword(password),
        oidcSubject: null,
      },
      t.clock.now.toISOString(),
    );
    return id;
  };
  const login = async (name: string, password = PASSWORD) => {
    const res = await t.request('POST', '/api/staff/login', { name, password });
    if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
    return agent(t, readCookies(res, new Map()));
  };
  return Object.assign(t, { kit, addAccount, login });
}

export function agent(t: TestApp, cookies: Map<string, string>): StaffAgent {
  return {
    cookies,
    get csrf() {
      return cookies.get('vw_csrf') ?? '';
    },
    async call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...opts.headers };
      if (method !== 'GET' && opts.csrf !== false) headers['x-csrf-token'] = cookies.get('vw_csrf') ?? '';
      const res = await t.request(method, path, body, headers);
      readCookies(res, cookies);
      return res;
    },
  };
}

function readCookies(res: Response, jar: Map<string, string>): Map<string, string> {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [k, ...v] = pair!.split('=');
    const value = v.join('=');
    if (!value || /max-age=0/i.test(line)) jar.delete(k!.trim());
    else jar.set(k!.trim(), value);
  }
  return jar;
}

/** A medewerker's loket session for a caller who wants to help: the start of the handover tests. */
export async function loketSession(agent: StaffAgent): Promise<{ created: CreatedSession; headers: Record<string, string> }> {
  const res = await agent.call('POST', '/api/staff/sessions', { tree: 'demo/start', channel: 'loket' });
  if (res.status !== 201) throw new Error(`staff session: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as CreatedSession;
  const headers = { 'x-session-token': created.token };
  const answered = await agent.call(
    'POST',
    `/api/staff/sessions/${created.id}/answers`,
    { node: 'deur', value: 'helpen', version: 0, idempotencyKey: key(), channel: 'loket' },
    { headers },
  );
  if (answered.status !== 200) throw new Error(`staff answer: ${answered.status} ${await answered.text()}`);
  return { created, headers };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, staffTest, type StaffTest } from './staff-test-kit.js';
import { startFakeIdp, type FakeIdp } from './fake-idp.js';

const CLIENT = 'vraagwijzer-haarlem';
let idp: FakeIdp;
let t: StaffTest;

beforeEach(async () => {
  idp = await startFakeIdp(CLIENT);
  t = await staffTest({
    oidc: {
      issuer: idp.issuer,
      clientId: CLIENT,
      redirectUri: 'http://localhost/staff/oidc/callback',
      scope: 'openid profile',
      roleClaim: 'groups',
      roleMap: { 'grp-zorgmeldingen': 'behandelaar', 'grp-14023': 'medewerker' },
    },
  });
  // The app's clock is fixed in the test; the provider's tokens use real time.
  t.clock.now = new Date();
});
afterEach(async () => {
  await t.close();
  await idp.close();
});

/** Plays the browser: app → provider → app, following the redirects by hand. */
async function signIn(tamper: (callback: URL) => void = () => undefined) {
  const start = await t.request('GET', '/staff/oidc/login');
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.origin).toBe(idp.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const back = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(back.headers.get('location')!);
  tamper(callback);
  return t.request('GET', `${callback.pathname}${callback.search}`);
}

describe('OIDC sign-in (authorization code + PKCE)', () => {
  it('signs in with a verified id_token and takes the role from the configured claim', async () => {
    const res = await signIn();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/concerns');
    const cookies = new Map(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
    const me = await agent(t, cookies).call('GET', '/api/staff/me');
    expect(await me.json()).toMatchObject({ displayName: 'Bea Behandel', role: 'behandelaar' });
    expect((await agent(t, cookies).call('GET', '/api/staff/concerns')).status).toBe(200);
  });

  it('follows a changed group on the next sign-in', async () => {
    await signIn();
    idp.user = { ...idp.user, groups: ['grp-14023'] };
    const res = await signIn();
    expect(res.headers.get('location')).toBe('/staff');
    expect((await t.kit.repo.accountBySubject(`${idp.issuer} u-1`))!.role).toBe('medewerker');
  });

  it('refuses a token signed with a key the provider does not publish', async () => {
    idp.forgeSignature = true;
    const res = await signIn();
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a user without a mapped role', async () => {
    idp.user = { sub: 'u-2', groups: ['grp-iets-anders'] };
    expect((await signIn()).status).toBe(403);
  });

  it('refuses a replayed or unknown state', async () => {
    let used = '';
    expect((await signIn((u) => (used = `${u.pathname}${u.search}`))).status).toBe(303);
    expect((await t.request('GET', used)).status).toBe(400);
    expect((await signIn((u) => u.searchParams.set('state', 'x'.repeat(43)))).status).toBe(400);
  });

  it('fails the code exchange when the PKCE verifier does not match (provider answers invalid_grant)', async () => {
    // Two flows; the callback of the second carries the first one's code: its verifier does not fit.
    let firstCode = '';
    await t.request('GET', '/staff/oidc/login').then(async (r) => {
      const back = await fetch(new URL(r.headers.get('location')!), { redirect: 'manual' });
      firstCode = new URL(back.headers.get('location')!).searchParams.get('code')!;
    });
    const res = await signIn((u) => u.searchParams.set('code', firstCode));
    expect(res.status).toBe(403);
  });
});

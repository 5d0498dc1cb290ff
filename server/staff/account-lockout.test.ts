import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, staffTest, type StaffTest } from './staff-test-kit.js';

// The outside test: 200 guesses from 20 addresses on one account, all processed. Failures now count
// per name, from every address together.
let t: StaffTest;
let basId: string;
beforeEach(async () => {
  // Five failures in 15 minutes lock a name for 15 minutes (the default); the per-address limit is
  // set high so that only the per-account lock can stop these guesses.
  t = await staffTest({ loginRate: { limit: 1000, windowMs: 60_000 } });
  basId = await t.addAccount('bas', 'behandelaar');
  await t.addAccount('mila', 'medewerker');
});
afterEach(() => t.close());

let address = 0;
/** A sign-in from a fresh address every time. */
const signIn = (name: string, password: string) =>
  t.app.request(
    '/api/staff/login',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) },
    { incoming: { socket: { remoteAddress: `198.51.100.${++address % 250}` } } },
  );
const audit = (action: string) => t.kit.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('sign-in lockout per account', () => {
  it('five wrong passwords from five addresses lock the name: even the right password is refused, in Dutch, with Retry-After, and audited', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('bas', `guess-${i}`)).status).toBe(401);
    const locked = await signIn('Bas ', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    const body = (await locked.json()) as { code: string; detail: string };
    expect(body.code).toBe('account-locked');
    expect(body.detail).toMatch(/te vaak een verkeerd wachtwoord.*Probeer het over 15 minuten opnieuw/);
    const entries = await audit('login.locked');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ target_kind: 'account', target_id: basId });
    // Another account is not affected.
    expect((await signIn('mila', PASSWORD)).status).toBe(200);
  });

  it('the lock ends by itself; a successful sign-in starts the count afresh', async () => {
    for (let i = 0; i < 5; i++) await signIn('bas', `guess-${i}`);
    t.clock.advance(14 * 60_000);
    expect((await signIn('bas', PASSWORD)).status).toBe(429);
    t.clock.advance(60_000);
    expect((await signIn('bas', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await signIn('bas', `guess-${i}`);
    expect((await signIn('bas', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await signIn('bas', `guess-${i}`);
    expect((await signIn('bas', PASSWORD)).status).toBe(200);
  });

  it('an unknown name locks the same way, so a lock does not tell which names exist', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('niemand', `guess-${i}`)).status).toBe(401);
    expect((await signIn('niemand', 'x')).status).toBe(429);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let mila: StaffAgent;
beforeEach(async () => {
  t = await staffTest();
  await t.addAccount('mila', 'medewerker');
  mila = await t.login('mila');
});
afterEach(() => t.close());

const MIN = 60_000;

describe('staff idle timeout, as the page needs it', () => {
  it('tells the page the idle timeout, so that it can warn before the end', async () => {
    const me = (await (await mila.call('GET', '/api/staff/me')).json()) as { idleTimeoutMs: number };
    expect(me.idleTimeoutMs).toBe(30 * MIN);
  });

  it("a page's background reads (live updates) do not keep an unattended desk signed in", async () => {
    t.clock.advance(20 * MIN);
    expect((await mila.call('GET', '/api/staff/me', undefined, { headers: { 'x-vw-background': '1' } })).status).toBe(200);
    t.clock.advance(11 * MIN); // 31 minutes after the last request of the member's own
    const res = await mila.call('GET', '/api/staff/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('staff-login-required');
  });

  it('a request of the member restarts the clock, also with a short timeout', async () => {
    await t.close();
    t = await staffTest({ idleTimeoutMs: 60_000 });
    await t.addAccount('mila', 'medewerker');
    mila = await t.login('mila');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(45_000);
      expect((await mila.call('GET', '/api/staff/me')).status).toBe(200);
    }
    t.clock.advance(61_000);
    expect((await mila.call('GET', '/api/staff/me')).status).toBe(401);
  });
});

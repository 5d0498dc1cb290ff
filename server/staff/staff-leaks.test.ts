import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffTest, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let dir: string;
beforeEach(async () => {
  // A built staff bundle with its source map, as scripts/build-staff.ts writes them.
  dir = mkdtempSync(join(tmpdir(), 'vw-staff-dist-'));
  writeFileSync(join(dir, 'staff-ABCD1234.js'), 'console.log("staff");\n//# sourceMappingURL=staff-ABCD1234.js.map\n');
  writeFileSync(
    join(dir, 'staff-ABCD1234.js.map'),
    JSON.stringify({ version: 3, sources: ['widget/staff/vw-staff-app.ts'], mappings: '' }),
  );
  t = await staffTest({ staffDir: dir });
  await t.addAccount('bas', 'behandelaar');
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what the staff app gives away', () => {
  it('the bundle loads before sign-in; its source map only with a staff session', async () => {
    expect((await t.request('GET', '/staff/assets/staff-ABCD1234.js')).status).toBe(200);
    const anonymous = await t.request('GET', '/staff/assets/staff-ABCD1234.js.map');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('vw-staff-app.ts');
    const bas = await t.login('bas');
    const signedIn = await bas.call('GET', '/staff/assets/staff-ABCD1234.js.map');
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain('vw-staff-app.ts');
  });

  it('a session ended by the idle timeout answers 401 and clears both cookies', async () => {
    const bas = await t.login('bas');
    expect((await bas.call('GET', '/api/staff/me')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    const ended = await bas.call('GET', '/api/staff/me');
    expect(ended.status).toBe(401);
    expect(((await ended.json()) as { code: string }).code).toBe('staff-login-required');
    const cleared = ended.headers.getSetCookie();
    for (const name of ['vw_staff', 'vw_csrf'])
      expect(cleared).toContainEqual(expect.stringMatching(new RegExp(`^${name}=;.*Max-Age=0`, 'i')));
    expect(bas.cookies.size).toBe(0);
  });
});

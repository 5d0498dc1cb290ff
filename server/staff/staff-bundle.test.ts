import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_DIR, buildStaff } from '../../scripts/build-staff.js';
import { staffTest, type StaffTest } from './staff-test-kit.js';

// The staff bundle served as the widget's is (issue 20): a content-hashed name cached for a year,
// brotli/gzip written at build time, ETags; the page shells load it by that name.
let t: StaffTest;
let hashed: string;
beforeAll(async () => {
  await buildStaff();
  hashed = (JSON.parse(readFileSync(join(STAFF_DIR, 'staff.manifest.json'), 'utf8')) as Record<string, string>)['staff.js']!;
  t = await staffTest({ staffDir: STAFF_DIR });
}, 120_000);
afterAll(() => t?.close());

describe('the staff bundle', () => {
  it('has a content-hashed name, and the page shells load it by that name', async () => {
    expect(hashed).toMatch(/^staff-[A-Z0-9]{8}\.js$/);
    for (const page of ['/staff/login']) {
      const html = await (await t.request('GET', page)).text();
      expect(html).toContain(`src="/staff/assets/${hashed}"`);
      expect(html).not.toContain('src="/staff/assets/staff.js"');
    }
  });

  it('is cached for a year, sent pre-compressed by Accept-Encoding, and revalidated by its ETag', async () => {
    const path = `/staff/assets/${hashed}`;
    const br = await t.request('GET', path, undefined, { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    expect(Buffer.from(await br.arrayBuffer())).toEqual(readFileSync(join(STAFF_DIR, `${hashed}.br`)));
    const gzip = await t.request('GET', path, undefined, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await t.request('GET', path);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(readFileSync(join(STAFF_DIR, hashed), 'utf8'));
    const again = await t.request('GET', path, undefined, { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('keeps the stable entry and the service worker revalidated, with ETags', async () => {
    const entry = await t.request('GET', '/staff/assets/staff.js');
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    expect(await entry.text()).toBe(`export * from './${hashed}';\n`);
    expect((await t.request('GET', '/staff/assets/staff.js', undefined, { 'if-none-match': entry.headers.get('etag')! })).status).toBe(304);
    const sw = await t.request('GET', '/coach-sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/^text\/javascript/);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app.js';

const HASHED = 'vraag-wijzer-ABCD1234.js';
const BUNDLE = 'customElements.define("vraag-wijzer", class extends HTMLElement {});\n'.repeat(20);
const widgetDir = await mkdtemp(join(tmpdir(), 'vw-widget-'));
await writeFile(join(widgetDir, HASHED), BUNDLE);
await writeFile(join(widgetDir, `${HASHED}.br`), brotliCompressSync(BUNDLE));
await writeFile(join(widgetDir, `${HASHED}.gz`), gzipSync(BUNDLE));
await writeFile(join(widgetDir, 'vraag-wijzer.js'), `export * from './${HASHED}';\n`);
await writeFile(join(widgetDir, 'vraag-wijzer.manifest.json'), JSON.stringify({ 'vraag-wijzer.js': HASHED }));
const t: TestApp = await testApp({ config: { widgetDir } });
afterAll(() => t.close());

const get = (path: string, headers: Record<string, string> = {}) => t.request('GET', path, undefined, headers);

describe('the widget bundle', () => {
  it('can be embedded by a municipal site on another origin', async () => {
    const res = await get('/widget/vraag-wijzer.js', { origin: 'https://www.haarlem.nl' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers a missing or odd file name with a problem, not a file from elsewhere', async () => {
    for (const path of ['/widget/nope.js', '/widget/..%2Fpackage.json', '/widget/x.exe', `/widget/${HASHED}.br`]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });

  it('keeps the hashed bundle cached for a year, the stable entry only for minutes', async () => {
    const hashed = await get(`/widget/${HASHED}`);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const entry = await get('/widget/vraag-wijzer.js');
    expect(entry.headers.get('cache-control')).toMatch(/^public, max-age=300\b/);
    expect(await entry.text()).toContain(`./${HASHED}`);
  });

  it('sends the brotli or gzip file made at build time to a client that accepts it', async () => {
    const br = await get(`/widget/${HASHED}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(BUNDLE);

    const gz = await get(`/widget/${HASHED}`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(BUNDLE);

    const plain = await get(`/widget/${HASHED}`, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BUNDLE);
  });

  it('answers a repeat visit with 304 and no body, per encoding', async () => {
    const first = await get(`/widget/${HASHED}`, { 'accept-encoding': 'br' });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`/widget/${HASHED}`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // The gzip variant is another representation: the brotli ETag does not validate it.
    const other = await get(`/widget/${HASHED}`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(other.status).toBe(200);
  });
});

describe('the demo pages', () => {
  it('load the hashed bundle directly and revalidate by ETag', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain(`/widget/${HASHED}`);
    expect(html).not.toContain('/widget/vraag-wijzer.js"');
    const again = await get('/', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
    // The browser keeps the 304's headers for the cached page: the page's CSP, not the API's.
    expect(again.headers.get('content-security-policy')).toBe(res.headers.get('content-security-policy'));
    expect(again.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('the demo pages', () => {
  it("name the municipality's contact number from its served gemeente.json, and generic words without one", async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'vw-static-'));
    await writeFile(join(staticDir, 'contact.html'), '<p>Bel {{demo.kcc}} of {{nergens.kcc}}.</p>');
    const app = await testApp({ config: { staticDir } });
    try {
      expect(await (await app.request('GET', '/demo/contact')).text()).toBe('<p>Bel 14 023 of de gemeente.</p>');
    } finally {
      await app.close();
    }
  });

  it('take ?tree=, ?lang= and ?dir= onto the element and the page, and ignore values that are not a published tree, two letters or a direction', async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'vw-static-'));
    await writeFile(
      join(staticDir, 'pick.html'),
      '<html lang="nl"><body><vraag-wijzer tree="nergens/start" lang="nl"></vraag-wijzer></body></html>',
    );
    const app = await testApp({ config: { staticDir } });
    try {
      const picked = await (await app.request('GET', '/demo/pick?tree=demo/start&lang=en&dir=rtl')).text();
      expect(picked).toMatch(/^<html lang="nl" dir="rtl">/);
      expect(picked).toContain('<vraag-wijzer tree="demo/start" lang="en"><style>');
      expect(picked).toContain('<div class="vw-first-paint" lang="en">');
      const odd = await (await app.request('GET', `/demo/pick?tree=${encodeURIComponent('demo/start"><script>')}&lang=eng&dir=up`)).text();
      expect(odd).toBe('<html lang="nl"><body><vraag-wijzer tree="nergens/start" lang="nl"></vraag-wijzer></body></html>');
    } finally {
      await app.close();
    }
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app.js';

const widgetDir = await mkdtemp(join(tmpdir(), 'vw-widget-'));
await writeFile(join(widgetDir, 'vraag-wijzer.js'), 'export {};');
const t: TestApp = await testApp({ config: { widgetDir } });
afterAll(() => t.close());

describe('the widget bundle', () => {
  it('can be embedded by a municipal site on another origin', async () => {
    const res = await t.request('GET', '/widget/vraag-wijzer.js', undefined, { origin: 'https://www.haarlem.nl' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers a missing or odd file name with a problem, not a file from elsewhere', async () => {
    for (const path of ['/widget/nope.js', '/widget/..%2Fpackage.json', '/widget/x.exe']) {
      const res = await t.request('GET', path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
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
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => (t = await testApp()));
afterEach(() => t.close());

describe('API description', () => {
  it('/api/openapi.json describes every API route, with request schemas from the zod schemas', async () => {
    const doc = (await (await t.request('GET', '/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, any>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = t.app.routes
      .filter(
        (r) =>
          (r.path.startsWith('/api/') || r.path.endsWith('z')) &&
          !['/api/*', '/api/openapi.json', '/api/docs'].includes(r.path) &&
          r.method !== 'ALL',
      )
      .map((r) => `${r.method} ${r.path.replace(':token', ':statusToken')}`);
    expect(new Set(documented)).toEqual(new Set(served));
    const ref = doc.paths['/api/sessions/{id}/answers']!.post.requestBody.content['application/json'].schema;
    expect(ref).toEqual({ $ref: '#/components/schemas/AnswerRequest' });
    const answer = (doc as unknown as { components: { schemas: Record<string, object> } }).components.schemas.AnswerRequest;
    expect(answer).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['node', 'value', 'version', 'idempotencyKey']),
    });
  });

  it('/api/docs is a readable page without external resources', async () => {
    const res = await t.request('GET', '/api/docs');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/sessions/{id}/answers');
    expect(html).not.toMatch(/<script|https?:\/\/(?!vraagwijzer)/);
  });

  it('serves the demo page and says how to build a missing widget bundle', async () => {
    const page = await t.request('GET', '/');
    expect([200, 404]).toContain(page.status);
    const widget = await testApp({ config: { widgetDir: '/nonexistent' } });
    const res = await widget.request('GET', '/widget/vraag-wijzer.js');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'widget-not-built' });
    expect((await widget.request('GET', '/widget/..%2Fpackage.json')).status).toBe(404);
    await widget.close();
  });
});

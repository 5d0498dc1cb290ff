import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { servedRoutes } from '../routes/doc-routes.js';
import { staffTest } from '../staff/staff-test-kit.js';
import { testApp, type TestApp } from '../testing/test-app.js';

interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

let t: TestApp;
beforeEach(async () => (t = await testApp()));
afterEach(() => t.close());

describe('API description', () => {
  it('is one valid OpenAPI 3.1 document: every $ref resolves, each operation has an operationId and a response schema', async () => {
    const staff = await staffTest();
    const doc = (await (await staff.request('GET', '/api/openapi.json')).json()) as Doc;
    await staff.close();
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);
    const ops = Object.values(doc.paths).flatMap((o) => Object.values(o));
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const op of ops) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) >= 300 || status === '204') continue;
        // JSON, or the one media type a download or event stream declares.
        const media = Object.keys(r.content ?? {});
        expect(media.length, `${op.operationId} ${status} media types`).toBe(1);
        const schema = r.content?.[media[0]!]?.schema;
        expect(schema, `${op.operationId} ${status}`).toBeDefined();
        expect(schema, `${op.operationId} ${status} says more than "an object"`).not.toEqual({ type: 'object' });
      }
    }
  });

  it('describes every API route the app serves, staff routes included, and nothing it does not serve', async () => {
    const staff = await staffTest();
    const doc = (await (await staff.request('GET', '/api/openapi.json')).json()) as Doc;
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    const api = (served: Set<string>) =>
      [...served].filter((r) => /^(get|post) (\/api\/|\/(health|ready)z)/.test(r) && !/\/api\/(openapi\.json|docs)$/.test(r));
    expect(new Set(documented)).toEqual(new Set(api(servedRoutes(staff.app))));
    expect(documented.filter((r) => r.includes('/api/staff/')).length).toBeGreaterThanOrEqual(28);
    await staff.close();
    // Without the staff routes mounted, the document does not claim them.
    const plain = (await (await t.request('GET', '/api/openapi.json')).json()) as Doc;
    expect(Object.keys(plain.paths).filter((p) => p.startsWith('/api/staff/'))).toEqual([]);
    const ref = plain.paths['/api/sessions/{id}/answers']!.post!.requestBody!.content['application/json']!.schema;
    expect(ref).toEqual({ $ref: '#/components/schemas/AnswerRequest' });
    expect(plain.components.schemas.AnswerRequest).toMatchObject({
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

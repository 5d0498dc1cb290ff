import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key, startSession, tableCounts, testApp, type TestApp } from '../testing/test-app.js';

// Every bad request gets a clear problem+json and leaves the database exactly as it was.
let t: TestApp;
let s: Awaited<ReturnType<typeof startSession>>;
beforeEach(async () => {
  t = await testApp();
  s = await startSession(t);
});
afterEach(() => t.close());

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as {
    code: string;
    title: string;
    detail: string;
    type: string;
    status: number;
    errors?: { pointer?: string; parameter?: string }[];
  };
  expect(body).toMatchObject({ status, code, type: expect.stringContaining(code) });
  expect(body.detail.length).toBeGreaterThan(10);
  return body;
}

async function unchanged(run: () => Promise<void>) {
  const before = await tableCounts(t.db);
  const events = await t.deps.store.sessions.events(s.id);
  await run();
  expect(await tableCounts(t.db)).toEqual(before);
  expect(await t.deps.store.sessions.events(s.id)).toEqual(events);
}

const answers = () => `/api/sessions/${s.id}/answers`;
const good = () => ({ node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() });

describe('bad input', () => {
  it('malformed JSON → 400 malformed-json', () =>
    unchanged(async () => {
      await expectProblem(await t.request('POST', answers(), '{"node": "deur", ', s.auth), 400, 'malformed-json');
    }));

  it('wrong types → 422 with a pointer per field', () =>
    unchanged(async () => {
      const body = await expectProblem(
        await t.request('POST', answers(), { node: 7, value: 'x', version: '0', idempotencyKey: key() }, s.auth),
        422,
        'validation-failed',
      );
      expect(body.errors!.map((e) => e.pointer).sort()).toEqual(['/node', '/version']);
    }));

  it('unknown fields are rejected, each named', () =>
    unchanged(async () => {
      const body = await expectProblem(await t.request('POST', answers(), { ...good(), admin: true }, s.auth), 422, 'validation-failed');
      expect(body.errors).toEqual([{ pointer: '/admin', code: 'unknown-field', message: expect.stringContaining('admin') }]);
    }));

  it('a body over the limit → 413', () =>
    unchanged(async () => {
      await expectProblem(await t.request('POST', answers(), { ...good(), value: 'x'.repeat(20_000) }, s.auth), 413, 'body-too-large');
    }));

  it('a body that is not JSON → 415', () =>
    unchanged(async () => {
      await expectProblem(
        await t.request('POST', answers(), 'node=deur', { ...s.auth, 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'unsupported-media-type',
      );
    }));

  it('unknown session → 404, missing token → 401, wrong token → 401', async () => {
    const other = await startSession(t);
    await unchanged(async () => {
      await expectProblem(await t.request('POST', '/api/sessions/nope/answers', good(), s.auth), 404, 'session-not-found');
      await expectProblem(await t.request('POST', answers(), good()), 401, 'token-missing');
      const wrong = await t.request('POST', answers(), good(), other.auth);
      await expectProblem(wrong, 401, 'token-invalid');
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  });

  it('answering a node that is not current → 422 not-current-node; a value that is not an option → unknown-option', () =>
    unchanged(async () => {
      const notCurrent = await expectProblem(
        await t.request('POST', answers(), { ...good(), node: 'naar-oplossing/leeftijd', value: 40 }, s.auth),
        422,
        'not-current-node',
      );
      expect(notCurrent.errors![0]!.pointer).toBe('/node');
      const unknown = await expectProblem(
        await t.request('POST', answers(), { ...good(), value: 'misschien' }, s.auth),
        422,
        'unknown-option',
      );
      expect(unknown.errors![0]!.pointer).toBe('/value');
    }));

  it('an expired resume code → 410; an unknown one → 404; a malformed one → 422', async () => {
    t.clock.advance(8 * 24 * 3600 * 1000);
    await unchanged(async () => {
      await expectProblem(await t.request('POST', '/api/resume', { code: s.resumeCode }), 410, 'resume-code-expired');
      await expectProblem(await t.request('POST', '/api/resume', { code: 'ABCD-EFGH' }), 404, 'resume-code-unknown');
      await expectProblem(await t.request('POST', '/api/resume', { code: 'O0I1-LLLL' }), 422, 'invalid-code');
    });
  });

  it('an expired session → 410 session-expired', async () => {
    t.clock.advance(31 * 24 * 3600 * 1000);
    await unchanged(async () => {
      await expectProblem(await t.request('POST', answers(), good(), s.auth), 410, 'session-expired');
    });
  });

  it('an unknown tree → 404 with the available trees; an invalid ?lang → 422', () =>
    unchanged(async () => {
      const nope = await t.request('POST', '/api/sessions', { tree: 'demo/onbekend' });
      const body = await expectProblem(nope, 404, 'tree-not-found');
      expect(body.detail).toContain('demo/start');
      const lang = await expectProblem(
        await t.request('GET', `/api/sessions/${s.id}?lang=../../etc`, undefined, s.auth),
        422,
        'validation-failed',
      );
      // A fault in the query string is named by its parameter, as the client spelled it; no pointer into a body.
      expect(lang.errors).toEqual([expect.objectContaining({ parameter: 'lang' })]);
      expect(lang.errors![0]).not.toHaveProperty('pointer');
      const locale = await expectProblem(
        await t.request('GET', `/api/sessions/${s.id}?locale=NL_nl`, undefined, s.auth),
        422,
        'validation-failed',
      );
      expect(locale.errors).toEqual([expect.objectContaining({ parameter: 'locale' })]);
      expect(locale.detail).toContain('query parameter "locale"');
    }));

  it('unknown paths → 404 and wrong methods → 405 with Allow, both problem+json', async () => {
    await expectProblem(await t.request('GET', '/api/nothing-here'), 404, 'not-found');
    const res = await t.request('DELETE', `/api/sessions/${s.id}`);
    await expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toContain('GET');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { key, startSession, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
afterEach(() => t.close());

describe('privacy by design', () => {
  it('logs (at debug level, everything) contain no answers, tokens, codes or report texts', async () => {
    t = await testApp({ config: { logLevel: 'debug' } });
    const s = await startSession(t);
    await t.request(
      'POST',
      `/api/sessions/${s.id}/answers`,
      { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
      s.auth,
    );
    await t.request(
      'POST',
      `/api/sessions/${s.id}/answers`,
      { node: 'naar-oplossing/domeinen', value: ['huishouden'], version: 1, idempotencyKey: key() },
      s.auth,
    );
    await t.request(
      'POST',
      `/api/sessions/${s.id}/answers`,
      { node: 'naar-oplossing/leeftijd', value: 87, version: 2, idempotencyKey: key() },
      s.auth,
    );
    await t.request('POST', '/api/concerns', {
      about: 'kind',
      noticed: 'Geheime-melding-tekst',
      urgency: 'dringend',
      reporter: { name: 'Jansen-Reporter' },
      idempotencyKey: key(),
    });
    // Timestamps and durations are numbers too: drop them so "87" can only be the answer.
    const logs = t.logs.join('\n').replace(/"(time|ms)":[\d.]+/g, '');
    expect(t.logs.length).toBeGreaterThan(3);
    for (const secret of [s.token, s.resumeCode, s.id, 'huishouden', ':87', '87,', 'Geheime-melding-tekst', 'Jansen-Reporter']) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).toContain('/api/sessions/:id/answers');
  });

  it('tokens are stored only as hashes', async () => {
    t = await testApp();
    const s = await startSession(t);
    const tokens = await t.db.kysely.selectFrom('session_tokens').selectAll().execute();
    const codes = await t.db.kysely.selectFrom('resume_codes').selectAll().execute();
    expect(JSON.stringify([tokens, codes])).not.toContain(s.token);
    expect(JSON.stringify(codes)).not.toContain(s.resumeCode.replace('-', ''));
  });
});

describe('security headers and CORS', () => {
  it('sets CSP and hardening headers on API responses and errors', async () => {
    t = await testApp();
    for (const res of [await t.request('GET', '/api/trees'), await t.request('GET', '/api/nope')]) {
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it("allows only the municipality's own origins", async () => {
    t = await testApp({ config: { corsOrigins: { demo: ['https://www.demo.nl'] } } });
    const preflight = await t.request('OPTIONS', '/api/sessions', undefined, {
      origin: 'https://www.demo.nl',
      'access-control-request-method': 'POST',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.demo.nl');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const foreign = await t.request('OPTIONS', '/api/sessions', undefined, {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await t.request('POST', '/api/sessions', { tree: 'demo/start' }, { origin: 'https://www.demo.nl' });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.demo.nl');
    expect(ok.headers.get('access-control-expose-headers')).toBe('retry-after');
    expect(ok.headers.get('vary')).toContain('Origin');
    // Errors too: the widget must be able to read a problem+json from another origin.
    const missing = await t.request('GET', '/api/sessions/nope', undefined, { origin: 'https://www.demo.nl', authorization: 'Bearer x' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('access-control-allow-origin')).toBe('https://www.demo.nl');
    const refused = await t.request('POST', '/api/sessions', { tree: 'demo/start' }, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await refused.json()).toMatchObject({ code: 'origin-not-allowed' });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession, SessionState } from '../api/contract.js';
import { cryptoIds, type IdSource } from '../ids.js';
import { key, startSession, tableCounts, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
afterEach(() => t.close());

describe('resume codes', () => {
  it('a code (typed loosely) gives a second, independent handle on the same session', async () => {
    t = await testApp();
    const s = await startSession(t);
    await t.request(
      'POST',
      `/api/sessions/${s.id}/answers`,
      { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
      s.auth,
    );
    const typed = ` ${s.resumeCode.toLowerCase().replace('-', ' ')} `;
    const res = await t.request('POST', '/api/resume', { code: typed });
    expect(res.status).toBe(200);
    const resumed = (await res.json()) as CreatedSession;
    expect(resumed).toMatchObject({ id: s.id, resumeCode: s.resumeCode, version: 1 });
    expect(resumed.token).not.toBe(s.token);
    expect(resumed.state.trail.map((e) => e.node)).toEqual(['deur']);
    // Both handles work.
    for (const token of [s.token, resumed.token]) {
      const got = await t.request('GET', `/api/sessions/${s.id}`, undefined, { authorization: `Bearer ${token}` });
      expect(((await got.json()) as SessionState).version).toBe(1);
    }
  });

  it('a fresh code can be issued; the old one keeps working until it expires', async () => {
    t = await testApp();
    const s = await startSession(t);
    const res = await t.request('POST', `/api/sessions/${s.id}/resume-code`, undefined, s.auth);
    expect(res.status).toBe(201);
    const { resumeCode } = (await res.json()) as { resumeCode: string };
    expect(resumeCode).not.toBe(s.resumeCode);
    for (const code of [s.resumeCode, resumeCode]) expect((await t.request('POST', '/api/resume', { code })).status).toBe(200);
  });

  it('attempts are rate limited per client address, right or wrong: 429 with Retry-After', async () => {
    t = await testApp({
      config: {
        rateLimits: {
          sessions: { limit: 100, windowMs: 60_000 },
          resume: { limit: 3, windowMs: 60_000 },
          concerns: { limit: 5, windowMs: 60_000 },
        },
      },
    });
    const s = await startSession(t);
    for (let i = 0; i < 3; i++) expect((await t.request('POST', '/api/resume', { code: 'ABCD-EFGH' })).status).toBe(404);
    const limited = await t.request('POST', '/api/resume', { code: s.resumeCode });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'rate-limited' });
    t.clock.advance(60_000);
    expect((await t.request('POST', '/api/resume', { code: s.resumeCode })).status).toBe(200);
  });

  it('session creation is rate limited too', async () => {
    t = await testApp({
      config: {
        rateLimits: {
          sessions: { limit: 2, windowMs: 60_000 },
          resume: { limit: 3, windowMs: 60_000 },
          concerns: { limit: 5, windowMs: 60_000 },
        },
      },
    });
    await startSession(t);
    await startSession(t);
    const res = await t.request('POST', '/api/sessions', { tree: 'demo/start' });
    expect(res.status).toBe(429);
  });

  it('a new code that equals a live one is drawn again: the resident never sees the clash', async () => {
    // ~40 bits: rare, but with enough live codes it happens. Here the source repeats itself.
    const codes = ['K7MW-4QPX', 'K7MW-4QPX', 'K7MW-4QPX', 'Z9NB-8RTS', 'K7MW-4QPX', 'Z9NB-8RTS', 'H3JC-6WYE'];
    const ids: IdSource = { ...cryptoIds, resumeCode: () => codes.shift()! };
    t = await testApp({ ids });
    const first = await startSession(t);
    const second = await startSession(t);
    expect([first.resumeCode, second.resumeCode]).toEqual(['K7MW-4QPX', 'Z9NB-8RTS']);
    // A fresh code for a session: two clashes, then a free one.
    const res = await t.request('POST', `/api/sessions/${first.id}/resume-code`, {}, first.auth);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { resumeCode: string }).resumeCode).toBe('H3JC-6WYE');
    // Each code still leads to its own session.
    for (const [code, id] of [
      ['K7MW-4QPX', first.id],
      ['Z9NB-8RTS', second.id],
      ['H3JC-6WYE', first.id],
    ]) {
      const resumed = await t.request('POST', '/api/resume', { code });
      expect(((await resumed.json()) as CreatedSession).id).toBe(id);
    }
  });

  it('a random source that only repeats itself is a fault, and nothing is half-stored', async () => {
    t = await testApp({ ids: { ...cryptoIds, resumeCode: () => 'K7MW-4QPX' } });
    await startSession(t);
    const before = await tableCounts(t.db);
    const res = await t.request('POST', '/api/sessions', { tree: 'demo/start' });
    expect(res.status).toBe(500);
    expect(await tableCounts(t.db)).toEqual(before);
    expect(t.logs.join('\n')).toMatch(/5 draws of fresh ids and codes all clashed/);
  });
});

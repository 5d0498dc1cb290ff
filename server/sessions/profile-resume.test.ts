import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession, SessionState } from '../api/contract.js';
import { key, startSession, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
afterEach(() => t.close());

describe('profile facts across a resumed session', () => {
  it('a handle resumed by code finds the facts answered: the second domain does not ask the age again', async () => {
    t = await testApp({ config: { treeDirs: [resolve('test/fixtures/profile')] } });
    const s = await startSession(t, { tree: 'profile/start' });
    let version = 0;
    const send = async (auth: Record<string, string>, node: string, value: unknown) => {
      const res = await t.request('POST', `/api/sessions/${s.id}/answers`, { node, value, version, idempotencyKey: key() }, auth);
      expect(res.status, await res.clone().text()).toBe(200);
      version++;
      return (await res.json()) as SessionState;
    };
    await send(s.auth, 'domeinen', ['vervoer', 'huishouden']);
    await send(s.auth, 'elk/vervoer/zelf~voor-wie', 'naaste');
    await send(s.auth, 'elk/vervoer/zelf', false);
    await send(s.auth, 'elk/vervoer/zelf~r1~leeftijd', 80);

    const res = await t.request('POST', '/api/resume', { code: s.resumeCode });
    expect(res.status).toBe(200);
    const resumed = (await res.json()) as CreatedSession;
    expect(resumed.state.step.id).toBe('elk/huishouden/hoe-lang~tijdelijk');
    // The other person is asked about, not the asker.
    expect(resumed.state.step.text).toBe('Is het probleem van de persoon tijdelijk, bijvoorbeeld na een operatie?');
    const other = { authorization: `Bearer ${resumed.token}` };
    await send(other, 'elk/huishouden/hoe-lang~tijdelijk', false);
    const next = await send(other, 'elk/huishouden/schoon', false);
    // Over 75, known from the transport domain: the home visit, with no age question in between.
    expect(next.step.kind).toBe('end');
    expect(next.trail.map((e) => e.node)).toEqual([
      'domeinen',
      'elk/vervoer/zelf~voor-wie',
      'elk/vervoer/zelf',
      'elk/vervoer/zelf~r1~leeftijd',
      'elk/huishouden/hoe-lang~tijdelijk',
      'elk/huishouden/schoon',
    ]);
    expect(next.advice!.map((a) => a.id)).toContain('huishouden/huisbezoek');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key, startSession } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let mila: StaffAgent;
beforeEach(async () => {
  t = await staffTest();
  await t.addAccount('mila', 'medewerker');
  mila = await t.login('mila');
});
afterEach(() => t.close());

describe("console: the caller's language", () => {
  it('shows it, reads the consent out in it (recorded so), and gives the resident-facing texts in the chosen language', async () => {
    const resident = await startSession(t, { tree: 'demo/start', locale: 'en' });
    const texts = (await (await mila.call('GET', '/api/staff/consent-texts?lang=en')).json()) as { resume: string };
    expect(texts.resume).toMatch(/^You have already answered some questions online/);
    const found = await mila.call('POST', '/api/staff/find', {
      query: resident.resumeCode,
      channel: 'telefoon',
      consent: true,
      consentLocale: 'en',
    });
    expect(found.status).toBe(200);
    const { token } = (await found.json()) as { token: string };
    const headers = { 'x-session-token': token };
    const [consent] = (await t.kit.repo.consents(resident.id)).filter((c) => c.purpose === 'resume');
    expect(consent!.consent_text).toBe(texts.resume);

    const view = async (query: string) =>
      (await (await mila.call('GET', `/api/staff/sessions/${resident.id}${query}`, undefined, { headers })).json()) as {
        callerLocale: string;
        state: { step: { text: string } };
      };
    expect(await view('')).toMatchObject({ callerLocale: 'en', state: { step: { text: 'What do you want to do?' } } });
    expect(await view('?lang=nl')).toMatchObject({ callerLocale: 'en', state: { step: { text: 'Wat wil je doen?' } } });
    const answered = await mila.call(
      'POST',
      `/api/staff/sessions/${resident.id}/answers?lang=nl`,
      { node: 'deur', value: 'helpen', version: 0, idempotencyKey: key(), channel: 'telefoon' },
      { headers },
    );
    expect(((await answered.json()) as { trail: { question: string }[] }).trail[0]!.question).toBe('Wat wil je doen?');
    const bad = await mila.call('GET', `/api/staff/sessions/${resident.id}?lang=${encodeURIComponent('<x>')}`, undefined, { headers });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { parameter: string }[] }).errors[0]!.parameter).toBe('lang');
  });
});

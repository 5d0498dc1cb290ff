// @vitest-environment happy-dom
// What happens when the network or the server lets the resident down: nothing is lost, the same
// request is resent, conflicts are explained, a reload continues, and 14 023 is always offered.
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../server/api/contract.js';
import '../widget/index.js';
import { API, button, choose, contractServer, deep, focused, mount, until, waitForHeading } from './widget-helpers.js';

const { server, seen, app, record } = await contractServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
  seen.length = 0;
  server.resetHandlers();
});
afterAll(() => server.close());

const answerBodies = () =>
  seen.filter((r) => r.path.endsWith('/answers')).map((r) => r.body as { node: string; idempotencyKey: string; version: number });
const stored = () =>
  JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find((k) => k.startsWith('vraagwijzer:'))!)!) as Record<string, string>;

async function atFirstQuestion() {
  const el = await mount('demo/start');
  await waitForHeading(el, 'Wat wil je doen?');
  return el;
}

describe('resilience', () => {
  it('offline: keeps the pending answer and resends it with the same idempotency key', async () => {
    const el = await atFirstQuestion();
    server.use(
      http.post(
        `${API}/api/sessions/:id/answers`,
        async ({ request }) => {
          await record(request);
          return HttpResponse.error(); // the request never reached the server
        },
        { once: true },
      ),
    );
    choose(el, 'Ik zoek een oplossing');
    button(el, 'Volgende').click();
    const alert = await until(() => deep(el, '[role=alert]'), 'network alert');
    expect(alert.textContent).toContain('Er is geen verbinding. Je antwoord is niet kwijt.');
    expect(alert.textContent).toContain('14 023');
    // Still on the same question, with the answer still chosen.
    expect(deep<HTMLInputElement>(el, 'input[value=oplossing]')!.checked).toBe(true);
    const retry = button(el, 'Opnieuw proberen');
    expect(focused()).toBe(retry);
    retry.click(); // back online
    await waitForHeading(el, 'Waar wil je hulp bij?');
    expect(deep(el, '[role=alert]')).toBeUndefined();
    const [failed, resent] = answerBodies();
    expect(resent).toEqual(failed); // same node, value, version and idempotency key
  });

  it('offline during a change that the server did apply: the resend is recognised, not applied twice', async () => {
    const el = await atFirstQuestion();
    // The server commits the answer but the reply never arrives (connection dropped).
    server.use(
      http.post(
        `${API}/api/sessions/:id/answers`,
        async ({ request }) => {
          await record(request);
          const applied = await app.fetch(request);
          expect(applied.status).toBe(200);
          return HttpResponse.error();
        },
        { once: true },
      ),
    );
    choose(el, 'Ik zoek een oplossing');
    button(el, 'Volgende').click();
    await until(() => deep(el, '[role=alert]'), 'network alert');
    button(el, 'Opnieuw proberen').click();
    await waitForHeading(el, 'Waar wil je hulp bij?');
    const keys = answerBodies().map((b) => b.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    // Applied once: no 409 on the resend, and the trail holds the answer once.
    expect(deep(el, '.notice')).toBeUndefined();
    const { id, token } = stored();
    const state = (await (
      await fetch(`${API}/api/sessions/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as SessionState;
    expect(state.trail.map((e) => e.node)).toEqual(['deur']);
  });

  it('500: a human message, the 14 023 alternative, and a retry that works', async () => {
    const el = await atFirstQuestion();
    server.use(
      http.post(
        `${API}/api/sessions/:id/answers`,
        () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Internal', status: 500, detail: 'db down', code: 'internal' },
            { status: 500, headers: { 'content-type': 'application/problem+json' } },
          ),
        { once: true },
      ),
    );
    choose(el, 'Ik wil helpen');
    button(el, 'Volgende').click();
    const alert = await until(() => deep(el, '[role=alert]'), 'server alert');
    expect(alert.textContent).toContain('Er ging bij ons iets mis. Dat ligt niet aan jou.');
    expect(alert.textContent).toContain('bel 14 023');
    expect(alert.textContent).not.toContain('db down'); // no developer text for residents
    button(el, 'Opnieuw proberen').click();
    await waitForHeading(el, 'Jouw advies');
  });

  it('409: says the situation changed and shows the state the server sent', async () => {
    const el = await atFirstQuestion();
    // Someone else (a 14 023 agent) answers the same session first.
    const { id, token } = stored();
    const res = await fetch(`${API}/api/sessions/${id}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ node: 'deur', value: 'oplossing', version: 1, idempotencyKey: 'staff-1' }),
    });
    expect(res.status).toBe(200);
    choose(el, 'Ik wil helpen');
    button(el, 'Volgende').click();
    const notice = await until(() => deep(el, '.notice'), 'conflict notice');
    expect(notice.textContent).toContain('De situatie is veranderd');
    await waitForHeading(el, 'Waar wil je hulp bij?'); // the agent's answer, not ours
    const conflict = seen.find((r) => r.path.endsWith('/answers') && (r.body as { idempotencyKey: string }).idempotencyKey !== 'staff-1')!;
    expect((conflict.body as { version: number }).version).toBe(1);
  });

  it('409 carries the state: the widget uses it without another request', async () => {
    const el = await atFirstQuestion();
    const { id, token } = stored();
    const current = (await (
      await fetch(`${API}/api/sessions/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as SessionState;
    const moved: SessionState = { ...current, version: 7, step: { ...current.step, text: 'Door een medewerker aangepast' } };
    server.use(
      http.post(
        `${API}/api/sessions/:id/answers`,
        () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Conflict', status: 409, detail: 'version', code: 'version-conflict', state: moved },
            { status: 409 },
          ),
        { once: true },
      ),
    );
    const before = seen.length;
    choose(el, 'Ik wil helpen');
    button(el, 'Volgende').click();
    await waitForHeading(el, 'Door een medewerker aangepast');
    expect(seen.slice(before).filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it('422: the engine refusal is shown next to the field, nothing else changes', async () => {
    const el = await atFirstQuestion();
    server.use(
      http.post(
        `${API}/api/sessions/:id/answers`,
        () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'x is not an option', code: 'unknown-option' },
            { status: 422 },
          ),
        { once: true },
      ),
    );
    choose(el, 'Ik wil helpen');
    button(el, 'Volgende').click();
    const err = await until(() => deep(el, '#err'), 'field error');
    expect(err.textContent).toContain('Dit antwoord kunnen we niet gebruiken');
    expect(deep(el, 'fieldset')!.getAttribute('aria-describedby')).toContain('err');
    expect(deep(el, 'h2[data-heading]')!.textContent).toBe('Wat wil je doen?');
  });

  it('reload mid-session continues where the resident was; sessionStorage holds only id and token', async () => {
    const el = await atFirstQuestion();
    choose(el, 'Ik zoek een oplossing');
    button(el, 'Volgende').click();
    await waitForHeading(el, 'Waar wil je hulp bij?');
    expect(Object.keys(stored()).sort()).toEqual(['id', 'token']);
    el.remove(); // the page goes away…
    const again = await mount('demo/start'); // …and comes back
    await waitForHeading(again, 'Waar wil je hulp bij?');
    expect(seen.filter((r) => r.method === 'POST' && r.path === '/api/sessions')).toHaveLength(1);
  });

  it('a stored session the server no longer knows starts a fresh one', async () => {
    sessionStorage.setItem(`vraagwijzer:${API}:demo/start`, JSON.stringify({ id: 'weg', token: 'oud' }));
    const el = await mount('demo/start');
    await waitForHeading(el, 'Wat wil je doen?');
    expect(stored().id).not.toBe('weg');
  });
});

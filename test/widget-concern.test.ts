// @vitest-environment happy-dom
// The concern door: the advice offers the report form, the form asks the minimum (anonymous by
// default) and ends with a reference and a status link that works without the session.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConcernRequest } from '../server/api/contract.js';
import '../widget/index.js';
import { button, choose, contractServer, deep, deepAll, mount, type, until, waitForHeading } from './widget-helpers.js';

const { server, seen } = await contractServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
  seen.length = 0;
});
afterAll(() => server.close());

async function toAdvice(el: HTMLElement) {
  await waitForHeading(el, 'Is er nu direct gevaar?');
  choose(el, 'Nee');
  button(el, 'Volgende').click();
  await waitForHeading(el, 'Over wie maak je je zorgen?');
  choose(el, 'Een buurman');
  button(el, 'Volgende').click();
  await waitForHeading(el, 'Sinds wanneer maak je je zorgen?');
  type(el, '2026-01-15');
  button(el, 'Volgende').click();
  await waitForHeading(el, 'Wat zie je?');
  choose(el, 'De persoon is veel alleen');
  button(el, 'Volgende').click();
  await waitForHeading(el, 'Hoeveel uur per week help je nu?');
  type(el, '4');
  button(el, 'Volgende').click();
  await waitForHeading(el, 'Goed om te weten');
  expect(deep(el, '.card strong')!.textContent).toBe('Goed dat je dit meldt.');
  expect(deep<HTMLAnchorElement>(el, '.card a')!.href).toBe('https://example.org/');
  button(el, 'Volgende').click();
  await waitForHeading(el, 'Wil je nog iets vertellen?');
  expect(deep(el, '#hint')!.textContent).toContain('Nog 300 tekens over.');
  type(el, 'Ze doet de deur niet meer open.');
  await until(() => deep(el, '#hint')!.textContent!.includes('Nog 269 tekens over.'), 'counter update');
  button(el, 'Volgende').click();
  await waitForHeading(el, 'Jouw advies');
}

describe('concern report', () => {
  it('spoed comes first when there is danger', async () => {
    const el = await mount('demo/proef');
    await waitForHeading(el, 'Is er nu direct gevaar?');
    choose(el, 'Ja');
    button(el, 'Volgende').click();
    await waitForHeading(el, 'Jouw advies');
    const first = deep(el, 'article')!;
    expect(first.className).toBe('spoed');
    expect(first.querySelector('h4')!.textContent).toBe('Bel 112');
  });

  it('links phone numbers and shows residents no "not checked" badge, even on an unverified field', async () => {
    const el = await mount('demo/proef');
    await toAdvice(el);
    const card = deepAll(el, '[part=service-card]')[0]!;
    const phone = [...card.querySelectorAll('dd')].find((d) => d.textContent!.includes('023 789 1234'))!;
    expect(phone.querySelector('a')!.getAttribute('href')).toBe('tel:0237891234');
    // The fixture marks contact.phone unverified: that list is for the municipality (tree book), not the resident.
    expect(phone.textContent!.trim()).toBe('023 789 1234');
    expect(card.textContent).not.toMatch(/niet gecontroleerd|nog niet gecontroleerd/);
    expect(card.textContent).toContain('Ma–vr 9.00–17.00');
  });

  it('sends a minimal, anonymous report and shows the reference and status', async () => {
    const el = await mount('demo/proef');
    await toAdvice(el);
    button(el, 'Zorg melden').click();
    await waitForHeading(el, 'Je zorg melden');
    const form = deep(el, 'vw-concern-form')!.shadowRoot!;
    expect(form.textContent).toContain('Je mag anoniem melden');
    // What the resident answered is filled in already (WCAG 3.3.7): the signs ticked and their own words.
    const noticed = form.querySelector('#noticed') as HTMLTextAreaElement;
    expect(noticed.value).toBe('Signalen: De persoon is veel alleen\nZe doet de deur niet meer open.');
    expect(noticed.getAttribute('maxlength')).toBe('2000');
    // Emptied and sent: every missing field explains itself, tied to it, and the summary links to it.
    noticed.value = '';
    button(el, 'Verstuur melding').click();
    await until(() => form.querySelector('#noticed-err'), 'field errors');
    expect(form.querySelector('#noticed')!.getAttribute('aria-describedby')).toBe('noticed-hint noticed-err');
    expect(form.querySelector('#noticed')!.getAttribute('aria-invalid')).toBe('true');
    const links = [...form.querySelectorAll('[data-summary] a')].map((a) => [a.getAttribute('href'), a.textContent!.trim()]);
    expect(links).toEqual([
      ['#about-kind', 'Kies één antwoord.'],
      ['#noticed', 'Vul dit veld in.'],
      ['#urgency-niet-dringend', 'Kies één antwoord.'],
      ['#contact-yes', 'Kies één antwoord.'],
    ]);
    (form.querySelector('#about-oudere') as HTMLInputElement).checked = true;
    (form.querySelector('#urgency-binnen-een-week') as HTMLInputElement).checked = true;
    (form.querySelector('#noticed') as HTMLTextAreaElement).value = 'Ik zie haar niet meer buiten.';
    (form.querySelector('#area') as HTMLInputElement).value = 'Schalkwijk';
    const anonymous = form.querySelector('#contact-no') as HTMLInputElement;
    anonymous.checked = true;
    anonymous.dispatchEvent(new Event('change'));
    button(el, 'Verstuur melding').click();
    await waitForHeading(el, 'Je melding is ontvangen');
    const sent = seen.find((r) => r.path === '/api/concerns')!.body as ConcernRequest;
    expect(sent).toMatchObject({
      about: 'oudere',
      urgency: 'binnen-een-week',
      noticed: 'Ik zie haar niet meer buiten.',
      area: 'Schalkwijk',
      reporter: null,
    });
    expect(sent.sessionId).toBeTruthy();
    expect(sent.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    const link = deepAll<HTMLAnchorElement>(el, 'a').find((a) => a.textContent!.includes('Bekijk later'))!;
    expect(link.getAttribute('href')).toMatch(/^http:\/\/api\.test\/demo\/status#t=[0-9a-f]+$/);
    const status = await until(
      () =>
        deepAll(el, 'vw-concern-status')
          .map((s) => s.shadowRoot!.textContent!)
          .find((t) => t.includes('Ontvangen')),
      'status',
    );
    expect(status).toContain('ZM-');
  });
});

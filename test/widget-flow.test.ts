// @vitest-environment happy-dom
// The resident widget against the API contract (msw in front of the engine-backed fake): the happy
// path to the advice, focus and announcements, changing an answer, language switch, resume code.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../widget/index.js';
import { button, choose, contractServer, deep, deepAll, focused, mount, type, until, waitForHeading } from './widget-helpers.js';

const { server, seen } = await contractServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
  seen.length = 0;
  server.resetHandlers();
});
afterAll(() => server.close());

async function next(el: HTMLElement, expect: string) {
  button(el, 'Volgende').click();
  return waitForHeading(el, expect);
}

/** A new widget, walked through the oplossing door with one life domain to the age question. */
async function toAgeQuestion(domain = 'Vervoer') {
  const el = await mount('demo/start');
  await waitForHeading(el, 'Wat wil je doen?');
  choose(el, 'Ik zoek een oplossing');
  await next(el, 'Waar wil je hulp bij?');
  choose(el, domain);
  await next(el, 'Hoe oud ben je?');
  return el;
}

describe('<vraag-wijzer> happy path', () => {
  it('walks the oplossing door to a pyramid-ordered advice with reasons and service cards', async () => {
    const el = await mount('demo/start');
    await waitForHeading(el, 'Wat wil je doen?');
    expect(deep(el, 'legend h2')).toBeTruthy(); // the question is the fieldset's legend
    choose(el, 'Ik zoek een oplossing');
    const h = await next(el, 'Waar wil je hulp bij?');
    expect(focused()).toBe(h); // focus follows the step
    expect(deep(el, '[aria-live=polite]')!.textContent).toContain('Waar wil je hulp bij?');
    choose(el, 'Vervoer');
    await next(el, 'Hoe oud ben je?');
    expect(deep(el, '#unit')!.textContent).toBe('jaar');
    type(el, '80');
    await next(el, 'Goed om te weten');
    expect(deep(el, '.card')!.textContent).toContain('We stellen nu vragen per onderwerp.');
    await next(el, 'Kan iemand uit je omgeving helpen?');
    choose(el, 'Nee');
    const advice = await next(el, 'Jouw advies');
    expect(focused()).toBe(advice);
    const titles = deepAll(el, 'article h4').map((x) => x.textContent);
    expect(titles).toEqual(['Buurthuis (vervoer)', 'Huisbezoek']); // informeel before algemeen
    const levels = deepAll(el, 'article .level').map((x) => x.textContent);
    expect(levels).toEqual(['Hulp uit de buurt', 'Voor iedereen']);
    // One line per item first: the rest of each item is folded, its "why" inside the fold.
    expect(deepAll(el, 'section.part > h3').map((x) => x.textContent)).toEqual(['Stap voor stap']);
    expect(deepAll(el, 'details.more > summary').map((x) => x.textContent)).toEqual([
      'Lees meer over: Buurthuis (vervoer)',
      'Lees meer over: Huisbezoek',
    ]);
    // Print loses nothing: every fold opens before printing.
    window.dispatchEvent(new Event('beforeprint'));
    expect(deepAll(el, 'details').every((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const why = deepAll(el, 'details.more details')[1]!;
    expect(why.querySelector('summary')!.textContent).toBe('Waarom krijg ik dit advies?');
    expect(why.textContent).toContain('Je bent 75 of ouder.');
    expect(why.textContent).toMatch(/Hoe oud ben je\?: ?80 jaar/);
    expect(
      deep<HTMLAnchorElement>(el, 'a[href^="tel:"]:not([href="tel:112"]):not([href="tel:113"]):not([href="tel:08002000"])')!.getAttribute(
        'href',
      ),
    ).toBe('tel:14023');
    // The answers overview sits under the plan, for print as well.
    const answers = deep(el, 'vw-answers')!.shadowRoot!;
    expect([...answers.querySelectorAll('dt')].map((d) => d.textContent)).toEqual([
      'Wat wil je doen?',
      'Hulp bij',
      'Hoe oud ben je?',
      'Hulp van je omgeving',
    ]);
    const overview = deepAll(el, 'dd > span:first-child').map((d) => d.textContent?.trim());
    expect(overview).toEqual(expect.arrayContaining(['Ik zoek een oplossing', 'Vervoer', '80 jaar', 'Nee']));
    // Every answer went out with its own idempotency key.
    const keys = seen.filter((r) => r.path.endsWith('/answers')).map((r) => (r.body as { idempotencyKey: string }).idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    // The plan came only with the last state: every state-changing request asked for that.
    const steps = seen.filter((r) => r.method === 'POST' && /\/api\/sessions(\/[^/]+\/(answers|back))?$/.test(r.path));
    expect(steps.length).toBe(keys.length + 1);
    expect(steps.map((r) => r.query.get('advice'))).toEqual(steps.map(() => 'when-done'));
  });

  it('shows the "Direct hulp nodig?" numbers on every screen', async () => {
    const el = await mount('demo/start');
    await waitForHeading(el, 'Wat wil je doen?');
    const hrefs = deepAll<HTMLAnchorElement>(el, 'aside a').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['tel:112', 'tel:08002000', 'tel:113']);
  });

  it('explains a missing answer next to the field and does not send it', async () => {
    const el = await mount('demo/start');
    await waitForHeading(el, 'Wat wil je doen?');
    const before = seen.length;
    button(el, 'Volgende').click();
    const err = await until(() => deep(el, '#err'), 'error message');
    expect(err.textContent).toContain('Kies één antwoord.');
    expect(deep(el, 'fieldset')!.getAttribute('aria-describedby')).toContain('err');
    expect(deepAll(el, 'input[type=radio]').every((r) => r.getAttribute('aria-invalid') === 'true')).toBe(true);
    expect(seen.length).toBe(before);
  });

  it('checks numbers against the range before sending', async () => {
    const el = await toAgeQuestion('Huishouden');
    type(el, '130');
    button(el, 'Volgende').click();
    const err = await until(() => deep(el, '#err'), 'range error');
    expect(err.textContent).toContain('van 0 tot en met 120');
    const input = deep<HTMLInputElement>(el, '#f')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('err');
  });

  it('changes an earlier answer from the overview in one step, keeping the later answers that still fit', async () => {
    const el = await toAgeQuestion();
    type(el, '40');
    await next(el, 'Goed om te weten');
    button(el, 'Bekijk je antwoorden').click();
    await waitForHeading(el, 'Jouw antwoorden');
    button(el, 'Wijzig – Hulp bij').click();
    await waitForHeading(el, 'Waar wil je hulp bij?');
    // The earlier choice is ticked: the resident changes only what was wrong.
    expect(deepAll<HTMLInputElement>(el, 'input[type=checkbox]').map((c) => c.checked)).toEqual([true, false]);
    choose(el, 'Huishouden');
    // The age still applies: the resident lands where they were, not back at "Hoe oud ben je?".
    await next(el, 'Goed om te weten');
    button(el, 'Bekijk je antwoorden').click();
    await waitForHeading(el, 'Jouw antwoorden');
    expect(deep(el, 'vw-answers')!.shadowRoot!.textContent).toContain('40 jaar');
  });

  it('keeps the answer when the resident decides not to change it after all', async () => {
    const el = await toAgeQuestion();
    button(el, 'Bekijk je antwoorden').click();
    await waitForHeading(el, 'Jouw antwoorden');
    button(el, 'Wijzig – Wat wil je doen?').click();
    await waitForHeading(el, 'Wat wil je doen?');
    button(el, 'Niet wijzigen').click();
    await waitForHeading(el, 'Hoe oud ben je?');
  });

  it('switches the interface and the tree texts to English', async () => {
    const el = await mount('demo/start');
    await waitForHeading(el, 'Wat wil je doen?');
    button(el, 'English').click();
    await waitForHeading(el, 'What do you want to do?');
    expect(el.getAttribute('lang')).toBe('en');
    expect(button(el, 'Next')).toBeTruthy();
    expect(deep(el, 'aside h2')!.textContent).toBe('Need help right now?');
    // The next reply stays in English although the session was created in Dutch.
    choose(el, 'I look for a solution');
    button(el, 'Next').click();
    await waitForHeading(el, 'What do you need help with?');
  });

  it('shows a speakable resume code and continues elsewhere with it', async () => {
    const el = await mount('demo/start');
    await waitForHeading(el, 'Wat wil je doen?');
    choose(el, 'Ik zoek een oplossing');
    await next(el, 'Waar wil je hulp bij?');
    button(el, 'Bewaar en ga later verder').click();
    await waitForHeading(el, 'Later verder gaan');
    const shown = deep(el, '.code')!.textContent!;
    expect(shown).toMatch(/^[A-Z0-9]{3,4}( [A-Z0-9]{3,4})+$/);
    expect(deep(el, 'vw-resume-code')!.shadowRoot!.textContent).toContain('Bel 14 023 en noem deze code');
    // Another device: nothing in sessionStorage, only the code.
    el.remove();
    sessionStorage.clear();
    const other = await mount('demo/start');
    await waitForHeading(other, 'Wat wil je doen?');
    button(other, 'Verder met een code').click();
    await waitForHeading(other, 'Verder met een code');
    type(other, shown.toLowerCase(), '#code');
    button(other, 'Ga verder').click();
    await waitForHeading(other, 'Waar wil je hulp bij?');
    expect(deep(other, '.notice')!.textContent).toContain('Welkom terug');
    // The handed-over state is shaped as the widget's others are: the plan only at the end.
    expect(seen.filter((r) => r.path === '/api/resume').map((r) => r.query.get('advice'))).toEqual(['when-done']);
  });
});

describe('save and continue later after a reload', () => {
  it('asks the server for a fresh code when this tab no longer has one', async () => {
    const first = await mount('demo/start');
    await waitForHeading(first, 'Wat wil je doen?');
    first.remove();
    const el = await mount('demo/start'); // reload: the code from POST /api/sessions is gone
    await waitForHeading(el, 'Wat wil je doen?');
    button(el, 'Bewaar en ga later verder').click();
    await waitForHeading(el, 'Later verder gaan');
    expect(seen.some((r) => r.method === 'POST' && r.path.endsWith('/resume-code'))).toBe(true);
    expect(deep(el, '.code')!.textContent).toMatch(/^[A-Z0-9]{3,4}( [A-Z0-9]{3,4})+$/);
  });
});

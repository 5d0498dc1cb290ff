// Every question kind as a plain form (the "proef" tree of the browser tests has them all): what
// the resident enters arrives as the engine's value, and a wrong entry is explained on the field.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoBundleDir } from '../../test/e2e-server.js';
import { testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const bundle = await demoBundleDir();
  cleanup = bundle.cleanup;
  t = await testApp({ config: { treeDirs: [bundle.dir] } });
});
afterAll(async () => {
  await t?.close();
  await cleanup?.();
});

let cookie = '';
async function send(method: string, path: string, form?: Record<string, string | string[]>) {
  const body = form && new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])));
  const res = await t.app.request(path, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(body ? { body: body.toString() } : {}),
  });
  const set = res.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0]!;
  return res;
}
const hidden = (page: string) =>
  Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));

/** Answers the page's form; returns the next page (after the redirect) or the refusal. */
async function answer(page: string, value: string | string[] | undefined) {
  const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!;
  const res = await send('POST', action, {
    ...hidden(page.slice(0, page.indexOf('</form>'))),
    ...(value === undefined ? {} : { answer: value }),
  });
  if (res.status === 303) return { status: 303, page: await (await send('GET', res.headers.get('location')!)).text() };
  return { status: res.status, page: await res.text() };
}

it('walks yes/no, single, date, multi, number, info and text to the advice, refusing wrong entries on the field', async () => {
  let page = await (await send('GET', '/vraagwijzer/demo?tree=proef')).text();
  expect(page).toContain('<legend><h1>Is er nu direct gevaar?</h1></legend>');
  expect(page).toContain('type="radio" name="answer" id="answer-1" value="nee"');
  page = (await answer(page, 'nee')).page;
  expect(page).toContain('<label for="answer-0">Een buurman of buurvrouw');
  page = (await answer(page, 'buur')).page;

  expect(page).toContain('<h1><label for="answer">Sinds wanneer maak je je zorgen?</label></h1>');
  expect(page).toContain('type="date"');
  let refused = await answer(page, 'gisteren');
  expect(refused.status).toBe(422);
  expect(refused.page).toContain('<a href="#answer">Vul een bestaande datum in.</a>');
  expect(refused.page).toMatch(/aria-describedby="answer-hint answer-error" aria-invalid="true" value="gisteren"/);
  // A browser without a date picker gives a text field; the Dutch way of writing a date is read too.
  page = (await answer(refused.page, '15-03-2025')).page;

  refused = await answer(page, undefined);
  expect(refused.status).toBe(422);
  expect(refused.page).toContain('<a href="#answer-0">Geef een antwoord om verder te gaan.</a>');
  page = (await answer(refused.page, ['geld', 'eenzaam'])).page;

  expect(page).toContain('<span>uur</span>');
  refused = await answer(page, '200');
  expect(refused.page).toContain('<a href="#answer">Vul een getal in van 0 tot en met 168.</a>');
  page = (await answer(refused.page, '12')).page;

  // The info screen: markdown as HTML, only "Volgende".
  expect(page).toContain('<strong>Goed dat je dit meldt.</strong>');
  expect(page).toContain('<a href="https://example.org" rel="noopener noreferrer">de website</a>');
  page = (await answer(page, undefined)).page;

  expect(page).toContain('<textarea rows="5" maxlength="300"');
  page = (await answer(page, '')).page;
  expect(page).toContain('<h1>Jouw advies</h1>');
  expect(page).toContain('<h3 id="t-proef/melden">Meld je zorg</h3>');
  expect(page).toContain('href="tel:0237891234"');
  // A field the municipality has not checked yet is shown without a badge (issue 17: residents see none).
  expect(page).toContain('<a href="tel:0237891234">023 789 1234</a></dd>');
  expect(page).not.toContain('niet gecontroleerd');
  expect(page).toContain('href="/vraagwijzer/demo/zorg">Zorg melden</a>');

  const id = /^vw_sessie=([^.]+)\./.exec(cookie)![1]!;
  const values = (await t.deps.store.sessions.events(id)).map((e) => [e.node, e.value]);
  expect(values).toEqual([
    ['gevaar', false],
    ['wie', 'buur'],
    ['sinds', '2025-03-15'],
    ['signalen', ['eenzaam', 'geld']],
    ['uren', 12],
    ['uitleg', null],
    ['toelichting', ''],
  ]);
});

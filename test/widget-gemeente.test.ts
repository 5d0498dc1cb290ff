// @vitest-environment happy-dom
// A second municipality needs no code change: the real server (server/app.ts on an in-memory
// database) serves test/fixtures/gemeenten/duinstad next to the demo bundle, and the same widget
// shows each one's own contact number, help bar, theme and labels – and generic words when a
// municipality has no gemeente.json, never another municipality's number.
import { resolve } from 'node:path';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, testApp } from '../server/testing/test-app.js';
import '../widget/index.js';
import { API, button, choose, deep, deepAll, mount, until, waitForHeading } from './widget-helpers.js';

const t = await testApp({ config: { treeDirs: [resolve('test/fixtures/gemeenten/duinstad'), DEMO_DIR] } });
let withoutConfig = false;
const server = setupServer(
  http.all(`${API}/api/*`, ({ request }) => {
    // "A municipality without gemeente.json": the real answer for such a folder, for every gemeente.
    if (withoutConfig && new URL(request.url).pathname.startsWith('/api/gemeenten/'))
      return t.app.fetch(new Request(`${API}/api/gemeenten/nergens`));
    return t.app.fetch(request);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
  withoutConfig = false;
});
afterAll(async () => {
  server.close();
  await t.close();
});

const helpBar = (el: HTMLElement) => deepAll<HTMLAnchorElement>(el, 'aside li a').map((a) => [a.textContent, a.getAttribute('href')]);
const text = (el: HTMLElement, tag: string) => deep(el, tag)!.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function saveCodeText(el: HTMLElement): Promise<string> {
  button(el, 'Bewaar en ga later verder').click();
  await waitForHeading(el, 'Later verder gaan');
  return text(el, 'vw-resume-code');
}

describe('gemeente.json in the widget', () => {
  it("Duinstad's widget names Duinstad's contact centre and shows Duinstad's help bar, theme and layer label", async () => {
    const el = await mount('duinstad/start');
    await waitForHeading(el, 'Kunnen je buren je helpen?');
    await until(() => helpBar(el).length === 2, 'the help bar from gemeente.json');
    expect(helpBar(el)).toEqual([
      ['Levensgevaar: bel 112', 'tel:112'],
      ['Crisisdienst Duinstad: 0255 99 11 11', 'tel:0255991111'],
    ]);
    expect(el.style.getPropertyValue('--vraagwijzer-primary-background-color')).toBe('#005a3c');
    const saved = await saveCodeText(el);
    expect(saved).toContain('Bel 0255 99 00 00 en noem deze code.');
    expect(saved).not.toContain('14 023');
    button(el, 'Terug').click();
    await waitForHeading(el, 'Kunnen je buren je helpen?');
    choose(el, 'Ja');
    button(el, 'Volgende').click();
    await waitForHeading(el, 'Jouw advies');
    expect(deepAll(el, 'article .level').map((x) => x.textContent)).toEqual(['Hulp van Duinstadders']);
  });

  it("in English the municipality's help bar and number come in English too", async () => {
    const el = await mount('duinstad/start', 'en');
    await waitForHeading(el, 'Can your neighbours help you?');
    await until(() => helpBar(el).length === 2, 'the help bar from gemeente.json');
    expect(helpBar(el)[1]).toEqual(['Duinstad crisis service: 0255 99 11 11', 'tel:0255991111']);
    button(el, 'Save and continue later').click();
    await waitForHeading(el, 'Continue later');
    expect(text(el, 'vw-resume-code')).toContain('Call 0255 99 00 00 and say this code.');
  });

  it("the demo municipality's widget, served by the same code, shows the demo's own number", async () => {
    const el = await mount('demo/start');
    await waitForHeading(el, 'Wat wil je doen?');
    await until(() => helpBar(el).length === 3, 'the demo help bar');
    expect(helpBar(el).map(([, tel]) => tel)).toEqual(['tel:112', 'tel:08002000', 'tel:113']);
    expect(await saveCodeText(el)).toContain('Bel 14 023 en noem deze code.');
    expect(el.style.getPropertyValue('--vraagwijzer-primary-background-color')).toBe('');
  });

  it('without a gemeente.json the texts say "de gemeente" with no number, and the help bar keeps the national numbers', async () => {
    withoutConfig = true;
    const el = await mount('duinstad/start');
    await waitForHeading(el, 'Kunnen je buren je helpen?');
    const saved = await saveCodeText(el);
    expect(saved).toContain('Bel de gemeente en noem deze code.');
    expect(saved).not.toMatch(/\d{2} \d{3}|0255/);
    expect(helpBar(el).map(([, tel]) => tel)).toEqual(['tel:112', 'tel:08002000', 'tel:113']);
  });
});

// @vitest-environment happy-dom
// The widget over the server-rendered first paint: an answer picked there before the upgrade is
// picked in the widget's own first question.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { PresentedStep } from '../server/api/contract.js';
import { stepForm } from '../server/nojs/render-step.js';
import { h } from '../server/nojs/html.js';
import '../widget/index.js';
import { API, contractServer, deepAll, waitForHeading } from './widget-helpers.js';

const { server } = await contractServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
  server.resetHandlers();
});
afterAll(() => server.close());

/** The widget's own radios (in its shadow roots), not the first paint's. */
const widgetRadios = (el: HTMLElement) => deepAll<HTMLInputElement>(el, 'input[type=radio]').filter((i) => i.getRootNode() !== document);

// The demo tree's first question (test/fixtures/demo/start.json), as the server renders it.
const FIRST: PresentedStep = {
  id: 'deur',
  kind: 'question',
  text: 'Wat wil je doen?',
  input: {
    type: 'single',
    options: [
      { value: 'oplossing', label: 'Ik zoek een oplossing' },
      { value: 'helpen', label: 'Ik wil helpen' },
    ],
  },
  progress: { done: 0, ahead: 3, percent: 0 },
  canGoBack: false,
};

it('keeps the answer picked in the first paint before the widget took over', async () => {
  const el = document.createElement('vraag-wijzer');
  el.setAttribute('api', API);
  el.setAttribute('tree', 'demo/start');
  el.innerHTML = `<div class="vw-first-paint">${stepForm({ lang: 'nl', step: FIRST, action: '/vraagwijzer/demo', hidden: { node: 'deur' } }, h``)}</div>`;
  el.querySelector<HTMLInputElement>('input[value=helpen]')!.checked = true;
  document.body.append(el);
  await waitForHeading(el, 'Wat wil je doen?');
  expect(widgetRadios(el).length).toBe(2);
  const checked = widgetRadios(el).filter((i) => i.checked);
  expect(checked.map((i) => i.value)).toEqual(['helpen']);
});

it('picks nothing when the first paint was left alone', async () => {
  const el = document.createElement('vraag-wijzer');
  el.setAttribute('api', API);
  el.setAttribute('tree', 'demo/start');
  el.innerHTML = `<div class="vw-first-paint">${stepForm({ lang: 'nl', step: FIRST, action: '/vraagwijzer/demo', hidden: { node: 'deur' } }, h``)}</div>`;
  document.body.append(el);
  await waitForHeading(el, 'Wat wil je doen?');
  expect(widgetRadios(el).length).toBe(2);
  expect(widgetRadios(el).filter((i) => i.checked)).toEqual([]);
});
